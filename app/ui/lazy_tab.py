"""Tabs built when first opened: the main window starts with only the tab it shows.

A LazyTab stands in the tab widget for a record tab; it builds the real tab the first time it is
shown or asked for (tab()), once, and holds it as its only child from then on. TabPages is the
main window's tab widget: its widget(), currentWidget(), indexOf() and setCurrentWidget() speak
of the real tabs (building one when it is asked for), so no caller needs to know of the stand-ins.
A LazyTab made without its builder waits until ready() gives it: the overview of the window's
frame, painted before the database is open (app/ui/application.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class LazyTab(QWidget):
    built = Signal(QWidget)  # the real tab, once it exists

    def __init__(
        self, build: Callable[[QWidget], QWidget] | None, parent: QWidget | None = None
    ) -> None:
        """build(parent): makes the real tab as a child of parent. None: the tab waits, even
        when shown, until ready() gives it (the window's frame, painted before its data open)."""
        super().__init__(parent)
        self._build: Callable[[QWidget], QWidget] | None = build
        self._tab: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ready(self, build: Callable[[QWidget], QWidget]) -> None:
        """The waiting tab can be built now: at once if it is showing, else when first shown."""
        if self._tab is None:
            self._build = build
            if self.isVisible():
                self.tab()

    def is_built(self) -> bool:
        return self._tab is not None

    def built_tab(self) -> QWidget | None:
        """The real tab if it exists, without building it."""
        return self._tab

    def tab(self) -> QWidget:
        """The real tab, built now if it has not been."""
        if self._tab is None:
            if self._build is None:
                raise RuntimeError("the tab waits for its data (LazyTab.ready)")
            build, self._build = self._build, None  # once, even if building asks for it again
            self._tab = build(self)
            self.layout().addWidget(self._tab)
            self._tab.show()  # added while this page is visible: not shown by itself
            self.built.emit(self._tab)
        return self._tab

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._build is not None:  # before the page's first paint: never seen empty
            self.tab()
        super().showEvent(event)


class TabPages(QTabWidget):
    """A tab widget whose pages may be LazyTabs; its widget-level methods answer with the real
    tabs. (Qt itself still sees the stand-ins: these overrides serve Python callers.)"""

    def page(self, index: int) -> QWidget | None:
        """The widget really at index: a LazyTab for a lazily built tab."""
        return super().widget(index)

    def widget(self, index: int) -> QWidget | None:
        page = self.page(index)
        return page.tab() if isinstance(page, LazyTab) else page

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.widget(self.currentIndex())

    def indexOf(self, widget: QWidget | None) -> int:  # noqa: N802
        for index in range(self.count()):
            page = self.page(index)
            if page is widget or (isinstance(page, LazyTab) and page.built_tab() is widget):
                return index
        return -1

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)
