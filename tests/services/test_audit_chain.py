"""The audit trail is append-only and tamper-evident: the database refuses changes, the chain finds them."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import event, exc, text
from sqlmodel import Session

from app.config import database_path
from app.db import make_engine, open_database, sqlite_url
from app.i18n import set_language
from app.models.audit import append_only_guard_sql, rebuilding_audit_entry
from app.services import audit_service, backup_service, customer_service
from app.services.audit_service import GENESIS
from app.services.customer_service import ContactData, CustomerData
from tests.trail import tamper_trail

ROOT = Path(__file__).resolve().parents[2]


def _customers(engine, count: int, start: int = 1) -> None:
    for i in range(start, start + count):
        contacts = [ContactData("张伟")] if i % 2 else []
        customer_service.create(
            engine, CustomerData(code=f"KH{i:03}", name=f"顾客{i}", contacts=contacts), "t"
        )


TRAIL = "SELECT id, prev_hash, row_hash, old_value, new_value FROM audit_entry ORDER BY id"


def _trail(where) -> list[tuple]:
    """The trail of a SQLite file (read with sqlite3) or of an engine's database."""
    if isinstance(where, Path):
        with closing(sqlite3.connect(where)) as connection:
            return connection.execute(TRAIL).fetchall()
    with where.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(TRAIL)]


def _drop_trigger(engine, name: str) -> None:
    on = " ON audit_entry" if engine.dialect.name == "postgresql" else ""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TRIGGER {name}{on}")


def _codes(problems) -> list[tuple[str, int | None]]:
    return [(p.code, p.entry_id) for p in problems]


@pytest.fixture
def filled(engine, data_dir):
    _customers(engine, 8)
    data = customer_service.get_by_code(engine, "KH002")
    data.name = "顾客二"
    customer_service.update(engine, data, "t")
    customer_service.delete_customer(engine, customer_service.get_by_code(engine, "KH003").id, "t")
    return engine, (database_path(data_dir) if engine.dialect.name == "sqlite" else engine)


# ---------------------------------------------------------------- the database refuses


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET new_value = 'forged' WHERE id = 2",
        "UPDATE audit_entry SET row_hash = row_hash",
        "DELETE FROM audit_entry WHERE id = 1",
        "DELETE FROM audit_entry",
    ],
)
def test_the_database_refuses_to_change_or_delete_trail_rows(filled, statement):
    engine, path = filled
    before = _trail(path)
    with pytest.raises(exc.IntegrityError, match="audit trail is append-only"):
        with engine.begin() as connection:
            connection.execute(text(statement))
    if engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(path)) as connection:  # a plain SQLite tool is refused too
            with pytest.raises(sqlite3.IntegrityError, match="audit trail is append-only"):
                connection.execute(statement)
    else:  # psql, or any client of the server, is refused too; and so is TRUNCATE
        import psycopg

        raw = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with closing(psycopg.connect(raw)) as connection:
            for sql in (statement, "TRUNCATE audit_entry"):
                with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
                    connection.execute(sql)
                connection.rollback()
    assert _trail(path) == before
    assert audit_service.verify_chain(engine) == []


# ---------------------------------------------------------------- the chain


def test_every_writer_chains_its_rows_in_id_order(engine, data_dir):
    _customers(engine, 3)  # one by one: audit_service.record
    customer_service.create_many(  # in bulk: _insert_batch
        engine, [CustomerData(code=f"KB{i:04}", name=f"批量{i}") for i in range(1200)], "t"
    )
    _customers(engine, 2, start=50)
    rows = _trail(engine)
    assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0][1] == GENESIS
    assert all(row[1] == before[2] for before, row in zip(rows, rows[1:], strict=False))
    assert len({row[2] for row in rows}) == len(rows)
    assert audit_service.verify_chain(engine) == []
    if engine.dialect.name == "sqlite":
        assert backup_service.check_database(database_path(data_dir)) == []


WRITES_TRAIL_ROWS = re.compile(
    r"AuditEntry\(|AuditEntry\.__table__|\(AuditEntry,|insert\(\s*AuditEntry"
    r"|(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+audit_entry",
    re.IGNORECASE,
)


def test_only_audit_service_writes_trail_rows():
    """Every writer of audit rows goes through audit_service.append, which chains them."""
    allowed = {"app/services/audit_service.py", "app/models/audit.py"}
    writers = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in allowed or name.startswith("app/migrations/"):
            continue
        if WRITES_TRAIL_ROWS.search(path.read_text(encoding="utf-8")):
            writers.append(name)
    assert writers == []
    # the pattern finds the writers this rule replaced (customer_service's bulk insert)
    assert WRITES_TRAIL_ROWS.search("for table, rows in ((AuditEntry, trail),):")
    assert WRITES_TRAIL_ROWS.search("session.add_all(AuditEntry(**entry) for entry in entries)")


