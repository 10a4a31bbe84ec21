"""Field service on the command line: bringing a laptop's records home (`sync …`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, CommandGroups, Handler, check_output, open_engine, writing
from app.i18n import pick

_ENTITY_NAMES = {
    "service_report": ("现场服务报告", "service reports"),
    "visit_report": ("走访报告", "visit reports"),
}
_OUTCOME_NAMES = {
    "new": ("新增", "new"),
    "unchanged": ("未变", "unchanged"),
    "take": ("采用笔记本电脑版本", "taken from the laptop"),
    "keep": ("保留本机版本", "kept as here"),
    "conflict": ("冲突", "conflicts"),
}


def add_parsers(groups: CommandGroups) -> None:
    """The list/import/export commands of field records (none yet besides `sync`)."""


def add_sync_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sync = commands.add_parser(
        "sync",
        help="bring a laptop's field records home (.qdsync files)",
        parents=[common],
        description="A laptop writes its service and visit reports into a .qdsync file "
        "(sync export); the office merges it (sync import). Before a trip the office gives the "
        "laptop a starter file with the customers and open complaints and the laptop's machine "
        "code (sync starter / sync starter-import).",
    )
    what = sync.add_subparsers(dest="what", metavar="WHAT", required=True)
    export = what.add_parser(
        "export",
        help="(laptop) the reports new or changed since the last export, for the office",
        parents=[common],
    )
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.qdsync")
    export.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="every report again (an earlier file was lost); the office skips what it has",
    )
    merge = what.add_parser(
        "import",
        help="(office) merge a laptop's export",
        parents=[common],
        description="New records are added, unchanged ones skipped, one changed on one side "
        "only takes that side's version. A record changed on both sides (or deleted on one and "
        "changed on the other) is a conflict: without --keep they are listed one per line, "
        "exit code 1, and nothing is written. A verified backup is made before anything is "
        "written; every change and decision goes into the audit trail.",
    )
    merge.add_argument("file", type=Path, metavar="FILE.qdsync")
    merge.add_argument(
        "--keep",
        choices=("office", "laptop"),
        help="for every conflict: keep the office's version or take the laptop's",
    )
    starter = what.add_parser(
        "starter",
        help="(office) a starter file for a laptop: customers, open complaints, its machine code",
        parents=[common],
    )
    starter.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.qdsync")
    starter.add_argument(
        "--machine-code",
        required=True,
        metavar="CODE",
        help="1–6 letters or digits the laptop puts in its numbers, e.g. L1 → FW-L1-2026-0001",
    )
    starter_import = what.add_parser(
        "starter-import", help="(laptop) take the office's starter file", parents=[common]
    )
    starter_import.add_argument("file", type=Path, metavar="FILE.qdsync")


def _user(engine) -> str:  # noqa: ANN001
    from app.services.settings_service import current_user

    return current_user(engine)


def _refused(exc: Exception) -> CommandError:
    return CommandError(str(exc))


def _export(args: argparse.Namespace) -> int:
    from app.services.sync_export import export_for_office
    from app.services.sync_format import SyncFileError

    check_output(args.output)
    with writing(args):
        engine = open_engine(args)
        try:
            result = export_for_office(
                engine, args.output, user=_user(engine), everything=args.everything
            )
        except SyncFileError as exc:
            raise _refused(exc) from exc
        except OSError as exc:
            raise CommandError(pick(f"无法写入 {args.output}:{exc}", f"Cannot write {args.output}: {exc}")) from exc  # fmt: skip
        finally:
            engine.dispose()
    service, visits = result.counts["service_report"], result.counts["visit_report"]
    print(
        pick(
            f"已写入 {result.path}:现场服务报告 {service},走访报告 {visits},"
            f"已删除 {result.tombstones},照片 {result.photos}",
            f"Written: {result.path}: {service} service report(s), {visits} visit report(s), "
            f"{result.tombstones} deleted, {result.photos} photo(s)",
        )
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.services import sync_import
    from app.services.sync_format import SyncFileError

    with writing(args):
        engine = open_engine(args)
        try:
            plan = sync_import.preview(engine, args.file)
            conflicts = plan.conflicts
            if conflicts and args.keep is None:
                for item in conflicts:
                    fields = ", ".join(item.differing_fields())
                    print(f"conflict\t{item.number}\t{sync_import.REASON_TEXT[item.reason]}\t{fields}")  # fmt: skip
                raise CommandError(
                    pick(
                        f"{len(conflicts)} 处冲突:用 --keep office 或 --keep laptop 决定;未写入任何数据。",
                        f"{len(conflicts)} conflict(s): decide with --keep office or --keep "
                        "laptop; nothing was written.",
                    )
                )
            decisions = {item.uuid: args.keep for item in conflicts}
            done = sync_import.apply(engine, plan, decisions, _user(engine))
        except SyncFileError as exc:
            raise _refused(exc) from exc
        finally:
            engine.dispose()
    for entity, counts in plan.counts().items():
        zh, en = _ENTITY_NAMES[entity]
        parts = [(pick(*_OUTCOME_NAMES[k]), n) for k, n in counts.items() if n]
        if parts:
            print(f"{pick(zh, en)}: " + ", ".join(f"{n} {name}" for name, n in parts))
    if not done:
        print(pick("没有需要写入的内容。", "Nothing to write: the data are already up to date."))
    return 0


def _starter(args: argparse.Namespace) -> int:
    from app.services.sync_format import SyncFileError
    from app.services.sync_starter import make_starter

    check_output(args.output)
    with writing(args):
        engine = open_engine(args)
        try:
            made = make_starter(engine, args.output, machine_code=args.machine_code, user=_user(engine))  # fmt: skip
        except SyncFileError as exc:
            raise _refused(exc) from exc
        except OSError as exc:
            raise CommandError(pick(f"无法写入 {args.output}:{exc}", f"Cannot write {args.output}: {exc}")) from exc  # fmt: skip
        finally:
            engine.dispose()
    print(
        pick(
            f"已写入 {args.output}:顾客 {made['customer']},未关闭的投诉 {made['complaint']}",
            f"Written: {args.output}: {made['customer']} customer(s), "
            f"{made['complaint']} open complaint(s)",
        )
    )
    return 0


def _starter_import(args: argparse.Namespace) -> int:
    from app.services.sync_format import SyncFileError
    from app.services.sync_starter import import_starter

    with writing(args):
        engine = open_engine(args)
        try:
            result = import_starter(engine, args.file, _user(engine))
        except SyncFileError as exc:
            raise _refused(exc) from exc
        finally:
            engine.dispose()
    added, updated = result.added, result.updated
    print(
        pick(
            f"机器代码 {result.machine_code};顾客 新增 {added['customer']} 更新 {updated['customer']};"
            f"投诉 新增 {added['complaint']} 更新 {updated['complaint']}",
            f"Machine code {result.machine_code}; customers: {added['customer']} added, "
            f"{updated['customer']} updated; complaints: {added['complaint']} added, "
            f"{updated['complaint']} updated",
        )
    )
    return 0


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("sync", "export"): _export,
    ("sync", "import"): _import,
    ("sync", "starter"): _starter,
    ("sync", "starter-import"): _starter_import,
}
