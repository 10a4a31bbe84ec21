"""The command line: the same services as the GUI, for scripts and tests.

``qualitydesk`` without a command starts the window; ``qualitydesk COMMAND …`` runs headless.
Exit codes: 0 done, 1 bad input or data (one line on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.i18n import LANGUAGES, current_language, pick, set_language, system_language

PROG = "qualitydesk"


class CommandError(Exception):
    """A command cannot be done; the message is the one line shown on stderr (exit 1)."""


# ---------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit code 2, not the whole usage text."""

    def error(self, message: str) -> NoReturn:
        hint = pick(f"用 '{self.prog} --help' 查看用法", f"see '{self.prog} --help'")
        line = " ".join(message.split())
        self.exit(2, f"{PROG}: error: {line} ({hint})\n")


_TYPE_CHOICES = ("oem", "aftermarket", "distributor", "end_user")
_STATUS_CHOICES = ("active", "lost")


def _customer_type(text: str) -> str:
    """oem / aftermarket / … or the Chinese or English label (主机厂, End user …)."""
    from app.services import customer_service

    wanted = text.strip().lower().replace(" ", "_")
    for value, (zh, en) in customer_service.TYPE_LABELS.items():
        if wanted in (str(value), en.lower().replace(" ", "_")) or text.strip() == zh:
            return str(value)
    raise argparse.ArgumentTypeError(
        f"invalid type {text!r} (choose from {', '.join(_TYPE_CHOICES)} or 主机厂/备件市场/代理商/终端用户)"
    )


def _customer_status(text: str) -> str:
    from app.services import customer_service

    wanted = text.strip().lower()
    for value, (zh, en) in customer_service.STATUS_LABELS.items():
        if wanted in (str(value), en.lower()) or text.strip() == zh:
            return str(value)
    raise argparse.ArgumentTypeError(
        f"invalid status {text!r} (choose from {', '.join(_STATUS_CHOICES)} or 合作中/已流失)"
    )


def _grade(text: str) -> str:
    grade = text.strip().upper()
    if grade not in ("A", "B", "C", "D"):
        raise argparse.ArgumentTypeError(f"invalid grade {text!r} (choose from A, B, C, D)")
    return grade


def _count(text: str, lowest: int = 1) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not lowest <= value <= 99_999:
        raise argparse.ArgumentTypeError(f"must be between {lowest} and 99999, not {value}")
    return value


def _count_or_none(text: str) -> int:
    return _count(text, lowest=0)


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


BILINGUAL = "bilingual"  # the 8D report only: Chinese with English, for OEM customers
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


def _day(text: str) -> date:
    """A date as the clerk writes it: 2024-03-05, 2024/3/5, 2024年3月5日, 20240305."""
    from app.services.parsing import parse_date_text

    try:
        day = parse_date_text(text)
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (e.g. 2024-03-05)")
    return day


_SORT_CHOICES = (
    "code", "name", "short_name", "type", "status", "grade", "phone", "sales_rep",
    "cooperation_since", "updated_at",
)  # fmt: skip

