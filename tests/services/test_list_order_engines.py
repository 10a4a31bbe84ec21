"""Lists sort empty values where SQLite puts them, on every engine: first going up, last down."""

from __future__ import annotations

from datetime import date

import pytest

from app.services import complaint_service, customer_service, return_service
from app.services.complaint_data import ComplaintFilter
from app.services.customer_service import CustomerData
from tests.services import complaint_factory as cf
from tests.services import return_factory as rf


def test_customers_without_a_start_date_come_first_going_up_and_last_going_down(engine):
    for code, since in (("KH001", date(2019, 5, 1)), ("KH002", None), ("KH003", date(2015, 1, 1))):
        customer_service.create(
            engine, CustomerData(code=code, name=code, cooperation_since=since), "t"
        )

    def codes(descending: bool) -> list[str]:
        ids = customer_service.search_ids(engine, sort="cooperation_since", descending=descending)
        return [customer_service.get(engine, i).code for i in ids]

    assert codes(False) == ["KH002", "KH003", "KH001"]
    assert codes(True) == ["KH001", "KH003", "KH002"]


def test_returns_without_a_ticket_come_first_going_up(engine):
    customer_id = cf.customer(engine, "KH001", "长春华通汽车有限公司")
    ticket = cf.register(engine, customer_id, description="异响")
    with_ticket = return_service.create(
        engine, rf.return_data(customer_id, complaint_id=ticket.id), "t"
    )
    without = return_service.create(engine, rf.return_data(customer_id), "t")
    assert return_service.search_ids(engine, sort="complaint", descending=False) == [
        without.id,
        with_ticket.id,
    ]
    assert return_service.search_ids(engine, sort="complaint", descending=True) == [
        with_ticket.id,
        without.id,
    ]


def test_columns_that_cannot_be_empty_sort_without_a_nulls_clause(engine):
    """The complaint list's number order names no NULLS clause on either engine: its columns
    are NOT NULL, and PostgreSQL's index ix_complaint_list_order serves only the plain order
    (with NULLS LAST it sorted all 100,000 tickets for the first page: 50 ms against 0.6)."""
    query = complaint_service.ids_query(engine, None, "number", True).limit(200)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True})).upper()
    assert "ORDER BY" in sql and "NULLS" not in sql
    # a column that may be empty still gets its clause where the engine needs one
    by_due = complaint_service.ids_query(engine, None, "next_due", True)
    due_sql = str(by_due.compile(engine)).upper()
    assert ("NULLS LAST" in due_sql) == (engine.dialect.name == "postgresql")


def test_the_first_page_of_the_complaint_list_is_read_through_its_index(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite sorts empty values first by itself: its terms never had a NULLS clause")
    customer_id = cf.customer(engine)
    for _ in range(3):
        cf.register(engine, customer_id)
    query = complaint_service.ids_query(engine, None, "number", True).limit(200)
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is read whole
        compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
    assert "ix_complaint_list_order" in plan, plan
    assert "Presorted Key: year, seq, reopen_index, number" in plan, plan


def test_a_search_tests_each_ticket_while_the_order_index_is_read_on_postgresql(engine):
    """The search's first page comes in list order without a sort of every match: the ids of
    the tickets and of the customers holding the word are two hashed sets, tested as the list's
    order index is read (an IN of their union PostgreSQL joins, then sorts all 5,387 matches of
    单向器 at 100,000 tickets: 74 ms against 15)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads one set of ids from its order index (checked by the benchmark)")
    customer_id = cf.customer(engine)
    for _ in range(3):
        cf.register(engine, customer_id, description="单向器打滑")
    flt = ComplaintFilter(text="单向器")
    query = complaint_service.ids_query(engine, flt, "number", True).limit(200)
    compiled = query.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is read whole
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))
        found = list(connection.execute(query).scalars())
    assert "Index Scan Backward using ix_complaint_list_order" in plan, plan
    assert "hashed SubPlan" in plan and "Join" not in plan, plan
    assert len(found) == 3


def test_columns_declared_not_null_are_not_null_in_the_data_file(engine):
    """The lists leave out the NULLS clause for columns the models declare NOT NULL; the
    schema the migrations made must agree, or PostgreSQL would sort their empty values first."""
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    import app.models  # noqa: F401  (every table in the metadata)

    inspector = inspect(engine)
    differ = [
        (table.name, column["name"])
        for table in SQLModel.metadata.sorted_tables
        for column in inspector.get_columns(table.name)
        if column["name"] in table.c
        and table.c[column["name"]].nullable is False
        and column["nullable"]
        and not table.c[column["name"]].primary_key
    ]
    assert differ == []
