"""The audit trail on the command line: export it (all of it, a period, or one record's)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from app.cli.common import (
    CommandError,
    CommandGroups,
    Handler,
    check_output,
    day_arg,
    open_engine,
    write_failed,
)
from app.i18n import current_language, pick


def add_parsers(groups: CommandGroups) -> None:
    trail = groups.export_what.add_parser(
        "audit-trail",
        help="the audit trail (who changed what, when, old → new) as Excel",
        parents=[groups.common],
        description="Every entry in the order written, or those of a period or of one record "
        "(its number or code, e.g. KS-2026-0001 or KH00001).",
    )
    trail.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help="workbook")
    trail.add_argument("--from", dest="date_from", type=day_arg, metavar="DATE", help="written on or after")  # fmt: skip
    trail.add_argument("--to", dest="date_to", type=day_arg, metavar="DATE", help="written on or before")  # fmt: skip
    trail.add_argument("--record", metavar="NUMBER", default="", help="one record's entries")


def _export_trail(args: argparse.Namespace) -> int:
    from app.reports.excel.audit_trail_xlsx import write_audit_trail
    from app.services.audit_export import check_request, count_trail_lines, iter_trail_lines
    from app.services.validation import ValidationError

    output = Path(args.output).expanduser()
    check_output(output)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CommandError(
            pick(
                f"--from {args.date_from} 晚于 --to {args.date_to}。",
                f"--from {args.date_from} is after --to {args.date_to}.",
            )
        )
    engine = open_engine(args)
    which = {"since": args.date_from, "until": args.date_to, "record": args.record}
    if args.record.strip():  # a record the trail does not know (an empty period is written)
        try:
            check_request(engine, **which)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages(current_language()).values())) from None
    total = count_trail_lines(engine, **which)
    scope = " ".join(
        part
        for part in (
            args.record.strip(),
            f"{args.date_from or '…'} – {args.date_to or '…'}"
            if args.date_from or args.date_to
            else "",
        )
        if part
    )
    # entries are read a chunk at a time and go straight into the file
    try:
        written = write_audit_trail(
            output,
            iter_trail_lines(engine, **which),
            lang=current_language(),
            made_at=datetime.now().astimezone(),
            source_file=engine.url.database or "",
            scope=scope,
            total=total,
        )
    except OSError as exc:
        raise write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))
    print(
        pick(
            f"共 {written} 行审计记录(每个改动的字段一行)。",
            f"{written} lines of the audit trail (one a changed field).",
        )
    )
    return 0


COMMANDS: dict[tuple[str, str | None], Handler] = {("export", "audit-trail"): _export_trail}
