"""The options the window and every command take (--data-dir, --db-url, --lang, --smoke-test).

Kept apart from the command line (app/cli), whose commands load the whole data layer: a plain
`qualitydesk [--data-dir DIR] [--lang L] [--db-url URL] [--smoke-test]` is read here and starts
the window without it, so the window can be painted before the data layer loads.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from app.i18n import LANGUAGES

BILINGUAL = "bilingual"  # the 8D report only: Chinese with English, for OEM customers


def global_options(
    parser: argparse.ArgumentParser, suppress: bool, languages: Sequence[str] = LANGUAGES
) -> None:
    """--data-dir, --db-url and --lang, accepted before and after the command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder of the data file (default: $QUALITYDESK_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        default=default,
        help="a database server instead of the data file, e.g. "
        "postgresql+psycopg://user@server:5432/qualitydesk (default: $QUALITYDESK_DB_URL, else "
        "the server chosen in Settings on this PC, else the data file); the password comes "
        "from PGPASSWORD or a pgpass file",
    )
    parser.add_argument(
        "--lang",
        choices=languages,
        default=default,
        help="language of messages and reports (default: the system language)"
        + ("; bilingual: the form in Chinese and English" if BILINGUAL in languages else ""),
    )


def smoke_test_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, quit with exit code 0 once it is painted (checks a built app)",
    )


class _NotTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotTheWindow(message)


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when argv holds nothing else; None for a command, --help,
    --version or anything wrong (the command line then answers, and tells what is wrong)."""
    parser = _WindowParser(add_help=False, allow_abbrev=False)
    global_options(parser, suppress=False)
    smoke_test_option(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args
