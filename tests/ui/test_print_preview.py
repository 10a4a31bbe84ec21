"""Preview and print: a form shown inside the app, printed with the copies and pages the print
dialog chose (to a PDF printer here, as the dialog's "print to file" configures it), saved; the
forms of several selected tickets previewed and printed as one document."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from app.ui.complaints.complaint_dialog import ComplaintDialog
from app.ui.complaints.tab import ComplaintsTab
from app.ui.signals import DataHub
from app.ui.widgets import pdf_preview
from app.ui.widgets.pdf_preview import PRINT_DPI_LIMIT, PdfPreviewDialog
from tests.services import complaint_factory as cf

ROOT = Path(__file__).resolve().parents[2]


def _three_pages() -> bytes:
    """Page 1 portrait, page 2 landscape, page 3 portrait: the printed order shows in the output."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    for number, size in ((1, A4), (2, landscape(A4)), (3, A4)):
        sheet.setPageSize(size)
        sheet.setFont("Helvetica-Bold", 60)
        sheet.drawString(72, size[1] - 144, f"PAGE {number}")
        sheet.rect(36, 36, size[0] - 72, size[1] - 72)
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def _pdf_printer(path: Path, copies: int = 1, pages: tuple[int, int] | None = None) -> QPrinter:
    """A printer as the print dialog leaves it after "print to file", copies and a page range."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setCopyCount(copies)
    if pages is not None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(*pages)
    return printer


def _orientations(path: Path) -> str:
    """P or L per printed sheet, in order."""
    reader = PdfReader(path)
    return "".join(
        "L" if float(page.mediabox.width) > float(page.mediabox.height) else "P"
        for page in reader.pages
    )


def _preview(qtbot, content: bytes, title: str = "测试表单") -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(content, title, f"{title}.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


# ---------------------------------------------------------------- the preview itself


def test_the_preview_pages_through_and_zooms(qtbot):
    dialog = _preview(qtbot, _three_pages())
    assert dialog.page_count == 3
    assert dialog.windowTitle() == "预览:测试表单"
    assert dialog.page_total.text() == "共 3 页"
    assert dialog.page_box.value() == 1 and not dialog.previous_button.isEnabled()

    dialog.next_button.click()
    assert dialog.current_page() == 1 and dialog.page_box.value() == 2
    dialog.last_button.click()
    assert dialog.current_page() == 2 and not dialog.next_button.isEnabled()
    dialog.page_box.setValue(1)
    assert dialog.current_page() == 0

    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findData(1.0))
    dialog.zoom_box.activated.emit(dialog.zoom_box.currentIndex())
    assert dialog.zoom_factor() == pytest.approx(1.0)
    dialog.zoom_in()
    assert dialog.zoom_factor() == pytest.approx(1.25)
    assert dialog.zoom_box.currentText() == "125%"
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.zoom_factor() == pytest.approx(0.75)


def test_print_honours_the_page_range_and_the_copies(qtbot, tmp_path):
    dialog = _preview(qtbot, _three_pages())

    everything = tmp_path / "all.pdf"
    assert dialog.print_to(_pdf_printer(everything)) == 3
    assert _orientations(everything) == "PLP"

    # pages 2-3, two copies, collated (the dialog's default): 2 3 2 3
    collated = tmp_path / "collated.pdf"
    assert dialog.print_to(_pdf_printer(collated, copies=2, pages=(2, 3))) == 4
    assert _orientations(collated) == "LPLP"

    # not collated: 2 2 3 3
    printer = _pdf_printer(tmp_path / "uncollated.pdf", copies=2, pages=(2, 3))
    printer.setCollateCopies(False)
    assert dialog.print_to(printer) == 4
    assert _orientations(tmp_path / "uncollated.pdf") == "LLPP"

    # only the page on screen
    dialog.go_to_page(2)
    printer = _pdf_printer(tmp_path / "current.pdf")
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert dialog.print_to(printer) == 1
    assert _orientations(tmp_path / "current.pdf") == "P"


def test_each_page_is_drawn_as_an_image_at_the_printer_resolution(qtbot, tmp_path):
    dialog = _preview(qtbot, _three_pages())
    out = tmp_path / "page2.pdf"
    printer = _pdf_printer(out, pages=(2, 2))
    assert printer.resolution() >= PRINT_DPI_LIMIT  # a 1200 dpi PDF printer: the limit applies
    dialog.print_to(printer)
    (page,) = PdfReader(out).pages
    (image,) = page.images
    # an A4 landscape page (842 x 595 pt) at 300 dpi
    width, height = landscape(A4)
    assert image.image.size == (
        round(width * PRINT_DPI_LIMIT / 72),
        round(height * PRINT_DPI_LIMIT / 72),
    )
    grey = image.image.convert("L")
    dark = sum(grey.histogram()[:100])
    assert dark > 10_000  # the frame and "PAGE 2" are on the paper, not a blank sheet

    screen = _pdf_printer(tmp_path / "low.pdf")
    screen.setResolution(150)
    dialog.print_to(screen)
    first = PdfReader(tmp_path / "low.pdf").pages[0].images[0]
    assert first.image.size == (round(A4[0] * 150 / 72), round(A4[1] * 150 / 72))


def test_print_goes_through_the_print_dialog(qtbot, tmp_path, monkeypatch):
    dialog = _preview(qtbot, _three_pages())
    seen = {}

    class PrintDialog:
        """What the user does in the system print dialog: a PDF file, 3 copies, pages 1-2."""

        def __init__(self, printer, parent):
            self.printer = printer
            seen["parent"] = parent

        def setWindowTitle(self, title):  # noqa: N802
            seen["title"] = title

        def setOptions(self, options):  # noqa: N802
            seen["options"] = options

        def setMinMax(self, low, high):  # noqa: N802
            seen["range"] = (low, high)

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(tmp_path / "dialog.pdf"))
            self.printer.setCopyCount(3)
            self.printer.setPrintRange(QPrinter.PrintRange.PageRange)
            self.printer.setFromTo(1, 2)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_preview, "QPrintDialog", PrintDialog)
    assert dialog.print_pages()
    assert seen["parent"] is dialog and seen["range"] == (1, 3)
    assert seen["options"] & pdf_preview.QAbstractPrintDialog.PrintDialogOption.PrintPageRange
    assert "测试表单" in seen["title"]
    assert _orientations(tmp_path / "dialog.pdf") == "PLPLPL"
    assert dialog.printed_pages == 6


def test_save_as_writes_the_previewed_pdf(qtbot, tmp_path, save_path):
    content = _three_pages()
    dialog = _preview(qtbot, content)
    save_path["path"] = str(tmp_path / "kept")
    assert dialog.save_as() == tmp_path / "kept.pdf"
    assert (tmp_path / "kept.pdf").read_bytes() == content


def test_the_installer_keeps_the_pdf_and_print_modules():
    spec = (ROOT / "installer.spec").read_text(encoding="utf-8")
    excludes = re.search(r"^excludes = \[(.*?)\]", spec, re.MULTILINE | re.DOTALL).group(1)
    for module in ("QtPdf", "QtPdfWidgets", "QtPrintSupport", "pypdf"):
        assert module not in excludes
        assert f'"PySide6.{module}"' in spec or f'"{module}"' in spec  # named, so it travels


# ---------------------------------------------------------------- forms of the app


@pytest.fixture
def two_tickets(engine):
    oem = cf.customer(engine, "KH-0101", "浙江恒通汽车部件有限公司", type="oem")
    first = cf.register(engine, oem, description="制动钳异响")
    second = cf.register(engine, oem, description="外径超差", part_no="P-2002")
    return first, second


def test_a_ticket_form_is_previewed_and_printed(qtbot, engine, two_tickets, answers, tmp_path):
    first, _second = two_tickets
    dialog = ComplaintDialog(engine, DataHub(), first.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [a.text() for a in dialog.preview_menu.actions()][0] == "8D 报告(客户抱怨处理单)…"
    dialog.preview_actions["eight_d"].trigger()
    op = dialog._ops[-1]
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    preview = op.preview
    qtbot.addWidget(preview)
    assert preview.isVisible() and first.number in preview.windowTitle()
    assert preview.page_count >= 1
    assert preview.file_name.endswith(f"{first.number}.pdf")
    assert preview.parent() is dialog

    out = tmp_path / "8D.pdf"
    printer = _pdf_printer(out, copies=2, pages=(1, 1))
    assert preview.print_to(printer) == 2
    assert len(PdfReader(out).pages) == 2
    text = PdfReader(io.BytesIO(preview.content)).pages[0].extract_text()
    assert first.number in text  # the previewed bytes are the ticket's 8D report


def test_batch_print_of_two_selected_tickets(
    qtbot, engine, two_tickets, wait_list, answers, tmp_path
):
    first, second = two_tickets
    tab = ComplaintsTab(engine, DataHub())
    qtbot.addWidget(tab)
    tab.show()
    wait_list(tab)
    _queue, asked = answers
    assert tab.print_selected("eight_d") is None  # nothing selected: said, not printed
    assert asked == ["请先选择一个或多个投诉单。"]

    tab.view.selectAll()
    assert sorted(tab.selected_ids()) == sorted([first.id, second.id])
    tab.print_actions["quality_feedback"].trigger()
    op = tab.last_print
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    preview = op.preview
    qtbot.addWidget(preview)
    reader = PdfReader(io.BytesIO(preview.content))
    per_ticket = [
        [i for i, page in enumerate(reader.pages) if number in page.extract_text()]
        for number in (first.number, second.number)
    ]
    assert all(per_ticket) and not set(per_ticket[0]) & set(per_ticket[1])
    assert preview.page_count == len(reader.pages)
    assert "2" in preview.windowTitle()

    out = tmp_path / "batch.pdf"
    assert preview.print_to(_pdf_printer(out)) == preview.page_count
    assert len(PdfReader(out).pages) == preview.page_count


def test_batch_print_of_selected_customer_files(qtbot, engine, wait_list, answers):
    from app.ui.customers.tab import CustomersTab

    first = cf.customer(engine, "KH-0201", "长春华通汽车有限公司")
    second = cf.customer(engine, "KH-0202", "浙江远航机电有限公司")
    tab = CustomersTab(engine, DataHub())
    qtbot.addWidget(tab)
    tab.show()
    wait_list(tab)
    tab.view.selectAll()
    assert sorted(tab.selected_ids()) == sorted([first, second])
    tab.preview_button.click()
    op = tab.last_print
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    preview = op.preview
    qtbot.addWidget(preview)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(preview.content)).pages)
    assert "KH-0201" in text and "KH-0202" in text
    assert preview.windowTitle() == "预览:顾客档案(2 份)"
