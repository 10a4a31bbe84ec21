"""Entry point: `qualitydesk` starts the window, `qualitydesk COMMAND` runs the headless command line."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the data folder chosen by --data-dir, the environment or the default."""
    from app.ui.application import run_application

    return run_application(getattr(args, "data_dir", None), getattr(args, "lang", None))


def main(argv: list[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
