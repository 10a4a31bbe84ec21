"""Moving a data file to a PostgreSQL server: `qualitydesk migrate-to URL`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import CommandError, Handler
from app.i18n import pick


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    move = commands.add_parser(
        "migrate-to",
        help="move the data file to a PostgreSQL server (verified; the file is not changed)",
        parents=[common],
        description="Copy every record, attachment and audit trail entry of the data file "
        "(the data folder's, or --from FILE, e.g. a backup of a server) into the database at "
        "URL, with the same ids. The data file is only read and stays as it is; the window "
        "must not have it open. The database at URL is brought to the newest schema and must "
        "hold no records. Afterwards every table is compared by rows and checksums and the "
        "audit trail's hash chain is verified on the server: a report, exit code 1 on any "
        "difference. The password comes from PGPASSWORD or a pgpass file.",
    )
    move.add_argument(
        "url",
        metavar="URL",
        help="the server database, e.g. postgresql+psycopg://qd@server:5432/qualitydesk",
    )
    move.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE",
        help="the data file to move (default: the data folder's)",
    )


def _source(args: argparse.Namespace) -> Path:
    from app.config import database_path, resolve_data_dir

    path = args.source or database_path(resolve_data_dir(args.data_dir))
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise CommandError(pick(f"没有数据文件:{path}", f"There is no data file at {path}."))
    return path


class _TableProgress:
    """One line per table on stderr: its name and the rows copied."""

    def __init__(self) -> None:
        self.table = ""

    def __call__(self, table: str, done: int, total: int) -> None:
        live = sys.stderr.isatty()
        if table != self.table:
            if self.table and live:
                print(file=sys.stderr)
            self.table = table
            if not live:
                print(f"{table}: {total}", file=sys.stderr, flush=True)
        if live:
            print(f"\r{table}: {done}/{total}", end="", file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.table and sys.stderr.isatty():
            print(file=sys.stderr)


def _target(url: str):  # noqa: ANN202  (an Engine, at the newest schema and without records)
    from sqlalchemy.exc import DBAPIError

    from app.db import ServerError, is_server_url, make_engine, migrate_server, server_problem
    from app.db import server_url as engine_url
    from app.services import database_copy

    try:
        if not is_server_url(url):
            raise CommandError(
                pick(
                    "migrate-to 的目标须是数据库服务器(postgresql://…);复制数据文件请用 backup。",
                    "migrate-to moves a data file to a database server (postgresql://…); "
                    "to copy a data file use backup.",
                )
            )
        engine = make_engine(engine_url(url))
    except ServerError as exc:
        raise CommandError(str(exc)) from None
    try:
        held = database_copy.records_held(engine)  # before the migration changes anything
        if held:
            raise CommandError(str(database_copy.TargetNotEmpty(held)))
        migrate_server(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise CommandError(str(server_problem(exc, url))) from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _migrate_to(args: argparse.Namespace) -> int:
    from app.data_lock import DataFileInUse, DataLock, DataLockError
    from app.db import DatabaseError, describe_database
    from app.services import database_copy

    path = _source(args)
    lock = DataLock(path)
    try:
        lock.acquire()  # the window and writing commands stay out while the file is read
        locked = True
    except DataFileInUse as exc:
        raise CommandError(str(exc)) from exc
    except DataLockError:
        locked = False  # a read-only folder: nobody can write the file there either
    try:
        engine = _target(args.url)
        progress = _TableProgress()
        try:
            report = database_copy.move_file_to(path, engine, progress=progress)
        except DatabaseError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            progress.finish()
            engine.dispose()
    finally:
        if locked:
            lock.release()
    print(f"{path} → {describe_database(args.url)}")
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


COMMANDS: dict[tuple[str, str | None], Handler] = {("migrate-to", None): _migrate_to}
