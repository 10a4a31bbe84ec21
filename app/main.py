"""Entry point: `qualitydesk` starts the window, `qualitydesk COMMAND` runs the headless command line."""

from __future__ import annotations

import argparse
import gc
import sys


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the database chosen by --db-url, $QUALITYDESK_DB_URL or this PC's
    preference, else on the data folder chosen by --data-dir, the environment or the default."""
    # Start-up makes ~120,000 long-lived objects (Qt bindings, SQLAlchemy, the models); the
    # cycle collector would walk them some 300 times before the window is up, a fifth of the
    # start. They are never garbage: collection resumes once the window is built
    # (run_application), with these objects set aside for good (gc.freeze).
    gc.disable()
    from app.ui.application import run_application

    return run_application(
        getattr(args, "data_dir", None),
        getattr(args, "lang", None),
        getattr(args, "db_url", None),
        smoke_test=getattr(args, "smoke_test", False),
    )


def main(argv: list[str] | None = None) -> int:
    from app.options import window_arguments

    argv = list(sys.argv[1:] if argv is None else argv)
    window = window_arguments(argv)
    if window is not None:  # the window alone: without loading the commands (app/options.py)
        return run_gui(window)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
