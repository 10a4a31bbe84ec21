"""a ticket's 8D steps and D3 sorting rows keyed by ticket, without a rowid on SQLite; three
indexes that no statement needs are dropped

complaint_step and complaint_sorting had an id nothing refers to (the services, the 8D form, the
exports, sync and the trail name a step by its ticket and number D1…D8, a sorting row by its
ticket and place in the list) and an index on complaint_id (the steps' one the UNIQUE
(complaint_id, step) index of 0003, the sorting's ix_complaint_sorting_complaint_id). Each table
is keyed by (complaint_id, step) and (complaint_id, position):

- SQLite: made again as WITHOUT ROWID tables, so their rows live in the key's b-tree alone: no
  id, no second b-tree for an index on complaint_id. The rows are copied as they are, in key
  order, into full pages (_keyed_sqlite).
- PostgreSQL: the id column (and its sequence) and the index or UNIQUE constraint go, the pair
  becomes the primary key.

A ticket's sorting positions are 0, 1, … as the app has always written them (complaint_service
numbers the rows of the form as it saves them); a file with two rows at one position (written by
another program) has them numbered in their order, position then id, so the order stays.

Three indexes go (DROPPED below): two no statement reads, one that made a lookup slower.

No trigger belongs to these tables (the search index is the ticket's, kept by triggers on
complaint) and no foreign key points at them, so they are made again by hand rather than by a
batch migration; foreign keys are off during a migration on SQLite and checked after it
(app.db.migrate). The downgrade gives the rows ids again, in key order.

Measured with dbstat on ten years of records (benchmarks/RESULTS.md, "Data file size").

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# indexes dropped (EXPLAIN of every statement the service and report tests send, on the 10k and
# 100k data sets before and after): no statement reads ix_complaint_defect_category or
# ix_complaint_responsible_department (a list filtered by either is read in list order, a
# category holding ~1/4 of the tickets and a department ~1/2; the recurrence check finds a
# customer's tickets by customer_id); ix_corrective_action_department was read by one statement,
# the overview's open actions of a department, which without it reads the open actions through
# ix_corrective_action_done_on instead (100k: 145 → 10 ms; a department holds up to half the
# actions, nearly all of them done)
DROPPED = (
    ("complaint", "defect_category"),
    ("complaint", "responsible_department"),
    ("corrective_action", "department"),
)


class Keyed:
    """A child table of complaint keyed by (complaint_id, `second`) from 0014 on (a plain class:
    Alembic loads this file outside sys.modules, where a dataclass cannot be made)."""

    def __init__(
        self, name: str, second: str, columns: str, body: str, index: str | None, unique: bool
    ) -> None:
        self.name = name
        self.second = second  # the key's second column
        self.columns = columns  # every column but id, in the table's order
        self.body = body  # the CREATE TABLE body without id and key (SQLite)
        self.index = index  # its own index on complaint_id before 0014 (0013 dropped the steps')
        self.unique = unique  # a UNIQUE (complaint_id, second) before 0014

    def sqlite_keyed(self, name: str) -> str:
        return (
            f"CREATE TABLE {name} (\n{self.body},\n"
            f"\tPRIMARY KEY (complaint_id, {self.second}),\n{FOREIGN_KEY}\n) WITHOUT ROWID"
        )

    def sqlite_with_id(self, name: str) -> str:
        unique = f",\n\tUNIQUE (complaint_id, {self.second})" if self.unique else ""
        return (
            f"CREATE TABLE {name} (\n\tid INTEGER NOT NULL,\n{self.body},\n"
            f"\tPRIMARY KEY (id),\n{FOREIGN_KEY}{unique}\n)"
        )


FOREIGN_KEY = "\tFOREIGN KEY(complaint_id) REFERENCES complaint (id) ON DELETE CASCADE"
STEPS = Keyed(
    "complaint_step",
    "step",
    "complaint_id, step, content, owner, done_on",
    "\tcomplaint_id INTEGER NOT NULL,\n\tstep INTEGER NOT NULL,\n\tcontent VARCHAR NOT NULL,\n"
    "\towner VARCHAR(60) NOT NULL,\n\tdone_on DATE",
    index=None,
    unique=True,
)
SORTING = Keyed(
    "complaint_sorting",
    "position",
    "complaint_id, position, location, qty_checked, qty_defective, handled_by, done_on, notes",
    "\tcomplaint_id INTEGER NOT NULL,\n\tposition INTEGER NOT NULL,\n"
    "\tlocation VARCHAR(20) NOT NULL,\n\tqty_checked FLOAT NOT NULL,\n"
    "\tqty_defective FLOAT NOT NULL,\n\thandled_by VARCHAR(60) NOT NULL,\n\tdone_on DATE,\n"
    "\tnotes VARCHAR(300) NOT NULL",
    index="ix_complaint_sorting_complaint_id",
    unique=False,
)
KEYED = (STEPS, SORTING)


def _numbered(table: Keyed) -> str:
    """The rows with `second` numbered 0, 1, … per ticket in its order (positions; a step keeps
    its number: the UNIQUE index made them distinct already)."""
    if table.unique:
        return f"SELECT {table.columns} FROM {table.name}"
    renumbered = table.columns.replace(
        f", {table.second},",
        f", row_number() OVER (PARTITION BY complaint_id ORDER BY {table.second}, id) - 1,",
    )
    return f"SELECT {renumbered} FROM {table.name}"


def _keyed_sqlite(table: Keyed) -> None:
    """The table made again WITHOUT ROWID, its rows copied in key order into full pages.

    Rows inserted one by one into a WITHOUT ROWID table (an index b-tree) leave its pages ~11 %
    empty; a table copied whole from one of the same layout is written by SQLite page after
    page, full (its "transfer" copy, used when foreign keys are off, as app.db.migrate has
    them). Hence the second table."""
    staging = f"_{table.name}_0014"
    op.execute(f"DROP TABLE IF EXISTS {staging}")
    op.execute(table.sqlite_keyed(staging))
    op.execute(f"INSERT INTO {staging} ({table.columns}) {_numbered(table)} ORDER BY 1, 2")
    op.execute(f"DROP TABLE {table.name}")  # its index goes with it
    op.execute(table.sqlite_keyed(table.name))
    op.execute(f"INSERT INTO {table.name} SELECT * FROM {staging}")
    op.execute(f"DROP TABLE {staging}")


def _keyed_postgresql(table: Keyed) -> None:
    bind = op.get_bind()
    if not table.unique:  # positions numbered 0, 1, … per ticket, as the app writes them
        op.execute(
            f"UPDATE {table.name} SET {table.second} = numbered.n FROM (SELECT id, "
            f"row_number() OVER (PARTITION BY complaint_id ORDER BY {table.second}, id) - 1 "
            f"AS n FROM {table.name}) AS numbered WHERE {table.name}.id = numbered.id "
            f"AND {table.name}.{table.second} <> numbered.n"
        )
    found = inspect(bind)
    op.drop_constraint(found.get_pk_constraint(table.name)["name"], table.name, type_="primary")
    for unique in found.get_unique_constraints(table.name):
        if sorted(unique["column_names"]) == sorted(["complaint_id", table.second]):
            op.drop_constraint(unique["name"], table.name, type_="unique")
    if table.index:
        op.drop_index(table.index, table_name=table.name)
    op.drop_column(table.name, "id")  # its sequence goes with it (owned by the column)
    op.create_primary_key(f"{table.name}_pkey", table.name, ["complaint_id", table.second])


def _with_id_sqlite(table: Keyed) -> None:
    """Back to a rowid table: ids given in key order as the rows are inserted."""
    staging = f"_{table.name}_0014"
    op.execute(f"DROP TABLE IF EXISTS {staging}")
    op.execute(table.sqlite_with_id(staging))
    op.execute(
        f"INSERT INTO {staging} ({table.columns}) SELECT {table.columns} FROM {table.name} "
        "ORDER BY 1, 2"
    )
    op.execute(f"DROP TABLE {table.name}")
    op.execute(f"ALTER TABLE {staging} RENAME TO {table.name}")
    if table.index:
        op.execute(f"CREATE INDEX {table.index} ON {table.name} (complaint_id)")


def _with_id_postgresql(table: Keyed) -> None:
    op.drop_constraint(f"{table.name}_pkey", table.name, type_="primary")
    op.execute(f"ALTER TABLE {table.name} ADD COLUMN id SERIAL")
    op.execute(
        f"UPDATE {table.name} SET id = numbered.n FROM (SELECT complaint_id, {table.second}, "
        f"row_number() OVER (ORDER BY complaint_id, {table.second}) AS n FROM {table.name}) "
        f"AS numbered WHERE {table.name}.complaint_id = numbered.complaint_id "
        f"AND {table.name}.{table.second} = numbered.{table.second}"
    )
    op.execute(
        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
    )
    op.create_primary_key(f"{table.name}_pkey", table.name, ["id"])
    if table.unique:
        op.create_unique_constraint(
            f"{table.name}_complaint_id_{table.second}_key",
            table.name,
            ["complaint_id", table.second],
        )
    if table.index:
        op.create_index(table.index, table.name, ["complaint_id"])


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, column in DROPPED:
        op.drop_index(f"ix_{name}_{column}", table_name=name)
    for table in KEYED:
        (_keyed_sqlite if sqlite else _keyed_postgresql)(table)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in KEYED:
        (_with_id_sqlite if sqlite else _with_id_postgresql)(table)
    for name, column in DROPPED:
        op.create_index(f"ix_{name}_{column}", name, [column])
