"""Search as you type over 100,000 records: the lists' text fields in a trigram index.

What a search finds is unchanged: the typed text (stripped) is a substring of one of the fields
a list searches, letters compared as SQL's lower() folds them (A–Z = a–z). Only how it is
found changes, on SQLite:

- Each record family has a compact text table (``complaint_text`` …) with the searched fields
  lower-cased, joined by SEPARATOR (a character no one can type), so a match never spans two
  fields; and an FTS5 index over it with the trigram tokenizer, case-sensitive because the text
  is lower-cased already (the tokenizer's own folding would also fold Ä/ä, which lower() does
  not). Triggers from migration 0010 keep both in step with every insert, update and delete,
  whoever writes (the services, imports, sync, a bulk demo).
- Three characters or more: an FTS5 phrase query (consecutive trigrams = a substring).
- One or two characters (卡钳, 汽车): the trigram index cannot answer them, so instr() scans the
  compact text table (about 20 ms for 100,000 tickets, a fifth of LIKE over the wide rows).

Other dialects (PostgreSQL, issue 10) and typed text holding SEPARATOR keep the LIKE search of
each service: ``usable()`` decides.

For later migrations: SQLite drops a table's triggers with the table, and an Alembic batch
migration on SQLite rebuilds the table. After a batch on an indexed table (or one of its
children) call ``create_triggers(op.get_bind())`` again; ``rebuild(connection)`` refills
the index from the records.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, Select, column, func, literal, or_, select, table

SEPARATOR = "\x1f"  # the ASCII unit separator: not on a keyboard, never in a typed search
TRIGRAM = 3  # the trigram index answers texts of at least this many characters


@dataclass(frozen=True)
class Child:
    """Rows of another table whose fields are part of the record's text (a customer's contacts)."""

    table: str
    parent_key: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class TextIndex:
    """A record table's searched fields: index column → SQL text of the record's row."""

    name: str  # the text table; its FTS5 index is name + "_fts"
    source: str  # the record table, whose id is the text table's id
    columns: dict[str, str]  # column → SQL over the record's row, {row} = the record table
    fields: tuple[str, ...]  # the record's columns the text is made of (an update re-indexes)
    children: tuple[Child, ...] = ()

    @property
    def fts(self) -> str:
        return f"{self.name}_fts"


def _joined(*fields: str) -> str:
    """Fields of {row}, lower-cased, one SEPARATOR between them."""
    parts = f" || char({ord(SEPARATOR)}) || ".join(f"coalesce({{row}}.{f}, '')" for f in fields)
    return f"lower({parts})"


COMPLAINT = TextIndex(
    "complaint_text",
    "complaint",
    {
        "number": _joined("number"),
        "body": _joined("product_model", "part_no", "batch_no", "description", "owner"),
    },
    ("number", "product_model", "part_no", "batch_no", "description", "owner"),
)
CUSTOMER = TextIndex(
    "customer_text",
    "customer",
    {
        "names": _joined("code", "name", "short_name"),  # what the other lists search as well
        "other": (
            "lower(coalesce({row}.phone, '') || coalesce((SELECT group_concat("
            f"char({ord(SEPARATOR)}) || coalesce(c.name, '') || char({ord(SEPARATOR)}) || "
            "coalesce(c.phone, ''), '') FROM customer_contact AS c "
            "WHERE c.customer_id = {row}.id), ''))"
        ),
    },
    ("code", "name", "short_name", "phone"),
    (Child("customer_contact", "customer_id", ("customer_id", "name", "phone")),),
)
RETURN_RECEIPT = TextIndex(
    "return_receipt_text",
    "return_receipt",
    {"body": _joined("number", "warehouse_receipt_no")},
    ("number", "warehouse_receipt_no"),
)
RETURN_LINE = TextIndex(
    "return_line_text",
    "return_line",
    {"body": _joined("material_no", "material_name", "batch_no", "defect_found")},
    ("material_no", "material_name", "batch_no", "defect_found"),
)
SERVICE_REPORT = TextIndex(
    "service_report_text",
    "service_report",
    {
        "body": _joined(
            "number",
            "engineers",
            "product_model",
            "serial_no",
            "problem_found",
            "work_done",
            "site_address",
        )  # fmt: skip
    },
    (
        "number",
        "engineers",
        "product_model",
        "serial_no",
        "problem_found",
        "work_done",
        "site_address",
    ),  # fmt: skip
)
VISIT_REPORT = TextIndex(
    "visit_report_text",
    "visit_report",
    {"body": _joined("number", "visitors", "attendees", "topics", "feedback", "requests")},
    ("number", "visitors", "attendees", "topics", "feedback", "requests"),
)
INDEXES = (COMPLAINT, CUSTOMER, RETURN_RECEIPT, RETURN_LINE, SERVICE_REPORT, VISIT_REPORT)


# ---------------------------------------------------------------- searching


def indexed(engine: Engine) -> bool:
    """True where the text index exists (SQLite; PostgreSQL searches with LIKE)."""
    return engine.dialect.name == "sqlite"


def usable(engine: Engine, text: str) -> bool:
    """True when the index answers a search for text exactly as LIKE would."""
    return indexed(engine) and SEPARATOR not in text and "\x00" not in text


def scans(engine: Engine, text: str) -> bool:
    """True when a search for text reads every record's text (1–2 characters, or no index)."""
    text = text.strip()
    return bool(text) and (not usable(engine, text) or len(text) < TRIGRAM)


