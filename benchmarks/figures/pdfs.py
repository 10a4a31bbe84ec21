"""8D reports: the app's PDF of a ticket against the same tables built with bare ReportLab.

The app's figure is what exporting a ticket's 8D report costs: reading the ticket (with its
actions and photos) and building the form with its page frame. The baseline takes the tables
of that very report (the cell texts, column widths and spans the app laid out, images at the
same size) and builds them with a bare SimpleDocTemplate: no data file, no page frame, plain
paragraphs in the same CJK font.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field

from figures.timing import Figure, median

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")


@dataclass
class BareTable:
    rows: list[list[object]]  # str, or ("image", bytes, width, height)
    widths: list[float]
    spans: list[tuple] = field(default_factory=list)


def _text(flowable) -> object:  # noqa: ANN001
    """What a cell shows, as plain text (images kept as images)."""
    from reportlab.platypus import Image, Paragraph, Table

    if flowable is None:
        return ""
    if isinstance(flowable, str):
        return flowable
    if isinstance(flowable, Paragraph):
        return flowable.text
    if isinstance(flowable, Image):
        return ("image", flowable, flowable.drawWidth, flowable.drawHeight)
    if isinstance(flowable, Table):
        return " ".join(str(_text(c)) for row in flowable._cellvalues for c in row)
    if isinstance(flowable, (list, tuple)):
        return " ".join(str(_text(f)) for f in flowable if not isinstance(_text(f), tuple))
    for name in ("_content", "_flowables"):  # KeepTogether and friends
        inner = getattr(flowable, name, None)
        if inner:
            return " ".join(str(_text(f)) for f in inner)
    return ""


def _tables(story) -> list[object]:  # noqa: ANN001
    """The story reduced to BareTables and heading texts, in order."""
    from reportlab.platypus import Paragraph, Table

    out: list[object] = []
    for flowable in story:
        if isinstance(flowable, Table):
            rows = [[_text(cell) for cell in row] for row in flowable._cellvalues]
            out.append(BareTable(rows, list(flowable._colWidths), list(flowable._spanCmds)))
        elif isinstance(flowable, Paragraph):
            out.append(flowable.text)
        else:
            for name in ("_content", "_flowables"):
                inner = getattr(flowable, name, None)
                if inner:
                    out.extend(_tables(inner))
                    break
    return out


def capture_tables(complaint, settings, photos) -> list[object]:  # noqa: ANN001
    """The report's tables as eight_d_pdf lays them out (its story, taken before building)."""
    from app.reports.pdf import eight_d_pdf as module

    captured: list[object] = []
    original = module.build_form_pdf
    module.build_form_pdf = lambda meta, story: captured.extend(_tables(story)) or b""
    try:
        module.eight_d_pdf(complaint, settings, "zh_CN", photos)
    finally:
        module.build_form_pdf = original
    return captured


def bare_pdf(spec: list[object]) -> bytes:
    """The same tables with bare ReportLab: Paragraph cells in the CJK font, a grid, A4."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Table, TableStyle

    from app.reports.pdf.layout import FONT_NAME, register_fonts

    register_fonts()
    style = ParagraphStyle("cell", fontName=FONT_NAME, fontSize=9, leading=12, wordWrap="CJK")
    story: list[object] = []
    for item in spec:
        if isinstance(item, str):
            story.append(Paragraph(item, style))
            continue
        rows = []
        for row in item.rows:
            cells = []
            for cell in row:
                if isinstance(cell, tuple):
                    _, image, width, height = cell
                    cells.append(Image(io.BytesIO(image._file_bytes), width, height))  # noqa: SLF001
                else:
                    cells.append(Paragraph(str(cell), style) if cell else "")
            rows.append(cells)
        table = Table(rows, colWidths=item.widths, repeatRows=0)
        commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]  # fmt: skip
        table.setStyle(TableStyle(commands + item.spans))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def _photos(engine, complaint) -> list[tuple[str, bytes]]:  # noqa: ANN001
    """The ticket's photos as the form window reads them."""
    from app.services import attachment_service

    photos = []
    for attachment in complaint.attachments:
        if attachment.is_image:
            content = attachment_service.read_bytes(engine, attachment)
            if content is not None:
                photos.append((attachment.caption or attachment.file_name, content))
    return photos


