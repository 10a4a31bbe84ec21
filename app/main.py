"""Entry point: `qualitydesk` starts the window, `qualitydesk COMMAND` runs the headless command line."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

# What the window reads its data with, loaded before Qt: PySide6 installs an import hook that
# reads the source of every module imported after it (looking for its __feature__ switches).
# SQLAlchemy, the models and the services never use them; imported first, they skip the hook,
# a quarter of the imports at start-up. (Nothing under app.services imports Qt.)
DATA_LAYER = (
    "app.db",
    "app.models",
    "app.services.settings_service",
    "app.services.complaint_service",
    "app.services.customer_service",
    "app.services.return_service",
    "app.services.field_list",
    "app.services.survey_service",
    "app.services.overview",
    "app.services.backup_service",
)


def load_data_layer() -> None:
    """What the window needs before Qt is loaded (see DATA_LAYER); a second call does nothing."""
    # Start-up makes ~120,000 long-lived objects (Qt bindings, SQLAlchemy, the models); the
    # cycle collector would walk them some 300 times before the window is up, a fifth of the
    # start. They are never garbage: collection resumes once the window is built
    # (run_application), with these objects set aside for good (gc.freeze).
    gc.disable()
    for name in DATA_LAYER:
        importlib.import_module(name)


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the database chosen by --db-url, $QUALITYDESK_DB_URL or this PC's
    preference, else on the data folder chosen by --data-dir, the environment or the default."""
    load_data_layer()
    from app.ui.application import run_application

    return run_application(
        getattr(args, "data_dir", None),
        getattr(args, "lang", None),
        getattr(args, "db_url", None),
        smoke_test=getattr(args, "smoke_test", False),
    )


def main(argv: list[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
