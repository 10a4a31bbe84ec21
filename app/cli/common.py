"""What every command shares: errors, the argument parser, argument types, output helpers."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from app.i18n import pick

PROG = "qualitydesk"


class CommandError(Exception):
    """A command cannot be done; the message is the one line shown on stderr (exit 1)."""


# ---------------------------------------------------------------- parser


class Parser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit code 2, not the whole usage text."""

    def error(self, message: str) -> NoReturn:
        hint = pick(f"用 '{self.prog} --help' 查看用法", f"see '{self.prog} --help'")
        line = " ".join(message.split())
        self.exit(2, f"{PROG}: error: {line} ({hint})\n")


def whole_number(text: str, lowest: int = 1) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not lowest <= value <= 99_999:
        raise argparse.ArgumentTypeError(f"must be between {lowest} and 99999, not {value}")
    return value


def whole_number_or_none(text: str) -> int:
    return whole_number(text, lowest=0)


def seed_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def day_arg(text: str) -> date:
    """A date as the clerk writes it: 2024-03-05, 2024/3/5, 2024年3月5日, 20240305."""
    from app.services.parsing import parse_date_text

    try:
        day = parse_date_text(text)
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (e.g. 2024-03-05)")
    return day


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def month_arg(text: str) -> tuple[int, int]:
    """YYYY-MM as (year, month)."""
    found = _MONTH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text!r}")
    return int(found.group(1)), int(found.group(2))


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


