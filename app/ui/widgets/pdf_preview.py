"""A form shown inside the app before it is printed for signature: Qt's PDF module draws the pages
(scroll, go to a page, zoom); "Print…" sends them to a printer with the copies and the pages the
print dialog asks for, "Save as…" writes the PDF where the user chooses.

Printing renders each page with QPdfDocument.render at the printer's resolution (at most
PRINT_DPI_LIMIT, which keeps an A4 page near 35 MB in memory while it is drawn) and draws it on
the paper; the PDF's own margins stay, the page is turned to the PDF page's orientation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PRINT_DPI_LIMIT = 300
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_WIDTH, FIT_PAGE = "fit_width", "fit_page"


def pages_to_print(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The 0-based pages the print dialog chose (all, a range such as 1-3,5, or the current)."""
    every = list(range(page_count))
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [current_page] if 0 <= current_page < page_count else []
    if mode != QPrinter.PrintRange.PageRange:
        return every
    ranges = printer.pageRanges()
    bounds = (
        [(r.from_, r.to) for r in ranges.toRangeList()]
        if not ranges.isEmpty()
        else [(printer.fromPage(), printer.toPage())]
    )
    chosen: list[int] = []
    for first, last in bounds:
        if first <= 0:  # "no range" in QPrinter's words
            return every
        for number in range(first, min(last, page_count) + 1):
            if number - 1 not in chosen:
                chosen.append(number - 1)
    return chosen