_EPILOG = """\
the commands in full:
  list customers [--json] [--search TEXT] [--type T] [--status S] [--grade G] [--sort F]
                        print the customer files (a table, or JSON with --json)
  import customers FILE.xlsx [--sheet NAME] [--only-valid] [--dry-run]
                        import customers from an Excel register (.xlsx)
  export customer-card CODE -o FILE.pdf
                        the customer file card (form Q/JL081301-C) as PDF
  export customers -o FILE.xlsx [filters as for list]
                        the customer list as an Excel workbook
  list complaints [--json] [--status S] [--from DATE] [--to DATE] [--search TEXT]
                        print the complaint tickets (a table, or JSON with --json)
  import complaints FILE.xlsx [--sheet NAME] [--only-valid] [--dry-run]
                        import an old complaint ledger (.xlsx), keeping its numbers
  export complaint-ledger -o FILE.xlsx [--from DATE] [--to DATE]
                        the ledger 客户抱怨处理总表 (every ticket when no range is given)
  export tracking-list [-o FILE.xlsx]
                        the tracking list 客户抱怨处理追踪一览表, one row per action
  export 8d NUMBER -o FILE.pdf [--lang zh_CN|en|bilingual]
                        the 8D report 客户抱怨处理单 with the ticket's photos
  export quality-feedback NUMBER -o FILE.pdf
                        the quality information feedback form 质量信息反馈表
  export capa NUMBER -o FILE.pdf
                        the corrective/preventive action record 纠正/预防措施记录表
  export prevent-recurrence NUMBER -o FILE.pdf
                        the prevent-recurrence report 防止不合格品再发生报告
  demo [--customers N] [--complaints N] [--seed S]
                        add plausible demo customers KH00001… (existing codes are skipped)
                        and demo complaint tickets in every state up to N (default 60)

Without a command the window opens. Exit codes: 0 done, 1 bad input or data, 2 bad arguments.
The data folder: --data-dir, else the QUALITYDESK_DATA_DIR environment variable, else the
user data folder.

examples:
  qualitydesk --data-dir ./data demo --customers 200
  qualitydesk list customers --search 长春 --status active
  qualitydesk --lang en list customers --json > customers.json
  qualitydesk import customers 顾客档案.xlsx --dry-run
  qualitydesk export customer-card KH00001 -o KH00001.pdf
  qualitydesk list complaints --status open --from 2024-01-01
  qualitydesk export complaint-ledger --from 2024-01-01 --to 2024-12-31 -o 总表2024.xlsx
  qualitydesk export 8d KS-2024-0012 -o KS-2024-0012.pdf --lang bilingual
"""


