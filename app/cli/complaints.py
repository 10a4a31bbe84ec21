"""Commands for complaint tickets: list, import an old ledger, ledger/tracking workbooks, forms."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.cli.common import (
    PROG,
    CommandError,
    CommandGroups,
    Handler,
    PagedProgress,
    Progress,
    backup_before_import,
    check_output,
    day_arg,
    format_table,
    json_value,
    local_text,
    open_engine,
    print_json,
    write_failed,
    writing,
)
from app.i18n import current_language, pick

_COMPLAINT_STATUS_CHOICES = ("open", "closed", "reopened", "cancelled")


def _complaint_status(text: str) -> str:
    """open / closed / reopened / cancelled, or the label (处理中, 已结案, Closed …)."""
    from app.services.complaint_data import STATUS_LABELS

    wanted = text.strip().lower()
    for value, (zh, en) in STATUS_LABELS.items():
        if wanted in (value, en.lower()) or text.strip() == zh:
            return value
    raise argparse.ArgumentTypeError(
        f"invalid status {text!r} (choose from {', '.join(_COMPLAINT_STATUS_CHOICES)} "
        "or 处理中/已结案/已重开/已作废)"
    )


def _complaint_filters(parser: argparse.ArgumentParser, with_status: bool) -> None:
    parser.add_argument("--from", dest="date_from", type=day_arg, metavar="DATE", help="received on or after")  # fmt: skip
    parser.add_argument("--to", dest="date_to", type=day_arg, metavar="DATE", help="received on or before")  # fmt: skip
    if with_status:
        parser.add_argument(
            "--status",
            type=_complaint_status,
            metavar="S",
            help="open, closed, reopened or cancelled (处理中, 已结案, 已重开, 已作废)",
        )
        parser.add_argument(
            "--search", metavar="TEXT", default="", help="number, customer, product, part, text"
        )


def complaint_json(complaint) -> dict[str, object]:  # noqa: ANN001  (ComplaintData)
    """One whole ticket as JSON-ready data: field names as keys, times in ISO form."""
    return json_value(asdict(complaint))  # type: ignore[return-value]


def _complaint_filter(args: argparse.Namespace):  # noqa: ANN202
    from app.services.complaint_data import ComplaintFilter

    start, end = args.date_from, args.date_to
    if start and end and start > end:
        raise CommandError(
            pick(
                f"--from {start} 晚于 --to {end}。",
                f"--from {start} is after --to {end}.",
            )
        )
    return ComplaintFilter(
        text=getattr(args, "search", ""),
        status=getattr(args, "status", None),
        received_from=start,
        received_to=end,
    )


def _list_complaints(args: argparse.Namespace) -> int:
    from app.models.common import utcnow
    from app.services import complaint_service
    from app.services.complaint_data import (
        SEVERITY_LABELS,
        STATUS_LABELS,
        URGENCY_LABELS,
        label,
        step_label,
    )

    engine = open_engine(args)
    flt = _complaint_filter(args)
    if args.json:
        print_json(complaint_json(c) for c in complaint_service.iter_complaints(engine, flt))
        return 0
    ids = complaint_service.search_ids(engine, flt, sort="number", descending=False)
    rows = {}
    for start in range(0, len(ids), 500):  # rows_for_ids is meant for a page of ids
        rows.update(complaint_service.rows_for_ids(engine, ids[start : start + 500]))
    now = utcnow()
    headers = [
        pick("编号", "Number"),
        pick("接收时间", "Received"),
        pick("顾客", "Customer"),
        pick("产品型号", "Product"),
        pick("不良类别", "Defect"),
        pick("严重度", "Severity"),
        pick("紧急度", "Urgency"),
        pick("状态", "Status"),
        pick("8D进度", "8D step"),
        pick("下一期限", "Next deadline"),
        pick("逾期", "Overdue"),
        pick("负责人", "Owner"),
    ]
    table = []
    overdue_count = 0
    for complaint_id in ids:
        r = rows[complaint_id]
        overdue = r.status == "open" and r.next_due is not None and r.next_due < now
        overdue_count += overdue
        table.append(
            [
                r.number,
                local_text(r.received_at),
                r.customer_name,
                r.product_model,
                r.defect_category,
                label(SEVERITY_LABELS, r.severity),
                label(URGENCY_LABELS, r.urgency),
                label(STATUS_LABELS, r.status),
                step_label(r.current_step) if r.status == "open" else "",
                local_text(r.next_due),
                pick("逾期", "overdue") if overdue else "",
                r.owner,
            ]
        )
    print(format_table(headers, table))
    print(
        pick(
            f"共 {len(ids)} 张抱怨单,逾期 {overdue_count} 张。",
            f"{len(ids)} ticket(s), {overdue_count} overdue.",
        )
    )
    return 0


def _import_complaints(args: argparse.Namespace) -> int:
    """Check the file; unless --dry-run, hold the data file's lock, back up, then import."""
    with nullcontext() if args.dry_run else writing(args):
        return _check_and_import_complaints(args)