def ids_matching(index: TextIndex, text: str, columns: tuple[str, ...] = ()) -> Select:
    """Ids of the records whose text (only these columns, if given) contains text.

    text is the stripped search text; letters are folded by SQLite's own lower(), as LIKE
    compares them today. A SELECT to use in ``column.in_(...)``.
    """
    names = columns or tuple(index.columns)
    needle = func.lower(literal(text))
    if len(text) >= TRIGRAM:
        fts = table(index.fts, column("rowid"), column(index.fts))
        scope = "{" + " ".join(names) + "} : " if columns else ""
        phrase = literal(scope + '"') + func.replace(needle, '"', '""') + literal('"')
        return select(fts.c.rowid).where(fts.c[index.fts].op("MATCH")(phrase))
    plain = table(index.name, column("id"), *(column(name) for name in index.columns))
    return select(plain.c.id).where(or_(*(func.instr(plain.c[name], needle) > 0 for name in names)))


# ---------------------------------------------------------------- the schema (migration 0010)


def _row_sql(index: TextIndex, key: str) -> str:
    """INSERT the text row of the record whose id is key (nothing if it does not exist)."""
    names = ", ".join(index.columns)
    values = ", ".join(sql.format(row=index.source) for sql in index.columns.values())
    return (
        f"INSERT INTO {index.name} (id, {names}) SELECT {index.source}.id, {values} "
        f"FROM {index.source} WHERE {index.source}.id = {key}"
    )


def _refresh_sql(index: TextIndex, key: str) -> str:
    return f"DELETE FROM {index.name} WHERE id = {key}; {_row_sql(index, key)};"


def _changed(fields: tuple[str, ...]) -> str:
    return " OR ".join(f"old.{f} IS NOT new.{f}" for f in fields)