def _global_options(
    parser: argparse.ArgumentParser, suppress: bool, languages: Sequence[str] = LANGUAGES
) -> None:
    """--data-dir and --lang, accepted before and after the command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder of the data file (default: $QUALITYDESK_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=languages,
        default=default,
        help="language of messages and reports (default: the system language)"
        + ("; bilingual: the form in Chinese and English" if BILINGUAL in languages else ""),
    )


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", metavar="TEXT", default="", help="code, name, contact, phone")
    parser.add_argument(
        "--type",
        type=_customer_type,
        metavar="T",
        help="oem, aftermarket, distributor, end_user (or 主机厂, 备件市场, 代理商, 终端用户)",
    )
    parser.add_argument(
        "--status", type=_customer_status, metavar="S", help="active or lost (合作中, 已流失)"
    )
    parser.add_argument("--grade", type=_grade, metavar="G", help="A, B, C or D")
    parser.add_argument(
        "--sort", choices=_SORT_CHOICES, default="code", help="order of the list (default: code)"
    )


def _complaint_filters(parser: argparse.ArgumentParser, with_status: bool) -> None:
    parser.add_argument("--from", dest="date_from", type=_day, metavar="DATE", help="received on or after")  # fmt: skip
    parser.add_argument("--to", dest="date_to", type=_day, metavar="DATE", help="received on or before")  # fmt: skip
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="QualityDesk — customer files, complaints and feedback for a quality "
        "department. Without a command the window opens.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    list_parser = commands.add_parser("list", help="print records", parents=[common])
    list_what = list_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    customers = list_what.add_parser("customers", help="print the customer files", parents=[common])
    customers.add_argument("--json", action="store_true", help="a JSON array of whole files")
    _filters(customers)
    complaints = list_what.add_parser(
        "complaints", help="print the complaint tickets", parents=[common]
    )
    complaints.add_argument("--json", action="store_true", help="a JSON array of whole tickets")
    _complaint_filters(complaints, with_status=True)

    import_parser = commands.add_parser("import", help="import records", parents=[common])
    import_what = import_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    imp = import_what.add_parser(
        "customers",
        help="import customers from an Excel register (.xlsx)",
        parents=[common],
        description="Rows with errors are listed; then nothing is imported unless --only-valid.",
    )
    imp.add_argument("file", metavar="FILE.xlsx", help="the register")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet (default: the first with a header)")
    imp.add_argument(
        "--only-valid", action="store_true", help="import the valid rows, leave out the others"
    )
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp_complaints = import_what.add_parser(
        "complaints",
        help="import an old complaint ledger (.xlsx), keeping its numbers",
        parents=[common],
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

    export_parser = commands.add_parser("export", help="export PDF or Excel", parents=[common])
    export_what = export_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    card = export_what.add_parser(
        "customer-card", help="the customer file card as PDF", parents=[common]
    )
    card.add_argument("code", metavar="CODE", help="customer code")
    card.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")
    listing = export_what.add_parser(
        "customers", help="the customer list as Excel", parents=[common]
    )
    listing.add_argument(
        "-o", "--output", metavar="FILE.xlsx", required=True, help="workbook to write"
    )
    _filters(listing)
    ledger = export_what.add_parser(
        "complaint-ledger",
        help="the complaint ledger 客户抱怨处理总表 as Excel",
        parents=[common],
        description="One row per ticket received in the range (every ticket without one); "
        "overdue open tickets are highlighted.",
    )
    ledger.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="workbook to write")  # fmt: skip
    _complaint_filters(ledger, with_status=False)
    tracking = export_what.add_parser(
        "tracking-list",
        help="the tracking list 客户抱怨处理追踪一览表 as Excel",
        parents=[common],
        description="One row per corrective/preventive action of every ticket that is not "
        "cancelled, and a sheet with the deadlines of the open tickets; overdue highlighted.",
    )
    tracking.add_argument(
        "-o", "--output", metavar="FILE.xlsx", help="workbook to write (default: "
        "客户抱怨处理追踪一览表-YYYYMMDD.xlsx or complaint-tracking-list-YYYYMMDD.xlsx here)",
    )  # fmt: skip
    common_bilingual = _Parser(add_help=False)
    _global_options(common_bilingual, suppress=True, languages=(*LANGUAGES, BILINGUAL))
    for name, help_text, parent in (
        ("8d", "the 8D report 客户抱怨处理单 as PDF", common_bilingual),
        ("quality-feedback", "the quality information feedback form as PDF", common),
        ("capa", "the corrective/preventive action record as PDF", common),
        ("prevent-recurrence", "the prevent-recurrence report as PDF", common),
    ):
        form = export_what.add_parser(name, help=help_text, parents=[parent])
        form.add_argument("number", metavar="NUMBER", help="ticket number, e.g. KS-2024-0012")
        form.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")  # fmt: skip

    demo = commands.add_parser(
        "demo",
        help="add demo customers and complaint tickets",
        parents=[common],
        description="Add demo customers KH00001 … KH<N>; codes already present are skipped, "
        "so running it twice adds nothing.",
    )
    demo.add_argument("--customers", type=_count, default=200, metavar="N", help="default 200")
    demo.add_argument(
        "--complaints",
        type=_count_or_none,
        default=60,
        metavar="N",
        help="add demo complaint tickets until there are N (default 60; 0 for none)",
    )
    demo.add_argument("--seed", type=_seed, default=1, metavar="S", help="default 1")
    return parser


# ---------------------------------------------------------------- helpers


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned for a terminal, Chinese characters counting double."""
    widths = [_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def _json_value(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def customer_json(customer) -> dict[str, object]:  # noqa: ANN001  (CustomerData)
    """One customer file as JSON-ready data: field names as keys, dates in ISO form."""
    return _json_value(asdict(customer))  # type: ignore[return-value]


def _filter(args: argparse.Namespace):  # noqa: ANN202
    from app.services.customer_service import CustomerFilter

    return CustomerFilter(text=args.search, type=args.type, status=args.status, grade=args.grade)


def _open(args: argparse.Namespace):  # noqa: ANN202
    from sqlalchemy.exc import SQLAlchemyError

    from app.config import database_path, resolve_data_dir
    from app.db import DatabaseError, open_database

    data_dir = resolve_data_dir(args.data_dir)
    try:
        return open_database(data_dir)
    except (OSError, DatabaseError, SQLAlchemyError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise CommandError(
            pick(
                f"无法打开数据文件 {database_path(data_dir)}:{reason}",
                f"Cannot open the data file {database_path(data_dir)}: {reason}",
            )
        ) from exc


def _check_output(path: Path) -> None:
    if path.is_dir():
        raise CommandError(
            pick(f"{path} 是文件夹,请给出文件名。", f"{path} is a folder, not a file.")
        )
    if not path.parent.is_dir():
        raise CommandError(
            pick(f"文件夹 {path.parent} 不存在。", f"The folder {path.parent} does not exist.")
        )


def _write_failed(path: Path, exc: OSError) -> CommandError:
    reason = exc.strerror or str(exc)
    return CommandError(pick(f"无法写入 {path}:{reason}", f"Cannot write {path}: {reason}"))


class _Progress:
    """ "done/total" on stderr when someone watches it; nothing in scripts and pipes."""

    def __init__(self, total: int):
        self.total = total
        self.shown = False

    def __call__(self, done: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{self.total}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            print(file=sys.stderr)


# ---------------------------------------------------------------- commands


def _list_customers(args: argparse.Namespace) -> int:
    from app.services import customer_service

    engine = _open(args)
    flt = _filter(args)
    if args.json:
        customers = customer_service.list_customers(engine, flt, sort=args.sort)
        text = json.dumps([customer_json(c) for c in customers], ensure_ascii=False, indent=2)
        if not sys.stdout.isatty():
            sys.stdout.reconfigure(encoding="utf-8")  # JSON is UTF-8 whatever the locale
        print(text)
        return 0
    ids = customer_service.search_ids(engine, flt, sort=args.sort)
    rows = {}
    for start in range(0, len(ids), 500):  # rows_for_ids is meant for a page of ids
        rows.update(customer_service.rows_for_ids(engine, ids[start : start + 500]))
    headers = [
        pick("编号", "Code"),
        pick("名称", "Name"),
        pick("简称", "Short name"),
        pick("类型", "Type"),
        pick("状态", "Status"),
        pick("等级", "Grade"),
        pick("电话", "Phone"),
        pick("联系人", "Contact"),
        pick("业务员", "Sales rep"),
        pick("合作时间", "Since"),
        pick("最近年采购额(万元)", "Latest volume (10k CNY)"),
    ]
    table = []
    for customer_id in ids:
        r = rows[customer_id]
        volume = (
            f"{r.latest_volume_year}: {r.latest_volume_wan:,.1f}"
            if r.latest_volume_year is not None and r.latest_volume_wan is not None
            else ""
        )
        table.append(
            [
                r.code,
                r.name,
                r.short_name,
                customer_service.type_label(r.type),
                customer_service.status_label(r.status),
                r.grade,
                r.phone,
                r.contact,
                r.sales_rep,
                r.cooperation_since.isoformat() if r.cooperation_since else "",
                volume,
            ]
        )
    print(format_table(headers, table))
    print(pick(f"共 {len(ids)} 位顾客。", f"{len(ids)} customer(s)."))
    return 0


def _import_customers(args: argparse.Namespace) -> int:
    from openpyxl.utils import get_column_letter

    from app.services import customer_import, settings_service
    from app.services.validation import ValidationError

    lang = current_language()
    try:
        sheet = customer_import.read_sheet(args.file, args.sheet)
    except customer_import.ImportFileError as exc:
        raise CommandError(exc.message(lang)) from exc
    mapping = customer_import.suggest_mapping(sheet.headers)
    missing = customer_import.missing_required(mapping)
    if missing:
        names = "、".join(customer_import.field_label(f, lang) for f in missing)
        raise CommandError(
            pick(
                f"{sheet.path.name} 的表头(第 {sheet.header_row} 行)中找不到这些列:{names}。",
                f"The header (row {sheet.header_row}) of {sheet.path.name} has no column for: {names}.",
            )
        )
    engine = _open(args)
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
        label = (
            customer_import.field_label(target, lang) if target else pick("(不导入)", "(skipped)")
        )
        print(f"  {get_column_letter(column + 1)} {header} → {label}")
    rows = customer_import.build_rows(sheet, mapping)
    report = customer_import.validate_rows(engine, rows, sheet)
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
    if args.dry_run:
        print(
            pick(
                f"仅检查(--dry-run),未写入。将导入 {report.valid} 位顾客。",
                f"Checked only (--dry-run); nothing written. {report.valid} customer(s) would be imported.",
            )
        )
        return 0
    progress = _Progress(report.valid)
    try:
        stored = customer_import.commit(
            engine,
            rows,
            only_valid=args.only_valid,
            user=settings_service.current_user(engine),
            progress=progress,
        )
    except ValidationError as exc:  # someone stored the same code since the check
        first = next(iter(exc.messages(lang).values()), str(exc))
        raise CommandError(
            pick(f"未导入任何数据:{first}", f"Nothing was imported: {first}")
        ) from exc
    except customer_import.ImportNotAllowed as exc:
        raise CommandError(exc.message(lang)) from exc
    finally:
        progress.finish()
    print(pick(f"已导入 {stored} 位顾客。", f"{stored} customer(s) imported."))
    return 0


def _export_customer_card(args: argparse.Namespace) -> int:
    from app.services import customer_service, settings_service
    from app.services.validation import FieldError

    output = Path(args.output).expanduser()
    _check_output(output)
    engine = _open(args)
    customer = customer_service.get_by_code(engine, args.code)
    if customer is None:
        raise CommandError(FieldError("not_found", {"code": args.code.strip()}).message())
    from app.reports.files import write_atomically
    from app.reports.pdf.customer_card_pdf import customer_card_pdf

    pdf = customer_card_pdf(customer, settings_service.load(engine), lang=current_language())
    try:
        write_atomically(output, pdf)
    except OSError as exc:
        raise _write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))
    return 0


def _export_customers(args: argparse.Namespace) -> int:
    from app.services import customer_service

    output = Path(args.output).expanduser()
    _check_output(output)
    engine = _open(args)
    customers = customer_service.list_customers(engine, _filter(args), sort=args.sort)
    from app.reports.excel.customer_list_xlsx import customer_list_xlsx

    try:
        customer_list_xlsx(customers, output, lang=current_language())
    except OSError as exc:
        raise _write_failed(output, exc) from exc
    print(
        pick(
            f"已导出 {len(customers)} 位顾客到 {output}",
            f"{len(customers)} customer(s) written to {output}",
        )
    )
    return 0


def _local_text(value: datetime | None) -> str:
    """A timestamp as the PC's wall-clock time, to the minute."""
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")


def complaint_json(complaint) -> dict[str, object]:  # noqa: ANN001  (ComplaintData)
    """One whole ticket as JSON-ready data: field names as keys, times in ISO form."""
    return _json_value(asdict(complaint))  # type: ignore[return-value]


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

    engine = _open(args)
    flt = _complaint_filter(args)
    if args.json:
        complaints = complaint_service.list_complaints(engine, flt)
        text = json.dumps([complaint_json(c) for c in complaints], ensure_ascii=False, indent=2)
        if not sys.stdout.isatty():
            sys.stdout.reconfigure(encoding="utf-8")  # JSON is UTF-8 whatever the locale
        print(text)
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
                _local_text(r.received_at),
                r.customer_name,
                r.product_model,
                r.defect_category,
                label(SEVERITY_LABELS, r.severity),
                label(URGENCY_LABELS, r.urgency),
                label(STATUS_LABELS, r.status),
                step_label(r.current_step) if r.status == "open" else "",
                _local_text(r.next_due),
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
    engine = _open(args)
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
    progress = _Progress(report.valid)
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


class _PagedProgress(_Progress):
    """The same, for callbacks that pass (done, total)."""

    def __call__(self, done: int, total: int | None = None) -> None:  # type: ignore[override]
        if total is not None:
            self.total = total
        super().__call__(done)


def _export_complaint_ledger(args: argparse.Namespace) -> int:
    from app.services import complaint_service, settings_service

    output = Path(args.output).expanduser()
    _check_output(output)
    engine = _open(args)
    flt = _complaint_filter(args)
    lang = current_language()
    progress = _PagedProgress(0)
    try:
        complaints = complaint_service.list_complaints(engine, flt, progress=progress)
    finally:
        progress.finish()
    from app.reports.excel.complaint_ledger_xlsx import complaint_ledger_xlsx, period_text
    from app.reports.files import write_atomically

    content = complaint_ledger_xlsx(
        complaints,
        lang=lang,
        title_period=period_text(args.date_from, args.date_to, lang),
        company=settings_service.load(engine).company_name,
    )
    try:
        write_atomically(output, content)
    except OSError as exc:
        raise _write_failed(output, exc) from exc
    print(
        pick(
            f"已导出 {len(complaints)} 张抱怨单到 {output}",
            f"{len(complaints)} ticket(s) written to {output}",
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
    _check_output(output)
    engine = _open(args)
    progress = _PagedProgress(0)
    try:
        complaints = [
            c
            for c in complaint_service.list_complaints(engine, progress=progress)
            if c.status != "cancelled"
        ]
    finally:
        progress.finish()
    from app.reports.excel.tracking_list_xlsx import tracking_list_xlsx
    from app.reports.files import write_atomically

    content = tracking_list_xlsx(
        complaints, lang=lang, company=settings_service.load(engine).company_name
    )
    try:
        write_atomically(output, content)
    except OSError as exc:
        raise _write_failed(output, exc) from exc
    actions = sum(len(c.actions) for c in complaints)
    print(
        pick(
            f"已导出 {len(complaints)} 张抱怨单({actions} 项措施)到 {output}",
            f"{len(complaints)} ticket(s) with {actions} action(s) written to {output}",
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
    _check_output(output)
    engine = _open(args)
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
        raise _write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from app.services import demo_service, settings_service

    engine = _open(args)
    started = time.perf_counter()
    progress = _Progress(args.customers)
    try:
        stored = demo_service.load_demo(
            engine,
            customers=args.customers,
            seed=args.seed,
            user=settings_service.current_user(engine),
            progress=progress,
        )
    finally:
        progress.finish()
    seconds = time.perf_counter() - started
    last = demo_service.demo_code(args.customers)
    print(
        pick(
            f"已添加 {stored} 位演示顾客(编号 {demo_service.demo_code(1)}–{last},已有的跳过),用时 {seconds:.1f} 秒。",
            f"{stored} demo customer(s) added (codes {demo_service.demo_code(1)}–{last}, "
            f"existing ones skipped) in {seconds:.1f} s.",
        )
    )
    if args.complaints:
        from app.services import demo_complaints

        started = time.perf_counter()
        progress = _Progress(args.complaints)
        try:
            added = demo_complaints.load_demo_complaints(
                engine,
                count=args.complaints,
                seed=args.seed,
                user=settings_service.current_user(engine),
                progress=progress,
            )
        finally:
            progress.finish()
        seconds = time.perf_counter() - started
        print(
            pick(
                f"已添加 {added} 张演示抱怨单(共 {args.complaints} 张为止),用时 {seconds:.1f} 秒。",
                f"{added} demo complaint ticket(s) added (up to {args.complaints}) "
                f"in {seconds:.1f} s.",
            )
        )
    return 0


_COMMANDS = {
    ("list", "customers"): _list_customers,
    ("list", "complaints"): _list_complaints,
    ("import", "customers"): _import_customers,
    ("import", "complaints"): _import_complaints,
    ("export", "customer-card"): _export_customer_card,
    ("export", "customers"): _export_customers,
    ("export", "complaint-ledger"): _export_complaint_ledger,
    ("export", "tracking-list"): _export_tracking_list,
    **{("export", form): _export_form for form in _FORMS},
    ("demo", None): _demo,
}


def _message_language(lang: str | None) -> str:
    """The language of messages: as asked, Chinese for a bilingual form, else the system's."""
    if lang == BILINGUAL:
        return "zh_CN"
    return lang or system_language()


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed command; a CommandError becomes one line on stderr and exit code 1."""
    set_language(_message_language(args.lang))
    handler = _COMMANDS[(args.command, getattr(args, "what", None))]
    try:
        return handler(args)
    except CommandError as exc:
        print(f"{PROG}: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1


def _language_from(argv: Sequence[str]) -> str:
    """--lang as given, before parsing, so that argument errors are in that language too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return _message_language(argv[i + 1])
        if arg.startswith("--lang="):
            return _message_language(arg.split("=", 1)[1])
    return system_language()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.main import run_gui

        return run_gui(args)
    try:
        return run_command(args)
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
