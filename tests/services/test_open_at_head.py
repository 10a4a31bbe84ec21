"""Opening a data file that is up to date does not load Alembic (a start-up cost of ~0.3 s)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from app.config import database_path
from app.db import (
    alembic_config,
    head_revision,
    make_engine,
    open_database,
    schema_revision,
    sqlite_url,
)


def test_the_newest_migration_is_read_from_the_files_as_alembic_reads_it():
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_an_up_to_date_data_file_opens_without_loading_alembic(tmp_path):
    open_database(tmp_path).dispose()  # made and migrated
    probe = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from app.db import open_database, schema_revision, head_revision
        engine = open_database(Path({str(tmp_path)!r}))
        assert schema_revision(engine) == head_revision()
        print(sorted(name for name in sys.modules if name.split(".")[0] == "alembic"))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_a_data_file_one_migration_behind_is_still_brought_up_to_date(tmp_path):
    head = head_revision()
    previous = ScriptDirectory.from_config(alembic_config()).get_revision(head).down_revision
    engine = make_engine(sqlite_url(database_path(tmp_path)))
    with engine.connect() as connection:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, previous)
        connection.commit()
    assert schema_revision(engine) == previous
    engine.dispose()
    engine = open_database(tmp_path)
    assert schema_revision(engine) == head
    engine.dispose()


def test_a_new_data_file_has_no_revision_until_it_is_migrated(tmp_path):
    engine = make_engine(sqlite_url(database_path(tmp_path)))
    assert schema_revision(engine) is None
    engine.dispose()
    engine = open_database(tmp_path)
    assert schema_revision(engine) == head_revision()
    engine.dispose()