def _check_and_import_complaints(args: argparse.Namespace) -> int:
    from openpyxl.utils import get_column_letter

    from app.services import complaint_import, settings_service
    from app.services.validation import ValidationError

    lang = current_language()
    try:
        sheet = complaint_import.read_sheet(args.file, args.sheet)
    except complaint_import.ImportFileError as exc:
        raise CommandError(exc.message(lang)) from exc
    mapping = complaint_import.suggest_mapping(sheet.headers)
    missing = complaint_import.missing_required(mapping)
    if missing:
        names = "、".join(complaint_import.field_label(f, lang) for f in missing)
        raise CommandError(
            pick(
                f"{sheet.path.name} 的表头(第 {sheet.header_row} 行)中找不到这些列:{names}。",
                f"The header (row {sheet.header_row}) of {sheet.path.name} has no column for: {names}.",
            )
        )
    engine = open_engine(args)
    print(
        pick(
            f"文件 {sheet.path.name},工作表“{sheet.sheet_name}”,表头在第 {sheet.header_row} 行。",
            f"File {sheet.path.name}, sheet “{sheet.sheet_name}”, header in row {sheet.header_row}.",
        )
    )
    for column, header in enumerate(sheet.headers):
        if not header:
            continue
        target = mapping.get(column)
        shown = (
            complaint_import.field_label(target, lang) if target else pick("(不导入)", "(skipped)")
        )
        print(f"  {get_column_letter(column + 1)} {header} → {shown}")
    rows = complaint_import.build_rows(sheet, mapping)
    report = complaint_import.validate_rows(engine, rows, sheet)
    print(report.summary(lang))
    for line in report.lines(lang):
        print("  " + line)
    if report.invalid and not args.only_valid:
        print(
            pick(
                f"{PROG}: 有 {report.invalid} 行数据有误,未导入任何数据(改正文件,或用 --only-valid 只导入有效行)。",
                f"{PROG}: {report.invalid} row(s) have errors; nothing was imported "
                "(fix the file, or use --only-valid to import the valid rows).",
            ),
            file=sys.stderr,
        )
        return 1
    not_open = complaint_import.closed_in_ledger(rows)
    if args.dry_run:
        print(
            pick(
                f"仅检查(--dry-run),未写入。将导入 {report.valid} 张抱怨单。",
                f"Checked only (--dry-run); nothing written. {report.valid} ticket(s) would be imported.",
            )
        )
        return 0
    backup_before_import(engine)
    progress = Progress(report.valid)
    try:
        stored = complaint_import.commit(
            engine,
            rows,
            only_valid=args.only_valid,
            user=settings_service.current_user(engine),
            progress=progress,
        )
    except ValidationError as exc:  # a number or customer changed since the check
        first = next(iter(exc.messages(lang).values()), str(exc))
        raise CommandError(
            pick(f"未导入任何数据:{first}", f"Nothing was imported: {first}")
        ) from exc
    except complaint_import.ImportNotAllowed as exc:
        raise CommandError(exc.message(lang)) from exc
    finally:
        progress.finish()
    print(pick(f"已导入 {stored} 张抱怨单。", f"{stored} ticket(s) imported."))
    if not_open:
        print(
            pick(
                f"其中 {not_open} 张在旧台账中已结案或作废,保留原状态(只读)。",
                f"{not_open} of them are closed or cancelled in the old ledger and keep that "
                "status (read-only).",
            )
        )
    return 0