def test_writers_at_the_same_time_still_make_one_chain(data_dir):
    """The trail's end is read under the write lock: appenders in parallel never fork the chain."""
    engine = open_database(data_dir)
    engine.dispose()
    errors = []
    start = threading.Barrier(4)

    def write(worker: int) -> None:
        own = make_engine(sqlite_url(database_path(data_dir)))
        start.wait()
        try:
            for i in range(40):  # nothing else written first: record() alone takes the lock
                with Session(own) as session:
                    audit_service.record(
                        session,
                        entity="test",
                        entity_uuid=f"{worker}-{i}",
                        label="",
                        action="create",
                        changes=[("n", None, str(i))],
                        user=f"w{worker}",
                    )
                    session.commit()
            _customers(own, 5, start=100 * (worker + 1))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(sqlite_url(database_path(data_dir)))
    assert audit_service.verify_chain(engine) == []
    with engine.connect() as connection:
        assert (
            connection.execute(
                text("SELECT count(*) FROM audit_entry WHERE entity = 'test'")
            ).scalar()
            == 160
        )
    engine.dispose()


# ---------------------------------------------------------------- tampering is found


def test_an_entry_altered_behind_the_guard_is_named(filled):
    engine, path = filled
    tamper_trail(engine, "UPDATE audit_entry SET new_value = '顾客X' WHERE id = 4")
    assert _codes(audit_service.verify_chain(engine)) == [("audit_changed", 4)]
    problem = audit_service.verify_chain(engine)[0]
    assert problem.message("en") == (
        "Audit trail entry 4 was altered after it was written (its hash does not match)."
    )
    assert "第 4 条" in problem.message("zh_CN")


def test_the_trail_is_checked_as_it_is_read_in_batches(filled, monkeypatch):
    """A big plant's trail (~200,000 entries) is read a batch at a time, from a server too
    (a cursor on the server: otherwise it sends the whole trail, ~85 MB, before the first
    entry is checked); a fault is still found across batches."""
    engine, _path = filled
    monkeypatch.setattr(audit_service, "TRAIL_BATCH", 3)
    tamper_trail(engine, "UPDATE audit_entry SET new_value = '顾客X' WHERE id = 7")
    reads = []

    def note(_conn, cursor, statement, _parameters, context, _many) -> None:  # noqa: ANN001
        if "FROM audit_entry ORDER BY" in statement:
            reads.append((context.execution_options.get("yield_per"), type(cursor).__name__))

    event.listen(engine, "before_cursor_execute", note)
    try:
        assert _codes(audit_service.verify_chain(engine)) == [("audit_changed", 7)]
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert [batch for batch, _cursor in reads] == [3]
    if engine.dialect.name == "postgresql":
        assert reads[0][1] == "ServerCursor"


def test_an_altered_entry_with_its_hash_recomputed_breaks_the_link_to_the_next(filled):
    engine, path = filled
    rows = _trail(path)
    forged = {"id": 2, **_entry(engine, 2), "new_value": "forged"}
    forged_hash = audit_service.row_hash(forged, rows[0][2])
    tamper_trail(
        engine,
        f"UPDATE audit_entry SET new_value = 'forged', row_hash = '{forged_hash}' WHERE id = 2",
    )
    assert _codes(audit_service.verify_chain(engine)) == [("audit_chain_broken", 3)]


def _entry(engine, entry_id: int) -> dict:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT * FROM audit_entry WHERE id = :id"), {"id": entry_id}
        ).mappings()
        entry = dict(row.one())
    entry["at"] = audit_service._parse_stored_at(entry["at"])
    return entry


def test_deleted_entries_are_named_as_missing(filled):
    engine, path = filled
    last = len(_trail(path))
    tamper_trail(
        engine,
        "DELETE FROM audit_entry WHERE id IN (5, 6, 7)",
        "DELETE FROM audit_entry WHERE id = 1",
    )
    assert _codes(audit_service.verify_chain(engine)) == [
        ("audit_missing", 2),
        ("audit_missing", 8),
    ]
    messages = [p.message("en") for p in audit_service.verify_chain(engine)]
    assert messages[1] == "Audit trail entries 5–7 are missing (deleted), before entry 8."
    assert last > 8


def test_a_missing_guard_is_reported(filled):
    engine, path = filled
    if engine.dialect.name == "sqlite":
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("DROP TRIGGER audit_entry_no_delete")
            connection.commit()
    else:
        _drop_trigger(engine, "audit_entry_no_delete")
    problems = audit_service.verify_chain(engine)
    assert _codes(problems) == [("audit_unguarded", None)]
    assert "audit_entry_no_delete" in problems[0].message("en")


