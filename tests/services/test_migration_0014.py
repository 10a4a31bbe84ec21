"""Migration 0014: a ticket's 8D steps and sorting rows keyed by ticket, every row kept."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import exc, inspect, text

from app.services import audit_service, complaint_service, complaint_workflow, text_search
from app.services.complaint_data import SortingData
from tests.services import complaint_factory as cf
from tests.services.test_complaint_workflow import verify_all, worked_ticket
from tests.services.test_migration_0013 import _step

STEP_COLUMNS = "complaint_id, step, content, owner, done_on"
SORTING_COLUMNS = (
    "complaint_id, position, location, qty_checked, qty_defective, handled_by, done_on, notes"
)
KEYED = {"complaint_step": "step", "complaint_sorting": "position"}


def _steps(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT {STEP_COLUMNS} FROM complaint_step ORDER BY complaint_id, step")
        ).all()


def _sorting(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT {SORTING_COLUMNS} FROM complaint_sorting ORDER BY complaint_id, position")
        ).all()


def _other_rows(engine) -> dict[str, list]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in ("complaint", "corrective_action", "action_event", "audit_entry")
        }


def _columns(engine, table: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(table)]


def _key(engine, table: str) -> list[str]:
    return inspect(engine).get_pk_constraint(table)["constrained_columns"]


def _table_sql(engine, table: str) -> str:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": table},
        ).scalar()


def _with_steps(engine, customer_id: int, n: int) -> int:
    ticket = cf.register(engine, customer_id, description=f"制动钳异响 {n}")
    for step in ticket.steps:
        if step.step <= 2 + n % 5:
            step.content = f"D{step.step} 内容 {n}"
            step.owner = "王工"
            step.done_on = date(2026, 10, step.step) if step.step < 3 else None
    ticket.sorting = [
        SortingData("customer", 100 + n, n % 3, "王工", date(2026, 10, 2), "顾客处挑选"),
        SortingData("in_stock", 500, 0, "李工", None, ""),
    ][: n % 3]
    return complaint_service.update(engine, ticket, "qe").id


@pytest.fixture
def filled(engine):
    first = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    tickets = [_with_steps(engine, first, n) for n in range(6)]
    closed = complaint_workflow.close(
        engine, verify_all(engine, worked_ticket(engine)).id, user="qe"
    )
    reopened = complaint_workflow.reopen(engine, closed.id, reason="再次发生", user="qe")
    return engine, tickets, closed, reopened


def _insert(connection, table: str, complaint_id: int, second: int) -> None:  # noqa: ANN001
    if table == "complaint_step":
        sql = "INSERT INTO complaint_step (complaint_id, step, content, owner) VALUES (:c, :s, 'x', '')"
    else:
        sql = (
            "INSERT INTO complaint_sorting (complaint_id, position, location, qty_checked, "
            "qty_defective, handled_by, notes) VALUES (:c, :s, 'in_stock', 1, 0, '', '')"
        )
    connection.execute(text(sql), {"c": complaint_id, "s": second})


def test_the_upgrade_keys_the_rows_by_ticket_and_keeps_every_row(filled):
    engine, tickets, closed, reopened = filled
    _step(engine, "0013", command.downgrade)
    for table in KEYED:
        assert "id" in _columns(engine, table) and _key(engine, table) == ["id"]
    steps, sorting, others = _steps(engine), _sorting(engine), _other_rows(engine)
    assert len(steps) > 6 * 3 and {row.complaint_id for row in steps} >= set(tickets)
    assert len(sorting) >= 4 and {row.position for row in sorting} == {0, 1}
    read = {i: complaint_service.get(engine, i) for i in [*tickets, closed.id, reopened.id]}

    _step(engine, "head")
    for table, second in KEYED.items():
        assert "id" not in _columns(engine, table)
        assert _key(engine, table) == ["complaint_id", second]
        if engine.dialect.name == "sqlite":
            assert "WITHOUT ROWID" in _table_sql(engine, table)
            with engine.connect() as connection:
                indexes = connection.execute(
                    text("SELECT name FROM sqlite_master WHERE tbl_name = :t AND type = 'index'"),
                    {"t": table},
                ).scalars()
                assert list(indexes) == []  # the key is the table: no second b-tree
        else:
            assert inspect(engine).get_indexes(table) == []
            with engine.connect() as connection:
                sequences = connection.execute(
                    text("SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relname LIKE :n"),
                    {"n": f"{table}%"},
                ).scalar()
                assert sequences == 0
    assert _steps(engine) == steps  # every step, with its content, owner and day
    assert _sorting(engine) == sorting  # every sorting row, in its place
    assert _other_rows(engine) == others  # nothing else changed, the trail included
    assert audit_service.verify_chain(engine) == []
    with engine.connect() as connection:
        assert text_search.problems(connection) == []
    assert {i: complaint_service.get(engine, i) for i in read} == read

    # a ticket's steps and sorting rows are rewritten by each save, one row per key
    ticket = complaint_service.get(engine, tickets[2])
    ticket.steps[0].content = "D1 改过"
    ticket.steps[5].content = "D6 新写"
    ticket.sorting = [
        ticket.sorting[1],
        SortingData("in_transit", 30, 1, "赵工"),
        ticket.sorting[0],
    ]
    saved = complaint_service.update(engine, ticket, "qe")
    again = complaint_service.get(engine, saved.id)
    assert again.steps == saved.steps and again.sorting == ticket.sorting
    assert saved.steps[0].content == "D1 改过" and saved.steps[5].content == "D6 新写"
    for table in KEYED:
        with pytest.raises(exc.IntegrityError), engine.begin() as connection:
            _insert(connection, table, tickets[2], 1)


def test_the_upgrade_numbers_the_places_of_sorting_rows_written_at_one_place(engine):
    """Another program may have written two sorting rows of a ticket at one position: they are
    numbered in their order (position, then id), so the key holds and the order stays."""
    ticket_id = _with_steps(engine, cf.customer(engine), 2)
    _step(engine, "0013", command.downgrade)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM complaint_sorting"))
        for place, notes in ((5, "b"), (0, "a"), (5, "c")):
            connection.execute(
                text(
                    "INSERT INTO complaint_sorting (complaint_id, position, location, qty_checked, "
                    "qty_defective, handled_by, notes) VALUES (:c, :p, 'in_stock', 1, 0, '', :n)"
                ),
                {"c": ticket_id, "p": place, "n": notes},
            )
    _step(engine, "head")
    assert [(row.position, row.notes) for row in _sorting(engine)] == [(0, "a"), (1, "b"), (2, "c")]
    assert [s.notes for s in complaint_service.get(engine, ticket_id).sorting] == ["a", "b", "c"]


def test_the_downgrade_gives_the_rows_ids_again_in_key_order(filled):
    engine = filled[0]
    steps, sorting = _steps(engine), _sorting(engine)
    held = {"complaint_step": len(steps), "complaint_sorting": len(sorting)}
    _step(engine, "0013", command.downgrade)
    assert _steps(engine) == steps and _sorting(engine) == sorting
    for table, second in KEYED.items():
        assert _key(engine, table) == ["id"]
        with engine.connect() as connection:
            ids = connection.execute(
                text(f"SELECT id FROM {table} ORDER BY complaint_id, {second}")
            ).scalars()
            assert list(ids) == list(range(1, held[table] + 1))
    assert "ix_complaint_sorting_complaint_id" in {
        i["name"] for i in inspect(engine).get_indexes("complaint_sorting")
    }
    with pytest.raises(exc.IntegrityError), engine.begin() as connection:  # still UNIQUE
        _insert(connection, "complaint_step", steps[0].complaint_id, steps[0].step)
    with engine.begin() as connection:  # and new rows take the next id
        for table in KEYED:
            _insert(connection, table, steps[0].complaint_id, 99)
            new_id = connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar()
            assert new_id > held[table]  # (PostgreSQL: a refused insert uses one value)
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE id = {new_id}")
    _step(engine, "head")
    assert _steps(engine) == steps and _sorting(engine) == sorting


def _indexes(engine) -> set[str]:
    found = inspect(engine)
    return {i["name"] for t in ("complaint", "corrective_action") for i in found.get_indexes(t)}


def test_three_indexes_go_and_come_back(filled):
    engine = filled[0]
    dropped = {
        "ix_complaint_defect_category",
        "ix_complaint_responsible_department",
        "ix_corrective_action_department",
    }
    assert not dropped & _indexes(engine)
    _step(engine, "0013", command.downgrade)
    assert dropped <= _indexes(engine)
    _step(engine, "head")
    assert not dropped & _indexes(engine)


@pytest.mark.sqlite_only
def test_the_upgrade_writes_the_rows_into_full_pages(engine):
    """Rows inserted one by one into a WITHOUT ROWID table leave its pages ~11 % empty; the
    upgrade copies them whole, so the pages it writes are nearly full (dbstat)."""
    customer_id = cf.customer(engine)
    for n in range(200):  # 1,600 steps of ~100 bytes, as a ticket's are, and 1,200 sorting rows
        ticket = cf.register(engine, customer_id, description=f"制动钳异响 {n}")
        for step in ticket.steps:
            step.content = f"D{step.step} 第{n}单:已确认原因,对策已实施并验证有效"
        ticket.sorting = [
            SortingData("customer", 100 + n, p, "王工", None, "顾客处挑选,不良品已隔离待返工")
            for p in range(6)
        ]
        complaint_service.update(engine, ticket, "qe")
    _step(engine, "0013", command.downgrade)
    _step(engine, "head")
    for table in KEYED:
        with engine.connect() as connection:
            pages, unused = connection.execute(
                text(
                    "SELECT count(*), sum(unused) FROM dbstat WHERE name = :t AND pagetype = 'leaf'"
                ),
                {"t": table},
            ).one()
        assert pages > 15
        assert unused / (pages * 4096) < 0.05, (table, pages, unused)


@pytest.mark.sqlite_only
def test_a_tickets_rows_are_read_through_the_key(filled):
    """EXPLAIN: the lookups by ticket (and by ticket and step) search the table's own key."""
    engine = filled[0]
    asked = (
        "SELECT * FROM complaint_step WHERE complaint_id IN (1, 2)",
        "SELECT * FROM complaint_step WHERE complaint_id = 1 AND step = 8",
        "SELECT complaint_id, step, content FROM complaint_step "
        "WHERE complaint_id IN (1, 2) AND step IN (3, 4, 5) AND content != ''",
        "DELETE FROM complaint_step WHERE complaint_id = 1",
        "SELECT * FROM complaint_sorting WHERE complaint_id IN (1, 2) ORDER BY position",
        "DELETE FROM complaint_sorting WHERE complaint_id = 1",
    )
    with engine.connect() as connection:
        for sql in asked:
            plan = " ".join(
                row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            )
            table = sql.split("FROM ")[1].split()[0]
            assert f"SEARCH {table} USING PRIMARY KEY (complaint_id=?" in plan, (sql, plan)


