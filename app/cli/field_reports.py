"""Field service on the command line: list the reports and visits, print them, the monthly report."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from app.cli.common import (
    CommandError,
    CommandGroups,
    Handler,
    check_output,
    format_table,
    json_value,
    month_arg,
    open_engine,
    print_json,
    write_output,
)
from app.i18n import current_language, pick


def add_parsers(groups: CommandGroups) -> None:
    listing = groups.list_what.add_parser(
        "service-reports",
        help="print the field service and visit reports",
        parents=[groups.common],
    )
    listing.add_argument("--json", action="store_true", help="a JSON array of list rows")
    listing.add_argument("--month", type=month_arg, metavar="YYYY-MM", help="only this month")
    listing.add_argument("--search", default="", metavar="TEXT", help="number, customer, people")
    for name, help_text in (
        ("service-report", "a field service report 现场服务报告 as PDF (with its photos)"),
        ("visit-report", "a visit report 走访服务报告 as PDF"),
    ):
        form = groups.export_what.add_parser(
            name, help=help_text, parents=[groups.common_bilingual]
        )
        form.add_argument("number", metavar="NUMBER", help="e.g. FW-2026-0001 or FW-L1-2026-0001")
        form.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")
    blank = groups.export_what.add_parser(
        "blank-service-report",
        help="an empty service report to fill in by hand",
        parents=[groups.common_bilingual],
    )
    blank.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")
    monthly = groups.export_what.add_parser(
        "monthly-service",
        help="the monthly service report 月度服务报告 as Excel (or PDF)",
        parents=[groups.common],
    )
    monthly.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")
    monthly.add_argument("-o", "--output", metavar="FILE", required=True, help="workbook or PDF")
    monthly.add_argument("--pdf", action="store_true", help="write the PDF form instead")


def _list(args: argparse.Namespace) -> int:
    from app.services.complaint_data import label
    from app.services.field_data import FIELD_KIND_LABELS, SERVICE_RESULT_LABELS, FieldFilter
    from app.services.field_list import list_rows

    engine = open_engine(args)
    rows = list_rows(engine, FieldFilter(text=args.search, month=args.month))
    if args.json:
        print_json([json_value(asdict(row)) for row in rows])  # type: ignore[misc]
        return 0
    headers = [
        pick("编号", "Number"),
        pick("类别", "Type"),
        pick("日期", "Date"),
        pick("顾客", "Customer"),
        pick("人员", "People"),
        pick("结果", "Result"),
        pick("未结", "Open"),
    ]
    table = [
        [
            r.number,
            label(FIELD_KIND_LABELS, r.kind),
            r.date.isoformat(),
            r.customer_name,
            r.people,
            label(SERVICE_RESULT_LABELS, r.result) if r.result else "",
            str(r.open_follow_ups or ""),
        ]
        for r in rows
    ]
    print(format_table(headers, table))
    print(pick(f"共 {len(rows)} 份。", f"{len(rows)} report(s)."))
    return 0


def _export_form(args: argparse.Namespace) -> int:
    from app.services import field_service, settings_service, visit_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    settings, lang, number = settings_service.load(engine), current_language(), args.number.strip()
    if args.what == "service-report":
        from app.reports.pdf.service_report_pdf import service_report_pdf

        data = field_service.get_by_number(engine, number)
        if data is None:
            raise CommandError(
                pick(f"找不到现场服务报告 {number}。", f"No service report {number}.")
            )
        pdf = service_report_pdf(
            data, settings, lang, photos=field_service.photo_bytes(engine, data)
        )
    else:
        from app.reports.pdf.visit_report_pdf import visit_report_pdf

        visit = visit_service.get_by_number(engine, number)
        if visit is None:
            raise CommandError(pick(f"找不到走访报告 {number}。", f"No visit report {number}."))
        pdf = visit_report_pdf(visit, settings, lang)
    write_output(output, pdf)
    return 0


def _export_blank(args: argparse.Namespace) -> int:
    from app.reports.pdf.service_report_pdf import blank_service_report_pdf
    from app.services import settings_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    write_output(
        output, blank_service_report_pdf(settings_service.load(engine), current_language())
    )
    return 0


def _export_monthly(args: argparse.Namespace) -> int:
    from app.services import settings_service
    from app.services.monthly_service import monthly_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    summary = monthly_service(engine, *args.month)
    settings, lang = settings_service.load(engine), current_language()
    if args.pdf:
        from app.reports.pdf.monthly_service_pdf import monthly_service_pdf

        content = monthly_service_pdf(summary, settings, lang)
    else:
        from app.reports.excel.monthly_service_xlsx import monthly_service_xlsx

        content = monthly_service_xlsx(
            summary,
            lang=lang,
            made_at=datetime.now().astimezone(),
            source_file=engine.url.database or "",
            company=settings.company_name,
        )
    write_output(output, content)
    return 0


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("list", "service-reports"): _list,
    ("export", "service-report"): _export_form,
    ("export", "visit-report"): _export_form,
    ("export", "blank-service-report"): _export_blank,
    ("export", "monthly-service"): _export_monthly,
}
