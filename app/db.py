"""Database engine, SQLite pragmas and migrations applied at start-up."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SAWarning

from app.config import database_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(RuntimeError):
    """The data file cannot be opened or brought up to date."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).as_posix()}"


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite connections get the pragmas quality records need."""
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(url, connect_args={"timeout": 30} if is_sqlite else {})
    if is_sqlite:
        in_memory = url in ("sqlite://", "sqlite:///:memory:")

        @event.listens_for(engine, "connect")
        def _set_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA synchronous=FULL")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision.

    Batch migrations on SQLite copy and drop tables; with foreign keys on, that would delete
    child rows through ON DELETE CASCADE. So foreign keys are off during the migration and the
    result is checked with foreign_key_check before they are switched back on.
    """
    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if is_sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        with warnings.catch_warnings():
            # batch migrations reflect tables; SQLite cannot reflect the expression index on
            # customer codes (migration 0002 owns it), which is expected and harmless
            warnings.filterwarnings(
                "ignore", message=".*expression-based index", category=SAWarning
            )
            command.upgrade(cfg, "head")
        connection.commit()
        if is_sqlite:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
            if problems:
                raise DatabaseError(f"foreign key check failed after migration: {problems[:5]}")


def open_database(data_dir: Path) -> Engine:
    """Open (creating if needed) the data file in data_dir, migrated to the newest schema."""
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(database_path(data_dir)))
    migrate(engine)
    return engine
