"""Commands for returns 退货: list, the return report, the rework order, the 三包 form, the summary."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.cli.common import (
    CommandError,
    CommandGroups,
    Handler,
    check_output,
    day_arg,
    format_table,
    json_value,
    open_engine,
    print_json,
    write_output,
)
from app.i18n import current_language, pick

_STATUS_CHOICES = ("open", "disposed", "archived", "cancelled")


def _return_status(text: str) -> str:
    from app.services.return_data import RETURN_STATUS_LABELS

    value = text.strip().lower()
    for key, (zh, en) in RETURN_STATUS_LABELS.items():
        if value in (key, zh, en.lower()):
            return key
    raise argparse.ArgumentTypeError(
        f"unknown status {text!r} (open, disposed, archived, cancelled / 处理中, 已处置, 已归档, 已作废)"
    )


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=day_arg, metavar="DATE", help="received on or after")  # fmt: skip
    parser.add_argument("--to", dest="date_to", type=day_arg, metavar="DATE", help="received on or before")  # fmt: skip


def add_parsers(groups: CommandGroups) -> None:
    listing = groups.list_what.add_parser("returns", help="print the returns", parents=[groups.common])  # fmt: skip
    listing.add_argument("--json", action="store_true", help="a JSON array of whole returns")
    _period(listing)
    listing.add_argument(
        "--status", type=_return_status, metavar="S",
        help="open, disposed, archived or cancelled (处理中, 已处置, 已归档, 已作废)",
    )  # fmt: skip
    listing.add_argument(
        "--search", metavar="TEXT", default="",
        help="number, 入库单, customer, material no./name, batch, linked complaint",
    )  # fmt: skip
    for name, help_text in (
        ("return-report", "the return receipt with inspection and disposition as PDF"),
        ("rework-order", "the rework order(s) 重工工令 of a return as PDF"),
        ("three-guarantees", "the 不良品(三包件)信息反馈表 of a return as PDF"),
    ):
        form = groups.export_what.add_parser(name, help=help_text, parents=[groups.common])
        form.add_argument("number", metavar="NUMBER", help="return number, e.g. TH-2026-0007")
        form.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")  # fmt: skip
    summary = groups.export_what.add_parser(
        "returns-summary",
        help="the returns summary as Excel",
        parents=[groups.common],
        description="By customer, product, defect category, responsibility and disposition for "
        "the returns received in the range (every return without one); cancelled returns are "
        "left out, and bulk returns 统退货 never count as complaints.",
    )
    summary.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="workbook to write")  # fmt: skip
    _period(summary)


def _checked_period(args: argparse.Namespace) -> None:
    start, end = args.date_from, args.date_to
    if start and end and start > end:
        raise CommandError(
            pick(f"--from {start} 晚于 --to {end}。", f"--from {start} is after --to {end}.")
        )


def _list_returns(args: argparse.Namespace) -> int:
    from app.services import return_service
    from app.services.complaint_data import label
    from app.services.return_data import (
        RETURN_RESPONSIBILITY_LABELS,
        RETURN_STATUS_LABELS,
        ReturnFilter,
    )

    engine = open_engine(args)
    _checked_period(args)
    flt = ReturnFilter(
        text=args.search, status=args.status, received_from=args.date_from, received_to=args.date_to
    )
    if args.json:
        returns = return_service.iter_returns(engine, flt)
        print_json(json_value(asdict(r)) for r in returns)  # type: ignore[misc]
        return 0
    ids = return_service.search_ids(engine, flt, sort="number", descending=False)
    rows = {}
    for start in range(0, len(ids), 500):  # rows_for_ids is meant for a page of ids
        rows.update(return_service.rows_for_ids(engine, ids[start : start + 500]))
    headers = [
        pick("编号", "Number"),
        pick("接收日期", "Received"),
        pick("顾客", "Customer"),
        pick("入库单", "Receipt no."),
        pick("统退货", "Bulk"),
        pick("料号", "Items"),
        pick("退货数", "Returned"),
        pick("不良数", "Defective"),
        pick("责任", "Responsibility"),
        pick("状态", "Status"),
        pick("紧急生产", "Urgent"),
        pick("抱怨单", "Complaint"),
    ]
    table = [
        [
            r.number,
            r.received_on.isoformat(),
            r.customer_name,
            r.warehouse_receipt_no,
            pick("是", "yes") if r.bulk else "",
            r.items,
            f"{r.qty_returned:g}",
            f"{r.qty_defective:g}",
            label(RETURN_RESPONSIBILITY_LABELS, r.responsibility) if r.responsibility else "",
            label(RETURN_STATUS_LABELS, r.status),
            pick("紧急生产", "urgent") if r.urgent_production else "",
            r.complaint_number,
        ]
        for r in (rows[i] for i in ids)
    ]
    print(format_table(headers, table))
    urgent = sum(rows[i].urgent_production for i in ids)
    print(
        pick(
            f"共 {len(ids)} 张退货单,需紧急生产 {urgent} 张。",
            f"{len(ids)} return(s), {urgent} needing urgent production.",
        )
    )
    return 0


def _export_form(args: argparse.Namespace) -> int:
    from app.services import attachment_service, return_service, settings_service
    from app.services.validation import FieldError

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    data = return_service.get_by_number(engine, args.number)
    if data is None:
        raise CommandError(
            FieldError("return_not_found", {"number": args.number.strip()}).message()
        )
    settings = settings_service.load(engine)
    lang = current_language()
    if args.what == "return-report":
        from app.reports.pdf.return_report_pdf import return_report_pdf

        photos = {}
        for line in data.lines:
            for attachment in line.attachments:
                if attachment.is_image and (
                    content := attachment_service.read_bytes(engine, attachment)
                ):
                    photos[attachment.stored_name] = content
        pdf = return_report_pdf(data, settings, lang=lang, photos=photos)
    elif args.what == "rework-order":
        from app.reports.pdf.rework_order_pdf import rework_order_pdf

        if not any(line.qty_rework for line in data.lines):
            raise CommandError(
                pick(
                    f"退货单 {data.number} 没有需要重工的明细。",
                    f"Return {data.number} has no line to rework.",
                )
            )
        pdf = rework_order_pdf(data, settings, lang=lang)
    else:
        from app.reports.pdf.three_guarantees_pdf import three_guarantees_pdf

        pdf = three_guarantees_pdf(data, settings, lang=lang)
    write_output(output, pdf)
    return 0


def _export_summary(args: argparse.Namespace) -> int:
    from app.reports.excel.returns_summary_xlsx import returns_summary_xlsx
    from app.services import settings_service
    from app.services.return_summary import returns_summary

    output = Path(args.output).expanduser()
    check_output(output)
    _checked_period(args)
    engine = open_engine(args)
    lang = current_language()
    summary = returns_summary(engine, args.date_from, args.date_to, lang=lang)
    content = returns_summary_xlsx(
        summary,
        lang=lang,
        source_file=engine.url.database or "",
        company=settings_service.load(engine).company_name,
    )
    write_output(output, content)
    return 0


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("list", "returns"): _list_returns,
    ("export", "return-report"): _export_form,
    ("export", "rework-order"): _export_form,
    ("export", "three-guarantees"): _export_form,
    ("export", "returns-summary"): _export_summary,
}
