"""Commands that look after the data file: backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, Handler, check_output, open_engine, writing
from app.i18n import pick


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup",
        help="back up the data file (verified)",
        parents=[common],
        description="Copy the data file with SQLite's backup API, check the copy with "
        "integrity_check and print its path. Without -o the copy goes to the backup folder "
        "chosen on this PC (the window's settings), else to backups/ beside the data file, "
        "named qualitydesk-YYYYMMDD-HHMMSS-manual.sqlite3 (UTC), and older backups "
        "there are thinned out (newest of the last 14 days, 8 weeks, 12 months). "
        "On a database server (--db-url) the whole database is copied into a new data file, "
        "verified table by table, by default into backups/<server>-<port>-<database>/ in "
        "this PC's data folder.",
    )
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the backup to FILE, or into the folder FILE (e.g. a USB stick)",
    )
    restore = commands.add_parser(
        "restore",
        help="replace the data with a backup's (after a safety backup)",
        parents=[common],
        description="Refused while the window has the data file open. Check the backup, "
        "back up the current data file (reason before-restore; "
        "its path is printed), then copy the backup into the data file. A damaged backup or a "
        "file that is not a QualityDesk database is refused and nothing changes.",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    commands.add_parser(
        "check",
        help="check the data file (integrity, foreign keys, audit trail) or a server's audit trail",
        parents=[common],
        description="Run integrity_check and foreign_key_check on the data file and verify "
        "the audit trail's hash chain and its append-only guard, without changing anything "
        "(on a database server: the audit trail and its guard). "
        "Prints 'ok', or one line per problem (naming the audit entry altered, missing or "
        "out of chain) and exits with 1.",
    )


def _data_file(args: argparse.Namespace) -> Path:
    from app.cli.common import data_file

    return data_file(args)


def _existing_data_file(args: argparse.Namespace) -> Path:
    path = _data_file(args)
    if not path.is_file():
        raise CommandError(pick(f"没有数据文件:{path}", f"There is no data file at {path}."))
    return path


def _server_engine(args: argparse.Namespace):  # noqa: ANN202  (an Engine or None)
    """The engine of the database server --db-url (or the environment, the preference) names;
    None for a data file."""
    from app.cli.common import database_url
    from app.db import ServerError, is_server_url

    url = database_url(args)
    try:
        return open_engine(args) if url is not None and is_server_url(url) else None
    except ServerError as exc:
        raise CommandError(str(exc)) from None


def _backup(args: argparse.Namespace) -> int:
    from app.db import DatabaseError, check_data_file
    from app.services import backup_service

    output: Path | None = args.output
    server = _server_engine(args)  # a server: its whole database into a new data file
    path = server if server is not None else _existing_data_file(args)
    try:
        if server is None:
            check_data_file(path)
        if output is None:
            info = backup_service.make_backup(path)
        elif output.is_dir():
            info = backup_service.make_backup(path, output, rotation=None)
        else:
            check_output(output)
            info = backup_service.backup_to(path, output)
    except DatabaseError as exc:
        raise CommandError(pick(f"备份未完成:{exc}", f"No backup made: {exc}")) from exc
    print(info.path)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.db import DatabaseError
    from app.services import backup_service

    path = _data_file(args)
    try:
        with writing(args):
            before = backup_service.restore(args.file, path)
            _record_restore(args, before)
    except backup_service.DamagedBackup as exc:
        raise CommandError(pick(f"未恢复,数据文件未改动:{exc}", f"Not restored, the data file is unchanged: {exc}")) from exc  # fmt: skip
    except (DatabaseError, OSError) as exc:
        raise CommandError(pick(f"恢复失败:{exc}", f"Restore failed: {exc}")) from exc
    if before is not None:
        print(before.path)
    return 0


def _record_restore(args: argparse.Namespace, before) -> None:  # noqa: ANN001
    """Open the restored data (migrating an older backup) and write the restore into its trail."""
    from app.services import settings_service
    from app.services.restore_record import record_restore

    engine = open_engine(args)
    try:
        user = settings_service.current_user(engine)
        record_restore(engine, Path(args.file).resolve(), before, user=user)
    finally:
        engine.dispose()


def _check(args: argparse.Namespace) -> int:
    from app.db import DatabaseError
    from app.services import backup_service

    server = _server_engine(args)
    try:
        if server is not None:
            # the server keeps its pages and foreign keys itself; what it cannot vouch for is
            # the audit trail's hash chain and its append-only guard
            problems = backup_service.server_problems(server)
        else:
            problems = backup_service.check_database(_existing_data_file(args))
    except DatabaseError as exc:
        raise CommandError(pick(f"无法检查:{exc}", f"Cannot check: {exc}")) from exc
    if not problems:
        print("ok")
        return 0
    for problem in problems:
        print(" ".join(problem.split()))
    return 1


COMMANDS: dict[tuple[str, str | None], Handler] = {
    ("backup", None): _backup,
    ("restore", None): _restore,
    ("check", None): _check,
}