def export_8d(engine, complaint_id: int) -> bytes:  # noqa: ANN001
    """What exporting one ticket's 8D report does: read it, its photos, the settings; build."""
    from app.reports.pdf.eight_d_pdf import eight_d_pdf
    from app.services import complaint_service, settings_service

    complaint = complaint_service.get(engine, complaint_id)
    settings = settings_service.load(engine)
    return eight_d_pdf(complaint, settings, "zh_CN", _photos(engine, complaint))


def ticket_ids(engine, count: int) -> list[int]:  # noqa: ANN001
    """The newest `count` tickets that have actions (a filled-in report), newest first."""
    from sqlalchemy import text

    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT c.id FROM complaint AS c WHERE EXISTS (SELECT 1 FROM corrective_action"
                    " AS a WHERE a.complaint_id = c.id) ORDER BY c.id DESC LIMIT :n"
                ),
                {"n": count},
            ).scalars()
        )


def eight_d(engine, count: int, label: str) -> tuple[Figure, Figure]:  # noqa: ANN001
    """One pass over `count` tickets: for each, the app's 8D report, then the bare baseline of
    the same tables (alternating, so both see the same machine load). One PDF (warm) is the
    median per ticket; the bulk figure is the sum over the pass."""
    from app.services import complaint_service, settings_service

    ids = ticket_ids(engine, count + 3)
    warm, ids = ids[:3], ids[3:]
    for ticket in warm:
        export_8d(engine, ticket)
    app: list[float] = []
    bare: list[float] = []
    pages_app = pages_bare = 0
    for ticket in ids:
        complaint = complaint_service.get(engine, ticket)
        spec = capture_tables(complaint, settings_service.load(engine), _photos(engine, complaint))
        for item in spec:  # image bytes ready before the clock starts, as the app's are read
            if isinstance(item, BareTable):
                for row in item.rows:
                    for cell in row:
                        if isinstance(cell, tuple):
                            cell[1]._file_bytes = _image_bytes(cell[1])  # noqa: SLF001
        start = time.perf_counter()
        pdf = export_8d(engine, ticket)
        app.append(time.perf_counter() - start)
        start = time.perf_counter()
        plain = bare_pdf(spec)
        bare.append(time.perf_counter() - start)
        pages_app += len(PAGE_OBJECT.findall(pdf))
        pages_bare += len(PAGE_OBJECT.findall(plain))
    one = Figure(
        f"one 8D PDF (warm), {label}",
        "≤ 60 ms; ≤ 1.5× bare",
        median(app),
        "s",
        limit=0.060,
        baseline=median(bare),
        baseline_name="same tables, bare ReportLab",
        ratio_limit=1.5,
        runs=len(app),
        samples=app,
        baseline_samples=bare,
        note=f"median over {len(app)} different tickets",
    )
    bulk = Figure(
        f"{len(ids):,} 8D PDFs, {label}",
        "≤ 40 s (1,000); ≤ 1.5× bare",
        sum(app),
        "s",
        limit=40.0 * len(ids) / 1000,
        baseline=sum(bare),
        baseline_name="same tables, bare ReportLab",
        ratio_limit=1.5,
        runs=1,
        note=f"one pass; pages app/bare ≈ {pages_app / max(len(ids), 1):.1f}/{pages_bare / max(len(ids), 1):.1f} per report",
    )
    return one, bulk


def _image_bytes(image) -> bytes:  # noqa: ANN001
    """The encoded bytes behind a ReportLab Image made from a file-like object."""
    source = image.filename
    if hasattr(source, "getvalue"):
        return source.getvalue()
    if hasattr(source, "read"):
        source.seek(0)
        return source.read()
    with open(source, "rb") as handle:
        return handle.read()