def test_a_disabled_or_emptied_guard_on_a_server_is_reported(filled):
    engine, _ = filled
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's triggers cannot be disabled")
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update")
    problems = audit_service.verify_chain(engine)
    assert _codes(problems) == [("audit_unguarded", None)]
    assert "audit_entry_no_update" in problems[0].message("en")
    with engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update")
        connection.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RETURN new; END $$"
        )
    problems = audit_service.verify_chain(engine)
    assert _codes(problems) == [("audit_unguarded", None)]
    message = audit_service.verify_chain(engine)[0].message("en")
    assert all(name in message for name in append_only_guard_sql("postgresql"))


def test_migration_0012_guards_a_server_database_made_before_it(filled):
    """A PostgreSQL database migrated by a release without the guard gets it from 0012."""
    engine, _ = filled
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite is guarded since 0007")
    from alembic import command

    from app.db import alembic_config
    from app.models.audit import drop_append_only_guard

    with engine.begin() as connection:
        drop_append_only_guard(connection)
    assert _codes(audit_service.verify_chain(engine)) == [("audit_unguarded", None)]
    with engine.connect() as connection:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0011")
        command.upgrade(cfg, "head")
        connection.commit()
    assert audit_service.verify_chain(engine) == []
    with pytest.raises(exc.IntegrityError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry"))


@pytest.mark.sqlite_only  # a server's timestamptz column holds only times
def test_a_garbled_time_is_a_finding_not_a_crash(filled):
    engine, path = filled
    tamper_trail(engine, "UPDATE audit_entry SET at = 'not a time' WHERE id = 3")
    assert _codes(audit_service.verify_chain(engine)) == [("audit_changed", 3)]


def test_many_faults_are_counted_after_the_first_twenty(filled):
    engine, path = filled
    _customers(engine, 15, start=20)
    tamper_trail(engine, "UPDATE audit_entry SET \"user\" = 'x'")
    problems = audit_service.verify_chain(engine)
    assert len(problems) == audit_service.MAX_PROBLEMS + 1
    assert problems[-1].code == "audit_more"


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.pop("QUALITYDESK_DATA_DIR", None)
    env.update(LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


@pytest.mark.sqlite_only  # the data file's check; a server's is H3's --db-url
def test_check_on_the_command_line_names_the_altered_entry_and_fails(filled, data_dir):
    engine, path = filled
    engine.dispose()
    ok = _run_cli("check", "--data-dir", str(data_dir))
    assert (ok.returncode, ok.stdout) == (0, "ok\n"), ok.stderr
    tamper_trail(engine, "UPDATE audit_entry SET old_value = '改过' WHERE id = 9")
    before = path.read_bytes()
    result = _run_cli("check", "--data-dir", str(data_dir))
    assert result.returncode == 1
    assert result.stdout == (
        "Audit trail entry 9 was altered after it was written (its hash does not match).\n"
    )
    assert path.read_bytes() == before  # check changes nothing


@pytest.mark.sqlite_only  # backup_service.check_database reads a data file
def test_check_database_lists_chain_faults_in_the_language_chosen(filled):
    engine, path = filled
    tamper_trail(engine, "DELETE FROM audit_entry WHERE id = 2")
    assert backup_service.check_database(path) == [
        "修改记录第 2–2 条缺失(已被删除),在第 3 条之前。"
    ]
    set_language("en")
    assert backup_service.check_database(path) == [
        "Audit trail entries 2–2 are missing (deleted), before entry 3."
    ]


# ---------------------------------------------------------------- backups, restores, migrations


@pytest.mark.sqlite_only  # backups of a data file (a server's backups: test_backup_service)
def test_a_restored_backup_keeps_a_valid_chain_that_new_entries_continue(filled, data_dir):
    engine, path = filled
    info = backup_service.make_backup(path)
    assert backup_service.check_database(info.path) == []
    _customers(engine, 3, start=20)
    engine.dispose()
    backup_service.restore(info.path, path)
    engine = open_database(data_dir)
    assert audit_service.verify_chain(engine) == []
    assert [row[0] for row in _trail(path)] == [row[0] for row in _trail(info.path)]
    _customers(engine, 2, start=30)  # the trail goes on from the restored end
    assert audit_service.verify_chain(engine) == []
    assert backup_service.check_database(path) == []
    engine.dispose()


def test_a_batch_migration_that_rebuilds_the_trail_keeps_the_guard_with_the_helper(filled):
    engine, path = filled
    before = _trail(path)
    with engine.begin() as connection:
        operations = Operations(MigrationContext.configure(connection))
        with (
            rebuilding_audit_entry(connection),
            operations.batch_alter_table("audit_entry", recreate="always") as batch,
        ):
            batch.create_index("ix_audit_entry_action", ["action"])
    assert _trail(path) == before
    assert audit_service.verify_chain(engine) == []
    with pytest.raises(exc.IntegrityError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_entry"))

    # without the helper SQLite drops the triggers with the old table; check says so
    with engine.begin() as connection:
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("audit_entry", recreate="always") as batch:
            batch.drop_index("ix_audit_entry_action")
    assert _codes(audit_service.verify_chain(engine)) == [("audit_unguarded", None)]
