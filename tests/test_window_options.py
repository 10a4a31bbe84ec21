"""`qualitydesk [--data-dir DIR] [--lang L] [--db-url URL] [--smoke-test]` opens the window
without the command line's modules (app/options.py); anything else is the command line's."""

from __future__ import annotations

import pytest

from app import main as app_main
from app.options import window_arguments


def test_the_window_options_alone_open_the_window():
    args = window_arguments([])
    assert (args.data_dir, args.lang, args.db_url, args.smoke_test) == (None, None, None, False)
    args = window_arguments(["--data-dir", "D:/质量", "--lang", "en", "--smoke-test"])
    assert (args.data_dir, args.lang, args.smoke_test, args.command) == (
        "D:/质量",
        "en",
        True,
        None,
    )
    assert window_arguments(["--db-url=postgresql+psycopg://qd@server/qd"]).db_url.endswith("/qd")


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "customers"],
        ["--lang", "en", "export", "complaint-ledger", "-o", "x.xlsx"],
        ["--help"],
        ["--version"],
        ["--lang", "fr"],  # the command line says what is wrong, in its words
        ["--data-dir"],
        ["--data"],  # no abbreviations: the command line decides
    ],
)
def test_anything_else_is_left_to_the_command_line(argv):
    assert window_arguments(argv) is None


def test_main_starts_the_window_or_runs_the_command(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(app_main, "run_gui", lambda args: opened.append(args.lang) or 0)
    assert app_main.main(["--lang", "zh_CN"]) == 0
    assert opened == ["zh_CN"]
    with pytest.raises(SystemExit) as stopped:
        app_main.main(["--lang", "fr"])
    assert stopped.value.code == 2 and "fr" in capsys.readouterr().err
    assert opened == ["zh_CN"]