def trigger_sql(index: TextIndex) -> dict[str, str]:
    """The triggers that keep one index in step, by name."""
    names = ", ".join(index.columns)
    new = ", ".join(f"new.{c}" for c in index.columns)
    old = ", ".join(f"old.{c}" for c in index.columns)
    fts, text, source = index.fts, index.name, index.source
    fields = ", ".join(index.fields)
    triggers = {
        # the FTS5 index follows the text table (external content: the text is stored once)
        f"{fts}_ai": f"AFTER INSERT ON {text} BEGIN "
        f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        f"{fts}_ad": f"AFTER DELETE ON {text} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); END",
        f"{fts}_au": f"AFTER UPDATE ON {text} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new}); END",
        # the text table follows the records
        f"{text}_ai": f"AFTER INSERT ON {source} BEGIN {_row_sql(index, 'new.id')}; END",
        f"{text}_au": f"AFTER UPDATE OF id, {fields} ON {source} "
        f"WHEN old.id IS NOT new.id OR {_changed(index.fields)} BEGIN "
        f"DELETE FROM {text} WHERE id = old.id; {_row_sql(index, 'new.id')}; END",
        f"{text}_ad": f"AFTER DELETE ON {source} BEGIN DELETE FROM {text} WHERE id = old.id; END",
    }
    for child in index.children:
        key = child.parent_key
        stem = f"{text}_{child.table}"
        child_fields = ", ".join(child.fields)
        triggers[f"{stem}_ai"] = (
            f"AFTER INSERT ON {child.table} BEGIN {_refresh_sql(index, f'new.{key}')} END"
        )
        triggers[f"{stem}_au"] = (
            f"AFTER UPDATE OF {child_fields} ON {child.table} WHEN {_changed(child.fields)} "
            f"BEGIN {_refresh_sql(index, f'old.{key}')} {_refresh_sql(index, f'new.{key}')} END"
        )
        triggers[f"{stem}_ad"] = (
            f"AFTER DELETE ON {child.table} BEGIN {_refresh_sql(index, f'old.{key}')} END"
        )
    return triggers


def create_tables(connection) -> None:  # noqa: ANN001  (a Connection; alembic's bind)
    """The text tables and their FTS5 indexes, empty (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        names = ", ".join(index.columns)
        columns = ", ".join(f"{c} TEXT NOT NULL" for c in index.columns)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {index.name} (id INTEGER PRIMARY KEY, {columns})"
        )
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {index.fts} USING fts5({names}, "
            f"content='{index.name}', content_rowid='id', tokenize='trigram case_sensitive 1')"
        )


def create_triggers(connection) -> None:  # noqa: ANN001
    """(Re)create every trigger that keeps the indexes in step (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        for name, body in trigger_sql(index).items():
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")


def drop_triggers(connection) -> None:  # noqa: ANN001
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        for name in trigger_sql(index):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(connection) -> None:  # noqa: ANN001
    """Fill the text tables and their indexes from the records, from scratch (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        names = ", ".join(index.columns)
        values = ", ".join(sql.format(row=index.source) for sql in index.columns.values())
        connection.exec_driver_sql(f"DELETE FROM {index.name}")
        connection.exec_driver_sql(
            f"INSERT INTO {index.name} (id, {names}) "
            f"SELECT {index.source}.id, {values} FROM {index.source}"
        )
        connection.exec_driver_sql(f"INSERT INTO {index.fts} ({index.fts}) VALUES ('rebuild')")
        connection.exec_driver_sql(f"INSERT INTO {index.fts} ({index.fts}) VALUES ('optimize')")


def drop_tables(connection) -> None:  # noqa: ANN001
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index.fts}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index.name}")


def problems(connection) -> list[str]:  # noqa: ANN001
    """What is out of step: FTS5's own integrity check and text rows that differ from records."""
    if connection.dialect.name != "sqlite":
        return []
    found = []
    for index in INDEXES:
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {index.fts} ({index.fts}, rank) VALUES ('integrity-check', 1)"
            )
        except Exception as error:  # noqa: BLE001  (sqlite3 reports a corrupt index so)
            found.append(f"{index.fts}: {error}")
        names = ", ".join(index.columns)
        values = ", ".join(sql.format(row=index.source) for sql in index.columns.values())
        differing = connection.exec_driver_sql(
            f"SELECT count(*) FROM (SELECT {index.source}.id, {values} FROM {index.source} "
            f"EXCEPT SELECT id, {names} FROM {index.name})"
        ).scalar()
        extra = connection.exec_driver_sql(
            f"SELECT count(*) FROM {index.name} WHERE id NOT IN (SELECT id FROM {index.source})"
        ).scalar()
        if differing or extra:
            found.append(f"{index.name}: {differing} records not indexed as stored, {extra} extra")
    return found
