"""Management summaries on the command line: the monthly and annual complaint summaries and the
product failure history 产品失败履历表."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (
    CommandError,
    CommandGroups,
    Handler,
    check_output,
    day_arg,
    month_arg,
    open_engine,
    write_output,
)
from app.i18n import current_language, pick


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"a year between 2000 and 2100, not {year}")
    return year


def add_parsers(groups: CommandGroups) -> None:
    monthly = groups.export_what.add_parser(
        "monthly-summary",
        help="the complaint summary 顾客投诉/抱怨汇总处理表 as Excel (or PDF)",
        parents=[groups.common],
        description="Counts by customer, product, defect (Pareto), department, severity, month "
        "and season; repeat problems; deadlines met; reopenings; returns; claims; satisfaction; "
        "open actions. For a month (--month) or any range of days (--from and --to).",
    )
    monthly.add_argument("--month", type=month_arg, metavar="YYYY-MM", help="the month")
    monthly.add_argument("--from", dest="date_from", type=day_arg, metavar="DATE", help="first day of a range")  # fmt: skip
    monthly.add_argument("--to", dest="date_to", type=day_arg, metavar="DATE", help="last day of a range")  # fmt: skip
    annual = groups.export_what.add_parser(
        "annual-summary",
        help="the annual complaint review for the management review as Excel (or PDF)",
        parents=[groups.common],
        description="The summary's views over a year, the year before beside it, and whether "
        "the targets were met.",
    )
    annual.add_argument("--year", type=_year, required=True, metavar="YYYY")
    for parser in (monthly, annual):
        parser.add_argument("-o", "--output", metavar="FILE", required=True, help="workbook or PDF (--pdf)")  # fmt: skip
        parser.add_argument("--pdf", action="store_true", help="write the PDF form instead")
    history = groups.export_what.add_parser(
        "failure-history",
        help="the product failure history 产品失败履历表 of a part as PDF (or Excel)",
        parents=[groups.common],
        description="Every complaint, returned line and field-service finding for the part or "
        "product, oldest first. A file name ending in .xlsx writes the workbook.",
    )
    history.add_argument("part", metavar="PART", help="part no. or product model, e.g. P-1001")
    history.add_argument("-o", "--output", metavar="FILE.pdf|FILE.xlsx", required=True)


def _wants_pdf(args: argparse.Namespace, output: Path) -> bool:
    return bool(getattr(args, "pdf", False)) or output.suffix.lower() == ".pdf"


def _period(args: argparse.Namespace):  # noqa: ANN202
    from app.services.complaint_summary import month_period, range_period

    if args.month and (args.date_from or args.date_to):
        raise CommandError(
            pick("--month 与 --from/--to 只能二选一。", "Give --month or --from/--to, not both.")
        )
    if args.month:
        return month_period(*args.month)
    if not (args.date_from and args.date_to):
        raise CommandError(
            pick(
                "请给出 --month YYYY-MM,或者 --from 和 --to。",
                "Give --month YYYY-MM, or both --from and --to.",
            )
        )
    if args.date_from > args.date_to:
        raise CommandError(
            pick(
                f"--from {args.date_from} 晚于 --to {args.date_to}。",
                f"--from {args.date_from} is after --to {args.date_to}.",
            )
        )
    return range_period(args.date_from, args.date_to)


def _export_summary(args: argparse.Namespace) -> int:
    from app.reports.management import annual_summary_file, complaint_summary_file

    output = Path(args.output).expanduser()
    check_output(output)
    period = _period(args) if args.what == "monthly-summary" else None
    engine = open_engine(args)
    lang, as_pdf = current_language(), _wants_pdf(args, output)
    if period is not None:
        content = complaint_summary_file(engine, period, as_pdf=as_pdf, lang=lang)
    else:
        content = annual_summary_file(engine, args.year, as_pdf=as_pdf, lang=lang)
    write_output(output, content)
    return 0


def _export_failure_history(args: argparse.Namespace) -> int:
    from app.reports.management import failure_history_file
    from app.services.failure_history import failure_history
    from app.services.validation import FieldError

    output = Path(args.output).expanduser()
    check_output(output)
    part = args.part.strip()
    if not part:
        raise CommandError(pick("请给出料号或产品型号。", "Give a part no. or product model."))
    engine = open_engine(args)
    lang = current_language()
    history = failure_history(engine, part, lang=lang)
    if not history.entries:
        raise CommandError(FieldError("part_not_found", {"part": part}).message())
    as_pdf = output.suffix.lower() != ".xlsx"
    write_output(output, failure_history_file(engine, history, as_pdf=as_pdf, lang=lang))
    return 0


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("export", "monthly-summary"): _export_summary,
    ("export", "annual-summary"): _export_summary,
    ("export", "failure-history"): _export_failure_history,
}
