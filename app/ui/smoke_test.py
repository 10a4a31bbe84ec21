"""`qualitydesk --smoke-test`: open the window, wait for its first paint, quit with exit code 0.

Checks that a built app (scripts/smoke_frozen.sh: the PyInstaller folder) starts for real: Qt's
plugins, the fonts, translations, migrations and the data layer are all found, and the main
window is painted; then the modules the window imports only on first use (the PDF preview,
Qt's PDF module) are imported too, and in Chinese Qt's own standard buttons must read Chinese
(Qt's qtbase_zh_CN.qm is shipped and loaded). No paint within the time limit: exit code 3; a
module that cannot be imported: 4; Qt's buttons in English in the Chinese window: 5.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from app.i18n import current_language
from app.ui.record_tabs import RECORD_TABS

NO_PAINT_EXIT_CODE = 3
IMPORT_EXIT_CODE = 4
QT_TRANSLATION_EXIT_CODE = 5
# what the window imports only when first used: Qt's PDF module (preview and print), the record
# tabs (app/ui/record_tabs.py) and the dialogs of the menus and the status bar
LATER_MODULES = (
    "app.ui.printing",
    "app.ui.widgets.pdf_preview",
    *(module for module, _class_name in RECORD_TABS.values()),
    "app.ui.complaints.due_dialog",
    "app.ui.settings.dialog",
    "app.ui.help",
)
TIME_LIMIT_MS = 120_000


def _say(text: str) -> None:
    # the windowed program on Windows has no console: sys.stderr is None there
    if sys.stderr is not None:
        print(f"QualityDesk smoke test: {text}", file=sys.stderr, flush=True)


class QuitAfterFirstPaint(QObject):
    """Watches the application's paint events; the first one of `window` (or a widget inside
    it) ends the event loop with 0 once that paint is done (`quit`: the application's exit)."""

    def __init__(
        self,
        application: QApplication,
        window: QWidget,
        time_limit_ms: int,
        quit: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(application)
        self.application = application
        self.quit = quit or application.exit
        self.window = window
        self.painted = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._too_late)
        self.timer.start(time_limit_ms)
        application.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            not self.painted
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.painted = True
            self.timer.stop()
            self.application.removeEventFilter(self)
            size = self.window.size()
            _say(
                f"the window is painted ({size.width()}×{size.height()}): {self.window.windowTitle()}"
            )
            QTimer.singleShot(0, self._import_the_rest)  # after this paint
        return False

    def _import_the_rest(self) -> None:
        for name in LATER_MODULES:
            try:
                importlib.import_module(name)
            except Exception as error:  # noqa: BLE001  (reported, the exit code says it)
                _say(f"{name} cannot be imported: {error!r}")
                self.quit(IMPORT_EXIT_CODE)
                return
        _say(f"imported {', '.join(LATER_MODULES)}")
        problem = qt_translation_problem()
        if problem:
            _say(problem)
            self.quit(QT_TRANSLATION_EXIT_CODE)
            return
        self.quit(0)

    def _too_late(self) -> None:
        _say(f"the window was not painted within {self.timer.interval() // 1000} s")
        self.quit(NO_PAINT_EXIT_CODE)


def qt_translation_problem() -> str | None:
    """In the Chinese window Qt's own Cancel button (message boxes, file dialogs …) reads 取消."""
    if current_language() != "zh_CN":
        return None
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    if text != "取消":
        return f"Qt's own buttons are not translated: Cancel reads {text!r} (qtbase_zh_CN.qm)"
    _say("Qt's own buttons are in Chinese")
    return None


def quit_after_first_paint(
    application: QApplication,
    window: QWidget,
    time_limit_ms: int = TIME_LIMIT_MS,
    quit: Callable[[int], None] | None = None,
) -> QuitAfterFirstPaint:
    return QuitAfterFirstPaint(application, window, time_limit_ms, quit)
