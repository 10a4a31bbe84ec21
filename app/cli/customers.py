"""Commands for the customer files: list, import from Excel, export the card and the list."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

from app.cli.common import (
    PROG,
    CommandError,
    CommandGroups,
    Handler,
    Progress,
    backup_before_import,
    check_output,
    format_table,
    json_value,
    open_engine,
    print_json,
    write_failed,
    writing,
)
from app.i18n import current_language, pick

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


_SORT_CHOICES = (
    "code", "name", "short_name", "type", "status", "grade", "phone", "sales_rep",
    "cooperation_since", "updated_at",
)  # fmt: skip


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


def customer_json(customer) -> dict[str, object]:  # noqa: ANN001  (CustomerData)
    """One customer file as JSON-ready data: field names as keys, dates in ISO form."""
    return json_value(asdict(customer))  # type: ignore[return-value]


def _filter(args: argparse.Namespace):  # noqa: ANN202
    from app.services.customer_service import CustomerFilter

    return CustomerFilter(text=args.search, type=args.type, status=args.status, grade=args.grade)


# ---------------------------------------------------------------- commands


def _list_customers(args: argparse.Namespace) -> int:
    from app.services import customer_service

    engine = open_engine(args)
    flt = _filter(args)
    if args.json:
        print_json(
            customer_json(c) for c in customer_service.iter_customers(engine, flt, args.sort)
        )
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
    """Check the file; unless --dry-run, hold the data file's lock, back up, then import."""
    with nullcontext() if args.dry_run else writing(args):
        return _check_and_import_customers(args)


def _check_and_import_customers(args: argparse.Namespace) -> int:
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
    backup_before_import(engine)
    progress = Progress(report.valid)
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
    check_output(output)
    engine = open_engine(args)
    customer = customer_service.get_by_code(engine, args.code)
    if customer is None:
        raise CommandError(FieldError("not_found", {"code": args.code.strip()}).message())
    from app.reports.files import write_atomically
    from app.reports.pdf.customer_card_pdf import customer_card_pdf

    pdf = customer_card_pdf(customer, settings_service.load(engine), lang=current_language())
    try:
        write_atomically(output, pdf)
    except OSError as exc:
        raise write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))
    return 0


def _export_customers(args: argparse.Namespace) -> int:
    from app.services import customer_service

    output = Path(args.output).expanduser()
    check_output(output)
    engine = open_engine(args)
    flt = _filter(args)
    from app.reports.excel.customer_list_xlsx import customer_list_xlsx

    try:
        written = customer_list_xlsx(
            customer_service.iter_customers(engine, flt, sort=args.sort),
            output,
            lang=current_language(),
            years=customer_service.volume_years(engine, flt),
        )
    except OSError as exc:
        raise write_failed(output, exc) from exc
    print(
        pick(
            f"已导出 {written} 位顾客到 {output}",
            f"{written} customer(s) written to {output}",
        )
    )
    return 0


def add_parsers(groups: CommandGroups) -> None:
    customers = groups.list_what.add_parser(
        "customers", help="print the customer files", parents=[groups.common]
    )
    customers.add_argument("--json", action="store_true", help="a JSON array of whole files")
    _filters(customers)
    imp = groups.import_what.add_parser(
        "customers",
        help="import customers from an Excel register (.xlsx)",
        parents=[groups.common],
        description="Rows with errors are listed; then nothing is imported unless --only-valid.",
    )
    imp.add_argument("file", metavar="FILE.xlsx", help="the register")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet (default: the first with a header)")
    imp.add_argument(
        "--only-valid", action="store_true", help="import the valid rows, leave out the others"
    )
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    card = groups.export_what.add_parser(
        "customer-card", help="the customer file card as PDF", parents=[groups.common]
    )
    card.add_argument("code", metavar="CODE", help="customer code")
    card.add_argument("-o", "--output", metavar="FILE.pdf", required=True, help="PDF to write")
    listing = groups.export_what.add_parser(
        "customers", help="the customer list as Excel", parents=[groups.common]
    )
    listing.add_argument(
        "-o", "--output", metavar="FILE.xlsx", required=True, help="workbook to write"
    )
    _filters(listing)


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("list", "customers"): _list_customers,
    ("import", "customers"): _import_customers,
    ("export", "customer-card"): _export_customer_card,
    ("export", "customers"): _export_customers,
}