def print_sequence(printer: QPrinter, pages: list[int]) -> list[int]:
    """The pages in the order they go to the paper, copies included.

    A printer that makes its own copies (most system printers) gets each page once; otherwise
    (a PDF file, some drivers) the copies are printed here, collated or page by page.
    """
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    if printer.collateCopies():
        return [page for _copy in range(copies) for page in pages]
    return [page for page in pages for _copy in range(copies)]


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    pages: list[int],
    on_page: Callable[[int, int], bool] | None = None,
) -> int:
    """Draw the pages on the printer; returns how many sheets were printed.

    on_page(done, total) is called before each page; returning False stops (the job is aborted).
    """
    sequence = print_sequence(printer, pages)
    if not sequence:
        return 0
    printer.setFullPage(True)  # the PDF page carries its own margins
    _orient(printer, document, sequence[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QApplication.translate("PdfPreview", "The printer could not be started."))
    printed = 0
    try:
        for done, page in enumerate(sequence):
            if on_page is not None and not on_page(done, len(sequence)):
                printer.abort()
                break
            if done:
                _orient(printer, document, page)
                printer.newPage()
            _draw_page(painter, printer, document, page)
            printed += 1
    finally:
        painter.end()
    return printed


def _orient(printer: QPrinter, document: QPdfDocument, page: int) -> None:
    size = document.pagePointSize(page)
    landscape = size.width() > size.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    resolution = printer.resolution()
    paper = QRectF(printer.pageLayout().fullRectPixels(resolution))
    points = document.pagePointSize(page)
    dpi = min(resolution, PRINT_DPI_LIMIT)
    image = document.render(
        page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    )
    # the PDF page fitted to the paper, its proportions kept, centred
    scale = min(paper.width() / points.width(), paper.height() / points.height())
    width, height = points.width() * scale, points.height() * scale
    target = QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


class PdfPreviewDialog(QDialog):
    """The pages of one PDF (bytes or a file) with navigation, zoom, Print… and Save as…."""

    def __init__(
        self,
        content: bytes | Path,
        title: str,
        file_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview: {title}").format(title=title))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.file_name = file_name or f"{title}.pdf"
        self.saved_to: Path | None = None
        self.printed_pages = 0
        if isinstance(content, Path):
            content = content.read_bytes()
        self.content = bytes(content)
        # the document reads from this buffer for as long as it is shown
        self._bytes = QByteArray(self.content)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self._build()
        self._fit(FIT_WIDTH)
        self._page_changed(0)
        screen = self.screen().availableGeometry() if self.screen() else None
        height = min(980, screen.height() - 60) if screen else 900
        self.resize(860, max(height, 520))

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(self.document)
        self.view.setPageSpacing(12)
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._page_changed)

        self.first_button = self._tool_button("«", self.tr("First page (Home)"), self.first_page)
        self.previous_button = self._tool_button(
            "‹", self.tr("Previous page (Page Up)"), self.previous_page
        )
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, max(self.page_count, 1))
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.page_total = QLabel(self.tr("of {count}").format(count=self.page_count), self)
        self.next_button = self._tool_button("›", self.tr("Next page (Page Down)"), self.next_page)
        self.last_button = self._tool_button("»", self.tr("Last page (End)"), self.last_page)

        self.zoom_out_button = self._tool_button("−", self.tr("Zoom out (Ctrl+-)"), self.zoom_out)
        self.zoom_box = QComboBox(self)
        self.zoom_box.addItem(self.tr("Fit width"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Whole page"), FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom_box.addItem(f"{factor:.0%}", factor)
        self.zoom_box.activated.connect(lambda index: self._fit(self.zoom_box.itemData(index)))
        self.zoom_in_button = self._tool_button("+", self.tr("Zoom in (Ctrl++)"), self.zoom_in)

        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setToolTip(self.tr("Save this PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setToolTip(self.tr("Choose the printer, copies and pages (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_pages)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        for button in (self.save_button, self.print_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        for widget in (self.first_button, self.previous_button, self.page_box, self.page_total,
                       self.next_button, self.last_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_box, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_pages),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence(Qt.Key.Key_Home), self.first_page),
            (QKeySequence(Qt.Key.Key_End), self.last_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def _tool_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setMinimumWidth(28)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ pages

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count - 1))
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def first_page(self) -> None:
        self.go_to_page(0)

    def last_page(self) -> None:
        self.go_to_page(self.page_count - 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        last = self.page_count - 1
        for button, enabled in (
            (self.first_button, page > 0),
            (self.previous_button, page > 0),
            (self.next_button, page < last),
            (self.last_button, page < last),
        ):
            button.setEnabled(enabled)

    # ------------------------------------------------------------------ zoom

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def _fit(self, choice: str | float) -> None:
        page = self.current_page() if hasattr(self, "navigator") else 0
        # "whole page" shows one page at a time, whole; the others scroll through every page
        self.view.setPageMode(
            QPdfView.PageMode.SinglePage if choice == FIT_PAGE else QPdfView.PageMode.MultiPage
        )
        if choice == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(choice))
        index = self.zoom_box.findData(choice)
        if index < 0:  # a factor the list does not hold
            index = self.zoom_box.count()
            self.zoom_box.addItem(f"{float(choice):.0%}", choice)
        self.zoom_box.setCurrentIndex(index)
        if page > 0:  # the page being read stays in view at its new size (once laid out)
            self.go_to_page(page)
            QTimer.singleShot(0, lambda: self.go_to_page(page))

    def _step_zoom(self, up: bool) -> None:
        current = self.zoom_factor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._fitted_factor()
        steps = [f for f in ZOOM_STEPS if (f > current + 0.01 if up else f < current - 0.01)]
        if steps:
            self._fit(steps[0] if up else steps[-1])

    def _fitted_factor(self) -> float:
        """The zoom a fitted page shows at, as a factor of the page's size at 100 %."""
        if self.page_count == 0:
            return 1.0
        points = self.document.pagePointSize(self.current_page())
        width_at_100 = points.width() * self.logicalDpiX() / 72
        return self.view.viewport().width() / width_at_100 if width_at_100 else 1.0

    def zoom_in(self) -> None:
        self._step_zoom(True)

    def zoom_out(self) -> None:
        self._step_zoom(False)

    # ------------------------------------------------------------------ print and save

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages the printer's settings ask for (its range, copies, collation)."""
        pages = pages_to_print(printer, self.page_count, self.current_page())
        total = len(print_sequence(printer, pages))
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, max(total, 1), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def on_page(done: int, count: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            self.printed_pages = print_document(self.document, printer, pages, on_page)
        finally:
            progress.close()
            progress.deleteLater()
        return self.printed_pages

    def print_pages(self) -> bool:
        """The print dialog (printer, copies, page range); then the pages go to the printer."""
        if self.page_count == 0:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.file_name).stem)
        printer.setFromTo(1, self.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {name}").format(name=Path(self.file_name).stem))
        dialog.setOptions(
            QAbstractPrintDialog.PrintDialogOption.PrintPageRange
            | QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
            | QAbstractPrintDialog.PrintDialogOption.PrintToFile
            | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
            | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
        )
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            printed = self.print_to(printer)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Printing failed"), str(error))
            return False
        return printed > 0

    def save_as(self) -> Path | None:
        from app.reports.files import write_atomically
        from app.ui.exporting import ask_save_path

        path = ask_save_path(
            self, self.tr("Save as PDF"), self.file_name, self.tr("PDF files (*.pdf)")
        )
        if path is None:
            return None
        try:
            write_atomically(path, self.content)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Saving failed"),
                self.tr("The file could not be written: {reason}").format(
                    reason=error.strerror or str(error)
                ),
            )
            return None
        self.saved_to = path
        return path
