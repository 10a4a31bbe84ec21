"""The command line: the same services as the GUI, for scripts and tests.

``qualitydesk`` without a command starts the window; ``qualitydesk COMMAND …`` runs headless.
Exit codes: 0 done, 1 bad input or data (one line on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import (
    audit,
    complaints,
    customers,
    demo,
    field,
    field_reports,
    maintenance,
    returns,
    server,
    summaries,
    surveys,
)
from app.cli.common import PROG, CommandError, CommandGroups, Handler, Parser
from app.i18n import LANGUAGES, set_language, system_language
from app.options import BILINGUAL, global_options, smoke_test_option

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
  list returns [--json] [--status S] [--from DATE] [--to DATE] [--search TEXT]
                        print the returns 退货 (a table, or JSON with --json)
  export return-report NUMBER -o FILE.pdf
                        the return receipt with inspection and disposition, with photos
  export rework-order NUMBER -o FILE.pdf
                        the rework order(s) 重工工令 of the return's lines to rework
  export three-guarantees NUMBER -o FILE.pdf
                        the 不良品(三包件)信息反馈表 (form Q/JL100101-C)
  export returns-summary -o FILE.xlsx [--from DATE] [--to DATE]
                        the returns summary (every return when no range is given)
  list surveys [--json]  print the satisfaction survey campaigns (a table, or JSON)
  export survey-blank CAMPAIGN -o FILE.pdf [--customer CODE …] [--unanswered]
                        the blank questionnaires 顾客满意度调查表 of a campaign, one per customer
  export survey-summary CAMPAIGN -o FILE.xlsx [--pdf]
                        the summary analysis 客户满意度调查汇总分析表 (Excel, or PDF with --pdf)
  export customer-loss --year YEAR -o FILE.xlsx
                        the customer-loss analysis: annual volumes of YEAR against YEAR−1
  list service-reports [--json] [--month YYYY-MM] [--search TEXT]
                        print the field service and visit reports (a table, or JSON)
  export service-report NUMBER -o FILE.pdf
                        a field service report 现场服务报告 (Q/JL081304-C) with its photos
  export visit-report NUMBER -o FILE.pdf
                        a visit report 走访服务报告 (Q/JL081306-C) with its follow-ups
  export blank-service-report -o FILE.pdf
                        an empty service report to fill in by hand
  export monthly-service --month YYYY-MM -o FILE.xlsx [--pdf]
                        the monthly service report 月度服务报告 (Excel, or PDF with --pdf)
  export monthly-summary (--month YYYY-MM | --from DATE --to DATE) -o FILE.xlsx [--pdf]
                        the complaint summary 顾客投诉/抱怨汇总处理表 (Excel, or PDF with --pdf)
  export annual-summary --year YYYY -o FILE.xlsx [--pdf]
                        the year for the management review, against the year before and the targets
  export failure-history PART -o FILE.pdf|FILE.xlsx
                        the product failure history 产品失败履历表 (Q/JL081302-C) of a part
  export audit-trail -o FILE.xlsx [--from DATE] [--to DATE] [--record NUMBER]
                        the audit trail (who, when, record, field, old → new) as Excel
  demo [--customers N] [--complaints N] [--returns N] [--surveys N] [--no-field] [--seed S]
                        add plausible demo customers KH00001… (existing codes are skipped),
                        demo complaint tickets in every state up to N (default 60),
                        demo returns in every state up to N (default 40) and the survey
                        campaigns of the last N half-years with answers (default 4), and a
                        month of field service and visit reports
  demo --scale small|medium|large [--complaints N] [--customers N] [--returns N]
       [--survey-answers N] [--service-reports N] [--seed S] [--as-of DATE]
                        fill an empty data file with ten years of records in bulk (large:
                        100,000 complaints, made in minutes); the same seed and --as-of
                        day, the same records
  backup [-o FILE]      a verified backup of the data file (default: into backups/ beside it,
                        keeping the newest of the last 14 days, 8 weeks, 12 months); prints its path
  restore FILE          replace the data with a backup's, after a safety backup (path printed)
  check                 integrity, foreign keys and audit trail chain; "ok" or the problems
  migrate-to URL [--from FILE]
                        move the data file to an empty PostgreSQL database (every record,
                        attachment and audit entry, same ids; the file is not changed);
                        verified by counts and checksums, exit 1 on any difference
  sync export -o FILE.qdsync
                        (laptop) the field reports new or changed since the last export
  sync import FILE.qdsync [--keep office|laptop]
                        (office) merge a laptop's export; conflicts are listed (exit 1,
                        nothing written) unless --keep says which side wins
  sync starter -o FILE.qdsync --machine-code L1
                        (office) customers, open complaints and the machine code for a laptop
  sync starter-import FILE.qdsync
                        (laptop) take the office's starter file

Without a command the window opens. Exit codes: 0 done, 1 bad input or data, 2 bad arguments.
The data folder: --data-dir, else the QUALITYDESK_DATA_DIR environment variable, else the
user data folder. A database server instead of the data file: --db-url URL, else the
QUALITYDESK_DB_URL environment variable, else the server chosen in Settings on this PC
(postgresql+psycopg://user@host:port/database; the password from PGPASSWORD or a pgpass file).

examples:
  qualitydesk --data-dir ./data demo --customers 200
  qualitydesk list customers --search 长春 --status active
  qualitydesk --lang en list customers --json > customers.json
  qualitydesk --db-url postgresql+psycopg://qd@server/qualitydesk list complaints
  qualitydesk import customers 顾客档案.xlsx --dry-run
  qualitydesk export customer-card KH00001 -o KH00001.pdf
  qualitydesk list complaints --status open --from 2024-01-01
  qualitydesk export complaint-ledger --from 2024-01-01 --to 2024-12-31 -o 总表2024.xlsx
  qualitydesk export 8d KS-2024-0012 -o KS-2024-0012.pdf --lang bilingual
  qualitydesk export returns-summary --from 2026-01-01 --to 2026-06-30 -o 退货汇总.xlsx
  qualitydesk export survey-blank MY-2026-02 --unanswered -o 调查表.pdf
  qualitydesk export customer-loss --year 2026 -o 客户流失分析.xlsx
"""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="QualityDesk — customer files, complaints, returns and feedback for a quality "
        "department. Without a command the window opens.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    smoke_test_option(parser)
    common = Parser(add_help=False)
    global_options(common, suppress=True)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    list_parser = commands.add_parser("list", help="print records", parents=[common])
    import_parser = commands.add_parser("import", help="import records", parents=[common])
    export_parser = commands.add_parser("export", help="export PDF or Excel", parents=[common])
    common_bilingual = Parser(add_help=False)
    global_options(common_bilingual, suppress=True, languages=(*LANGUAGES, BILINGUAL))
    groups = CommandGroups(
        list_what=list_parser.add_subparsers(dest="what", metavar="WHAT", required=True),
        import_what=import_parser.add_subparsers(dest="what", metavar="WHAT", required=True),
        export_what=export_parser.add_subparsers(dest="what", metavar="WHAT", required=True),
        common=common,
        common_bilingual=common_bilingual,
    )
    for family in FAMILIES:
        family.add_parsers(groups)

    demo.add_parser(commands, common)
    maintenance.add_parsers(commands, common)
    server.add_parsers(commands, common)
    field.add_sync_parsers(commands, common)
    return parser


FAMILIES = (customers, complaints, returns, surveys, field_reports, summaries, audit, field)
_COMMANDS: dict[tuple[str, str | None], Handler] = {
    key: handler for family in FAMILIES for key, handler in family.COMMANDS.items()
}
_COMMANDS[("demo", None)] = demo.run
_COMMANDS.update(maintenance.COMMANDS)
_COMMANDS.update(server.COMMANDS)


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
    # the parser (every command's options and help, ~0.25 MB) is garbage held in reference
    # cycles until the collector next runs: freed now, a long export reuses its memory
    gc.collect()
    try:
        return run_command(args)
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0