def _export_complaint_ledger(args: argparse.Namespace) -> int:
    from app.services import ledger_data, settings_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args, reading=True)
    flt = _complaint_filter(args)
    lang = current_language()
    from app.reports.excel.complaint_ledger_xlsx import period_text, write_complaint_ledger

    # the ledger's columns are read a few tickets at a time and go straight into the file
    progress = PagedProgress(0)
    try:
        written = write_complaint_ledger(
            output,
            ledger_data.iter_ledger(engine, flt, progress=progress),
            read_first=lambda count: ledger_data.iter_ledger(engine, flt, limit=count),
            lang=lang,
            title_period=period_text(args.date_from, args.date_to, lang),
            company=settings_service.load(engine).company_name,
        )
    except OSError as exc:
        raise write_failed(output, exc) from exc
    finally:
        progress.finish()
    print(
        pick(
            f"已导出 {written} 张抱怨单到 {output}",
            f"{written} ticket(s) written to {output}",
        )
    )
    return 0


def _export_tracking_list(args: argparse.Namespace) -> int:
    from app.services import complaint_service, settings_service

    lang = current_language()
    if args.output:
        output = Path(args.output).expanduser()
    else:
        stem = pick("客户抱怨处理追踪一览表", "complaint-tracking-list", lang)
        output = Path(f"{stem}-{date.today():%Y%m%d}.xlsx")
    check_output(output)
    engine = open_engine(args)
    from app.reports.excel.tracking_list_xlsx import write_tracking_list

    progress = PagedProgress(0)
    try:
        count = write_tracking_list(
            output,
            (
                c
                for c in complaint_service.iter_complaints(engine, progress=progress)
                if c.status != "cancelled"
            ),
            lang=lang,
            company=settings_service.load(engine).company_name,
        )
    except OSError as exc:
        raise write_failed(output, exc) from exc
    finally:
        progress.finish()
    print(
        pick(
            f"已导出 {count.tickets} 张抱怨单({count.actions} 项措施)到 {output}",
            f"{count.tickets} ticket(s) with {count.actions} action(s) written to {output}",
        )
    )
    return 0


# command → (module under app.reports.pdf, function)
_FORMS = {
    "8d": ("eight_d_pdf", "eight_d_pdf"),
    "quality-feedback": ("quality_feedback_pdf", "quality_feedback_pdf"),
    "capa": ("capa_pdf", "capa_pdf"),
    "prevent-recurrence": ("prevent_recurrence_pdf", "prevent_recurrence_pdf"),
}


def _photos(engine, complaint) -> list[tuple[str, bytes]]:  # noqa: ANN001
    """The ticket's image attachments (caption, bytes); a missing file is named on stderr."""
    from app.services import attachment_service

    photos = []
    for attachment in complaint.attachments:
        if not attachment.is_image:
            continue
        content = attachment_service.read_bytes(engine, attachment)
        if content is None:
            path = attachment_service.file_path(engine, attachment)
            print(
                pick(
                    f"{PROG}: 附件“{attachment.file_name}”的文件缺失或已损坏({path}),报告中不含此照片。",
                    f"{PROG}: the file of attachment “{attachment.file_name}” is missing or "
                    f"damaged ({path}); the report goes without this photo.",
                ),
                file=sys.stderr,
            )
            continue
        photos.append((attachment.caption or attachment.file_name, content))
    return photos