def json_value(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value


def database_url(args: argparse.Namespace) -> str | None:
    """The database URL to work on (--db-url, $QUALITYDESK_DB_URL, this PC's preference), or
    None for the data file in the data folder."""
    from app.config import resolve_db_url

    return resolve_db_url(getattr(args, "db_url", None))


def data_file(args: argparse.Namespace) -> Path:
    """The SQLite data file the command works on (the data folder's, or a sqlite:/// URL's);
    a command that needs a file refuses a database server."""
    from app.config import database_path, resolve_data_dir
    from app.db import ServerError, describe_database, is_server_url, parse_url

    url = database_url(args)
    if url is None:
        return database_path(resolve_data_dir(args.data_dir))
    try:
        if not is_server_url(url) and parse_url(url).database not in (None, "", ":memory:"):
            return Path(parse_url(url).database).expanduser().absolute()  # type: ignore[arg-type]
        where = describe_database(url)
    except ServerError as exc:
        raise CommandError(str(exc)) from exc
    raise CommandError(
        pick(
            f"此命令只能用于数据文件,当前打开的是数据库服务器({where})。",
            f"This command works on a data file; the database open is a server ({where}).",
        )
    )


def open_engine(args: argparse.Namespace, *, reading: bool = False):  # noqa: ANN202
    """The engine the command works on. reading: the command only reads (an export), so the
    data file's note of a clean close is kept (db.open_database)."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.config import database_path, resolve_data_dir
    from app.db import DatabaseError, ReadOnlyDataFolder, ServerError, open_database, open_url

    url = database_url(args)
    if url is not None:
        from app.db import is_server_url, safe_url

        try:
            if is_server_url(url):
                return open_url(url)
            path = data_file(args)
        except ServerError as exc:
            raise CommandError(str(exc)) from None
        except (DatabaseError, SQLAlchemyError) as exc:
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
            raise CommandError(
                pick(
                    f"无法打开数据库 {safe_url(url)}:{reason}",
                    f"Cannot open the database {safe_url(url)}: {reason}",
                )
            ) from None
    else:
        path = database_path(resolve_data_dir(args.data_dir))
    try:
        if url is None:
            return open_database(path.parent, reading=reading)
        return open_url(url, reading=reading)
    except ReadOnlyDataFolder as exc:
        raise CommandError(str(exc)) from exc
    except (OSError, DatabaseError, SQLAlchemyError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise CommandError(
            pick(
                f"无法打开数据文件 {path}:{reason}",
                f"Cannot open the data file {path}: {reason}",
            )
        ) from exc


@contextmanager
def writing(args: argparse.Namespace) -> Iterator[None]:
    """Hold the data file's lock while a command writes (import, demo, restore).

    A command refuses while the window or another writing command holds it, naming who does;
    reading commands (list, export, backup, check) need no lock. A database server needs no
    such lock: its clients write at the same time (numbers, record versions and the audit
    trail are serialised by the server).
    """
    from app.data_lock import DataLock, DataLockError
    from app.db import ServerError, is_server_url

    url = database_url(args)
    try:
        on_server = url is not None and is_server_url(url)
    except ServerError as exc:
        raise CommandError(str(exc)) from None
    if on_server:
        yield
        return
    lock = DataLock(data_file(args))
    try:
        lock.acquire()
    except DataLockError as exc:
        raise CommandError(str(exc)) from exc
    try:
        yield
    finally:
        lock.release()


def backup_before_import(engine) -> None:  # noqa: ANN001
    """A verified backup right before an import writes; no backup, no import."""
    from app.db import DatabaseError
    from app.services import backup_service

    try:
        info = backup_service.backup_before(engine, "import")
    except DatabaseError as exc:
        raise CommandError(
            pick(
                f"导入前无法备份,未导入任何数据:{exc}",
                f"No backup could be made before the import; nothing was imported: {exc}",
            )
        ) from exc
    if info is not None:
        print(pick(f"导入前的备份:{info.path}", f"Backup before the import: {info.path}"))


def check_output(path: Path) -> None:
    if path.is_dir():
        raise CommandError(
            pick(f"{path} 是文件夹,请给出文件名。", f"{path} is a folder, not a file.")
        )
    if not path.parent.is_dir():
        raise CommandError(
            pick(f"文件夹 {path.parent} 不存在。", f"The folder {path.parent} does not exist.")
        )


def write_failed(path: Path, exc: OSError) -> CommandError:
    reason = exc.strerror or str(exc)
    return CommandError(pick(f"无法写入 {path}:{reason}", f"Cannot write {path}: {reason}"))


def write_output(output: Path, content: bytes) -> None:
    """Write an export all at once (never half a file) and say where it went."""
    from app.reports.files import write_atomically

    try:
        write_atomically(output, content)
    except OSError as exc:
        raise write_failed(output, exc) from exc
    print(pick(f"已写入 {output}", f"Written: {output}"))


class Progress:
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


def local_text(value: datetime | None) -> str:
    """A timestamp as the PC's wall-clock time, to the minute."""
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%Y-%m-%d %H:%M")


class PagedProgress(Progress):
    """The same, for callbacks that pass (done, total)."""

    def __call__(self, done: int, total: int | None = None) -> None:  # type: ignore[override]
        if total is not None:
            self.total = total
        super().__call__(done)


Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class CommandGroups:
    """The sub-command groups a record family adds its commands to."""

    list_what: argparse._SubParsersAction
    import_what: argparse._SubParsersAction
    export_what: argparse._SubParsersAction
    common: argparse.ArgumentParser  # --data-dir and --lang after the command
    common_bilingual: argparse.ArgumentParser  # the same, with --lang bilingual


def print_json(records: Iterable[dict[str, object]]) -> None:
    """A JSON array on stdout, UTF-8 whatever the locale, written record by record as they are
    read (a listing of 100,000 tickets holds one chunk of them, not all): the same text as
    json.dumps(list(records), indent=2)."""
    if not sys.stdout.isatty():
        sys.stdout.reconfigure(encoding="utf-8")
    out = sys.stdout
    opened = False
    for record in records:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        # a JSON string holds no line break, so every line of the record moves in one level
        out.write((",\n  " if opened else "[\n  ") + text.replace("\n", "\n  "))
        opened = True
    out.write("\n]\n" if opened else "[]\n")
