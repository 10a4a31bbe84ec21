"""Migration 0013: a smaller data file without losing a row, a search result or a fast lookup."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from app.db import alembic_config
from app.services import (
    audit_service,
    complaint_service,
    complaint_workflow,
    customer_service,
    return_service,
    text_search,
)
from app.services.complaint_data import ComplaintFilter
from app.services.customer_service import CustomerFilter
from app.services.return_data import ReturnFilter
from tests.services import complaint_factory as cf
from tests.services import return_factory as rf
from tests.services.test_complaint_workflow import verify_all, worked_ticket

DROPPED = (
    "ix_complaint_step_complaint_id",
    "ix_complaint_year",
    "ix_corrective_action_due",
)
PARTIAL = (
    "ix_complaint_origin_id",
    "ix_complaint_root_id",
    "ix_corrective_action_visit_id",
    "ix_corrective_action_return_id",
    "ix_corrective_action_campaign_id",
)
SEARCHES = (
    "制动钳异响",
    "钳异响",
    "异响",
    "华通",
    "华通汽车",
    "KH002",
    "kh0",
    "p-1001",
    "没有这个",
    'a"b',
)


def _step(engine, revision, step=command.upgrade):
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        step(cfg, revision)
        connection.commit()


def _indexes(engine) -> dict[str, str]:
    """Index name -> its SQL (its definition on PostgreSQL)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            rows = connection.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            )
        else:
            rows = connection.exec_driver_sql(
                "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'index'"
            )
        return dict(rows.all())


def _fts_sql(engine) -> str:
    with engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'complaint_text_fts'"
        ).scalar()


def _found(engine) -> dict:
    return {
        words: (
            complaint_service.search_ids(engine, ComplaintFilter(text=words)),
            customer_service.search_ids(engine, CustomerFilter(text=words)),
            return_service.search_ids(engine, ReturnFilter(text=words)),
        )
        for words in SEARCHES
    }


def _rows(engine) -> dict[str, list]:
    # the steps without their id, which migration 0014 drops (they are keyed by ticket and step)
    queries = {
        table: f"SELECT * FROM {table} ORDER BY id"
        for table in ("complaint", "corrective_action", "audit_entry")
    }
    queries["complaint_step"] = (
        "SELECT complaint_id, step, content, owner, done_on FROM complaint_step "
        "ORDER BY complaint_id, step"
    )
    with engine.connect() as connection:
        return {table: connection.execute(text(sql)).all() for table, sql in queries.items()}


@pytest.fixture
def filled(engine):
    first = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    second = cf.customer(engine, "KH002", "吉林一汽配件厂")
    tickets = [
        cf.register(engine, first if n % 2 else second, description=f"制动钳异响 {n}")
        for n in range(6)
    ]
    return_service.create(engine, rf.return_data(first, rf.line(material_no="P-1001")), "clerk")
    closed = complaint_workflow.close(
        engine, verify_all(engine, worked_ticket(engine)).id, user="qe"
    )
    reopened = complaint_workflow.reopen(engine, closed.id, reason="再次发生", user="qe")
    return engine, tickets, closed, reopened


def test_the_upgrade_drops_unused_indexes_and_keeps_every_row_and_search(filled):
    engine, tickets, closed, reopened = filled
    _step(engine, "0012", command.downgrade)
    before_indexes = _indexes(engine)
    assert set(DROPPED) | set(PARTIAL) <= set(before_indexes)
    assert not any("IS NOT NULL" in before_indexes[name] for name in PARTIAL)
    rows, found = _rows(engine), _found(engine)
    assert (
        found["异响"][0] and found["华通"][0] and found["p-1001"][2]
    )  # the searches find something

    _step(engine, "head")
    after = _indexes(engine)
    assert not set(DROPPED) & set(after)
    for name in PARTIAL:
        assert "IS NOT NULL" in after[name], after[name]
    assert _rows(engine) == rows  # no row of a record or the trail changed
    assert _found(engine) == found  # every list finds exactly what it found before
    assert audit_service.verify_chain(engine) == []
    with engine.connect() as connection:
        assert text_search.problems(connection) == []
    if engine.dialect.name == "sqlite":
        assert "detail=none" in _fts_sql(engine) and "columnsize=0" in _fts_sql(engine)

    # the indexes are kept in step with later writes, partial ones included
    again = cf.register(engine, tickets[1].customer_id, description="单向器异响")
    assert complaint_service.search_ids(engine, ComplaintFilter(text="单向器")) == [again.id]
    with engine.connect() as connection:
        reopenings = connection.execute(
            text("SELECT id FROM complaint WHERE origin_id = :id AND root_id = :id"),
            {"id": closed.id},
        )
        assert reopenings.scalars().all() == [reopened.id]
    with engine.connect() as connection:
        assert text_search.problems(connection) == []


def test_the_downgrade_brings_back_the_indexes_and_the_positions(filled):
    engine = filled[0]
    found = _found(engine)
    _step(engine, "0012", command.downgrade)
    indexes = _indexes(engine)
    assert set(DROPPED) <= set(indexes)
    assert not any("IS NOT NULL" in indexes[name] for name in PARTIAL)
    assert _found(engine) == found
    if engine.dialect.name == "sqlite":
        assert "detail" not in _fts_sql(engine)  # positions again: phrase queries work
        with engine.connect() as connection:
            hits = connection.exec_driver_sql(
                "SELECT count(*) FROM complaint_text_fts WHERE complaint_text_fts MATCH '\"制动钳异响\"'"
            ).scalar()
            assert hits == len(found["制动钳异响"][0]) and text_search.problems(connection) == []
    _step(engine, "head")
    assert _found(engine) == found


@pytest.mark.sqlite_only
def test_lookups_by_the_partly_empty_columns_still_use_their_index(filled):
    """EXPLAIN: what the services ask by these columns (=, IN, IS NOT NULL) reads the partial
    index; a ticket's 8D steps are read through their key (complaint_id, step), since 0014 the
    table's own (test_migration_0014)."""
    engine = filled[0]
    asked = {
        "ix_complaint_root_id": "SELECT max(reopen_index) FROM complaint WHERE root_id = 1",
        "ix_complaint_origin_id": "SELECT id FROM complaint WHERE origin_id IN (1, 2)",
        "ix_corrective_action_visit_id": "SELECT visit_id, count(*) FROM corrective_action "
        "WHERE visit_id IS NOT NULL GROUP BY visit_id",
        "ix_corrective_action_return_id": "SELECT id FROM corrective_action WHERE return_id = 3",
        "ix_corrective_action_campaign_id": "SELECT count(*) FROM corrective_action "
        "WHERE campaign_id = 2",
        "PRIMARY KEY (complaint_id=?)": "SELECT * FROM complaint_step WHERE complaint_id IN (1, 2)",
        "ix_complaint_list_order": "SELECT max(seq) FROM complaint WHERE year = 2026",
        # kept: the failure history looks tickets up by the part numbers it found
        "ix_complaint_part_no": "SELECT id FROM complaint WHERE part_no IN ('P-1001', 'P-1002')",
    }
    with engine.connect() as connection:
        for index, sql in asked.items():
            plan = " ".join(
                row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            )
            assert index in plan, (sql, plan)


def test_the_models_do_not_load_the_postgresql_dialect_at_start():
    """The partial indexes are made by the migration only: declared on the models, their
    PostgreSQL form would load SQLAlchemy's PostgreSQL dialect in every start of the app."""
    import subprocess
    import sys

    from tests.cli_runner import ROOT

    script = "import sys, app.models; print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"