def test_the_rows_still_belong_to_their_ticket(engine):
    """The new tables keep the foreign key to complaint with ON DELETE CASCADE: a row of a
    ticket that does not exist is refused, and deleting a ticket's row deletes its rows."""
    ticket_id = _with_steps(engine, cf.customer(engine), 3)
    missing = ticket_id + 1000
    with pytest.raises(exc.IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO complaint_step (complaint_id, step, content, owner) VALUES (:c, 1, 'x', '')"
            ),
            {"c": missing},
        )
    with pytest.raises(exc.IntegrityError), engine.begin() as connection:
        _insert(connection, "complaint_sorting", missing, 0)
    assert {row.complaint_id for row in _steps(engine) + _sorting(engine)} == {ticket_id}
    with engine.begin() as connection:
        connection.execute(
            text("DELETE FROM corrective_action WHERE complaint_id = :c"), {"c": ticket_id}
        )
        connection.execute(text("DELETE FROM complaint WHERE id = :c"), {"c": ticket_id})
    assert _steps(engine) == [] and _sorting(engine) == []


@pytest.mark.sqlite_only
def test_the_open_actions_of_a_department_are_found_through_done_on(filled):
    """Without ix_corrective_action_department the overview's open actions of a department are
    read through ix_corrective_action_done_on (the open and recently done actions), not by
    scanning every action."""
    from sqlalchemy import event

    from app.services import overview

    engine = filled[0]
    sent = []

    def note(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if "FROM corrective_action" in statement and "department" in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        assert overview.open_actions(engine, "生产部") is not None
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert sent
    with engine.connect() as connection:
        for statement, parameters in sent:
            plan = [
                row[-1]
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            ]
            reads = [line for line in plan if "corrective_action " in f"{line} "]
            assert reads and all("ix_corrective_action_done_on" in line for line in reads), plan