def _export_form(args: argparse.Namespace) -> int:
    import importlib

    from app.services import complaint_service, settings_service
    from app.services.validation import FieldError

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    complaint = complaint_service.get_by_number(engine, args.number)
    if complaint is None:
        raise CommandError(
            FieldError("ticket_not_found", {"number": args.number.strip()}).message()
        )
    module_name, function_name = _FORMS[args.what]
    render = getattr(importlib.import_module(f"app.reports.pdf.{module_name}"), function_name)
    settings = settings_service.load(engine)
    if args.what == "8d":
        form_lang = args.lang or current_language()
        pdf = render(complaint, settings, lang=form_lang, photos=_photos(engine, complaint))
    else:
        pdf = render(complaint, settings, lang=current_language())
    try:
        from app.reports.files import write_atomically

        write_atomically(output, pdf)
    except OSError as exc:
        raise write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))
    return 0


def add_parsers(groups: CommandGroups) -> None:
    complaints = groups.list_what.add_parser(
        "complaints", help="print the complaint tickets", parents=[groups.common]
    )
    complaints.add_argument("--json", action="store_true", help="a JSON array of whole tickets")
    _complaint_filters(complaints, with_status=True)
    imp_complaints = groups.import_what.add_parser(
        "complaints",
        help="import an old complaint ledger (.xlsx), keeping its numbers",
        parents=[groups.common],
        description="Customers are found by code or exact name; rows with errors are listed; "
        "then nothing is imported unless --only-valid. Tickets come in open: a ledger row "
        "marked closed keeps its old status and closing date in D8 and is closed in the app.",
    )
    imp_complaints.add_argument("file", metavar="FILE.xlsx", help="the ledger")
    imp_complaints.add_argument(
        "--sheet", metavar="NAME", help="the sheet (default: the first with a header)"
    )
    imp_complaints.add_argument(
        "--only-valid", action="store_true", help="import the valid rows, leave out the others"
    )
    imp_complaints.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    ledger = groups.export_what.add_parser(
        "complaint-ledger",
        help="the complaint ledger 客户抱怨处理总表 as Excel",
        parents=[groups.common],
        description="One row per ticket received in the range (every ticket without one); "
        "overdue open tickets are highlighted.",
    )
    ledger.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="workbook to write")  # fmt: skip
    _complaint_filters(ledger, with_status=False)
    tracking = groups.export_what.add_parser(
        "tracking-list",
        help="the tracking list 客户抱怨处理追踪一览表 as Excel",
        parents=[groups.common],
        description="One row per corrective/preventive action of every ticket that is not "
        "cancelled, and a sheet with the deadlines of the open tickets; overdue highlighted.",
    )
    tracking.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help="workbook to write (default: "
        "客户抱怨处理追踪一览表-YYYYMMDD.xlsx or complaint-tracking-list-YYYYMMDD.xlsx here)",
    )  # fmt: skip
    for name, help_text, parent in (
        ("8d", "the 8D report 客户抱怨处理单 as PDF", groups.common_bilingual),
        ("quality-feedback", "the quality information feedback form as PDF", groups.common),
        ("capa", "the corrective/preventive action record as PDF", groups.common),
        ("prevent-recurrence", "the prevent-recurrence report as PDF", groups.common),
    ):
        form = groups.export_what.add_parser(name, help=help_text, parents=[parent])
        form.add_argument("number", metavar="NUMBER", help="ticket number, e.g. KS-2024-0012")
        form.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")  # fmt: skip


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("list", "complaints"): _list_complaints,
    ("import", "complaints"): _import_complaints,
    ("export", "complaint-ledger"): _export_complaint_ledger,
    ("export", "tracking-list"): _export_tracking_list,
    **{("export", form): _export_form for form in _FORMS},
}
