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
- Three characters or more: the records holding every trigram of the typed text (an FTS5
  query "abc" AND "bcd" …). Exactly three characters over every column is one trigram, so that
  answer is exact; otherwise instr() re-checks those candidates in the text table (the trigrams
  may lie apart, or in another column), as PostgreSQL re-checks what its trigram index finds.
  Since migration 0013 the FTS5 tables keep only which records hold a trigram (detail=none,
  columnsize=0: no positions, no token counts), a fifth of the size of the positions kept before
  (0.42 → 0.09 KB per ticket); phrase and column queries need positions, hence the re-check.
- One or two characters (卡钳, 汽车): the trigram index cannot answer them, so instr() scans the
  compact text table (about 20 ms for 100,000 tickets, a fifth of LIKE over the wide rows).

On PostgreSQL (migration 0012) the same text tables, filled by plpgsql triggers with the same
text (lower() there folds every alphabet, so the text is folded by ascii_lower(), which maps
only A–Z as SQLite's lower() does), each column with a pg_trgm GIN index:

- Three characters or more: LIKE '%text%' with LIKE's % _ \\ escaped, answered by the trigram
  index (PostgreSQL re-checks every candidate row, so the trigrams only narrow the search).
- One or two characters: strpos() over the compact text table, as instr() on SQLite.

ids_matching() builds one statement that is written for the dialect it runs on (a Select
compiled per dialect), so the services need not know which database they search.

Other dialects and typed text holding SEPARATOR (or NUL) keep the LIKE search of each service:
``usable()`` decides.

For later migrations: SQLite drops a table's triggers with the table, and an Alembic batch
migration on SQLite rebuilds the table. After a batch on an indexed table (or one of its
children) call ``create_triggers(op.get_bind())`` again; ``rebuild(connection)`` refills
the index from the records.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    column,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.sqltypes import NullType
from sqlalchemy.sql.visitors import InternalTraversal

SEPARATOR = "\x1f"  # the ASCII unit separator: not on a keyboard, never in a typed search
TRIGRAM = 3  # the trigram index answers texts of at least this many characters
# the FTS5 tables' options: the trigram tokenizer, case-sensitive (the text is lower-cased
# already; its own folding would also fold Ä/ä, which lower() does not); only which records hold
# a trigram (detail=none) and no token counts (columnsize=0: nothing is ranked). Migration 0010
# made them with positions (FTS_OPTIONS_0010); 0013 rebuilt them so.
FTS_OPTIONS = "tokenize='trigram case_sensitive 1', detail=none, columnsize=0"
FTS_OPTIONS_0010 = "tokenize='trigram case_sensitive 1'"
INDEXED_DIALECTS = ("sqlite", "postgresql")

# the SQL of the text columns' templates per dialect: {lower} folds A–Z only (SQLite's lower(),
# ascii_lower() from migration 0012 on PostgreSQL), {sep} is SEPARATOR, {agg}(x, '') joins
# the rows of a subquery
DIALECT_SQL = {
    "sqlite": {"lower": "lower", "sep": f"char({ord(SEPARATOR)})", "agg": "group_concat"},
    "postgresql": {"lower": "ascii_lower", "sep": f"chr({ord(SEPARATOR)})", "agg": "string_agg"},
}
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


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
    columns: dict[str, str]  # column → SQL template over the record's row (see DIALECT_SQL),
    # {row} = the record table
    fields: tuple[str, ...]  # the record's columns the text is made of (an update re-indexes)
    children: tuple[Child, ...] = ()

    @property
    def fts(self) -> str:
        return f"{self.name}_fts"

    def sql(self, dialect: str = "sqlite") -> dict[str, str]:
        """Column → the SQL of its text over the record table's row, on this dialect."""
        words = DIALECT_SQL[dialect]
        return {name: sql.format(row=self.source, **words) for name, sql in self.columns.items()}


def _joined(*fields: str) -> str:
    """Fields of {row}, lower-cased, one SEPARATOR between them."""
    parts = " || {sep} || ".join(f"coalesce({{row}}.{f}, '')" for f in fields)
    return f"{{lower}}({parts})"


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
            "{lower}(coalesce({row}.phone, '') || coalesce((SELECT {agg}("
            "{sep} || coalesce(c.name, '') || {sep} || "
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
    """True where the text index exists (SQLite, PostgreSQL; other dialects search with LIKE)."""
    return engine.dialect.name in INDEXED_DIALECTS


def usable(engine: Engine, text: str) -> bool:
    """True when the index answers a search for text exactly as LIKE would."""
    return indexed(engine) and SEPARATOR not in text and "\x00" not in text


def scans(engine: Engine, text: str) -> bool:
    """True when a search for text reads every record's text (1–2 characters, or no index)."""
    text = text.strip()
    return bool(text) and (not usable(engine, text) or len(text) < TRIGRAM)


def ids_matching(index: TextIndex, text: str, columns: tuple[str, ...] = ()) -> Select:
    """Ids of the records whose text (only these columns, if given) contains text.

    text is the stripped search text; letters A–Z are folded (SQLite's own lower(), as LIKE
    compares them today). A SELECT to use in ``column.in_(...)``, written for SQLite and for
    PostgreSQL when it is compiled.
    """
    names = columns or tuple(index.columns)
    needle = func.lower(literal(text))
    plain = table(index.name, column("id"), *(column(name) for name in index.columns))
    found = [func.instr(plain.c[name], needle) > 0 for name in names]
    if len(text) >= TRIGRAM:
        fts = table(index.fts, column("rowid"), column(index.fts))
        holding = fts.c[index.fts].op("MATCH")(_every_trigram(needle, len(text)))
        if len(text) == TRIGRAM and not columns:  # one trigram in any column: exactly a match
            on_sqlite = _PerDialect(fts.c.rowid).where(holding)
        else:
            candidates = select(fts.c.rowid).where(holding)
            on_sqlite = _PerDialect(plain.c.id).where(plain.c.id.in_(candidates), or_(*found))
    else:
        on_sqlite = _PerDialect(plain.c.id).where(or_(*found))
    on_sqlite.postgresql = select(plain.c.id).where(or_(*_postgresql_match(plain, names, text)))
    return on_sqlite


def contains(index: TextIndex, text: str, key, columns: tuple[str, ...] = ()):  # noqa: ANN001, ANN201
    """True where the record whose id is key (a column of the outer query) has text in its
    fields: its text row looked up by id. For a few thousand records in a known order (the
    head of a list); ids_matching answers "which of all records" faster.

    On PostgreSQL a value looked up per record (a scalar subquery, NULL without a text row):
    it turns an EXISTS into a hashed set of every matching record, a scan of the whole text
    table (33 ms for 100,000 tickets against 11 ms for the 4,000 lookups).
    """
    names = columns or tuple(index.columns)
    plain = table(index.name, column("id"), *(column(name) for name in index.columns))
    needle = func.lower(literal(text))
    found = (func.instr(plain.c[name], needle) > 0 for name in names)
    on_sqlite = select(literal(1)).where(plain.c.id == key, or_(*found)).exists()
    on_postgresql = (
        select(or_(*(func.strpos(plain.c[n], ascii_lower(text)) > 0 for n in names)))
        .where(plain.c.id == key)
        .scalar_subquery()
    )
    return _PerDialectCondition(on_sqlite, on_postgresql)


def _every_trigram(needle, length: int):  # noqa: ANN001, ANN202  (SQL text expressions)
    """The FTS5 query "abc" AND "bcd" … for the lower-cased needle of length characters.

    Each trigram is a quoted string (a double quote doubled); the trigram tokenizer makes one
    token of it. Written in SQL from the needle as lower() folds it, as the text tables are.
    """
    terms = [
        literal('"') + func.replace(func.substr(needle, start, TRIGRAM), '"', '""') + literal('"')
        for start in range(1, length - TRIGRAM + 2)
    ]
    query = terms[0]
    for term in terms[1:]:
        query = query + literal(" AND ") + term
    return query


def ascii_lower(text: str) -> str:
    """text with A–Z folded to a–z and every other character kept (SQLite's lower())."""
    return text.translate(_ASCII_LOWER)


def like_pattern(text: str) -> str:
    """LIKE's pattern for "contains text" with PostgreSQL's default escape (backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _postgresql_match(plain, names: tuple[str, ...], text: str) -> list:  # noqa: ANN001
    needle = ascii_lower(text)
    if len(text) >= TRIGRAM:  # pg_trgm's GIN index answers LIKE with a constant pattern
        pattern = like_pattern(needle)
        return [plain.c[name].like(pattern) for name in names]
    return [func.strpos(plain.c[name], needle) > 0 for name in names]


class sql_lower(FunctionElement):  # noqa: N801  (used as func.lower is)
    """lower() as SQLite has it, on every dialect: A–Z folded, every other letter kept.

    PostgreSQL's own lower() folds Ä, Д and Ａ as well; its ascii_lower() (migration 0012)
    does what SQLite's does, so a search finds the same records on both.
    """

    type = String()
    name = "sql_lower"
    inherit_cache = True


@compiles(sql_lower)
def _lower_elsewhere(element: sql_lower, compiler, **kw) -> str:  # noqa: ANN001
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(sql_lower, "postgresql")
def _lower_on_postgresql(element: sql_lower, compiler, **kw) -> str:  # noqa: ANN001
    return f"ascii_lower({compiler.process(element.clauses, **kw)})"


class _PerDialect(Select):
    """A SELECT written for SQLite, with .postgresql the same question written for PostgreSQL.

    Cached by SQLAlchemy with both forms in its cache key: the two bind different parameters,
    and a statement compiled from one form is reused with the values of the same form, which a
    key over both lines up by position. (Compiling a search anew each time cost ~4 ms a query
    on a slow PC, more than the query itself.)
    """

    inherit_cache = False  # the key below, not Select's, which would leave out .postgresql
    _cache_key_traversal = [
        *Select._cache_key_traversal,
        ("postgresql", InternalTraversal.dp_clauseelement),
    ]
    postgresql: Select


@compiles(_PerDialect, "postgresql")
def _compile_on_postgresql(element: _PerDialect, compiler, **kw) -> str:  # noqa: ANN001
    return compiler.process(element.postgresql, **kw)


class _PerDialectCondition(ColumnElement[bool]):
    """A condition written for SQLite (and other dialects), and for PostgreSQL (cached with both
    in its key, as _PerDialect). Its subqueries correlate with the enclosing query as they would
    on their own."""

    inherit_cache = False  # its own key below
    _cache_key_traversal = [
        ("default", InternalTraversal.dp_clauseelement),
        ("postgresql", InternalTraversal.dp_clauseelement),
    ]
    # a type without a boolean of its own: SQLite's compiler would write a Boolean as "… = 1"
    type = NullType()

    def __init__(self, default: ColumnElement[bool], postgresql: ColumnElement[bool]) -> None:
        self.default = default
        self.postgresql = postgresql


@compiles(_PerDialectCondition)
def _condition_elsewhere(element: _PerDialectCondition, compiler, **kw) -> str:  # noqa: ANN001
    return compiler.process(element.default, **kw)


@compiles(_PerDialectCondition, "postgresql")
def _condition_on_postgresql(element: _PerDialectCondition, compiler, **kw) -> str:  # noqa: ANN001
    return compiler.process(element.postgresql, **kw)


# ---------------------------------------------------------------- the schema (migration 0010)


def _row_sql(index: TextIndex, key: str) -> str:
    """INSERT the text row of the record whose id is key (nothing if it does not exist)."""
    names = ", ".join(index.columns)
    values = ", ".join(index.sql().values())
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


def create_tables(connection, options: str = FTS_OPTIONS) -> None:  # noqa: ANN001
    """The text tables and their FTS5 indexes, empty (SQLite only); options: FTS_OPTIONS, or
    what an older migration made."""
    if connection.dialect.name != "sqlite":
        return
    for index in INDEXES:
        columns = ", ".join(f"{c} TEXT NOT NULL" for c in index.columns)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {index.name} (id INTEGER PRIMARY KEY, {columns})"
        )
        _create_fts(connection, index, options)


def _create_fts(connection, index: TextIndex, options: str) -> None:  # noqa: ANN001
    names = ", ".join(index.columns)
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {index.fts} USING fts5({names}, "
        f"content='{index.name}', content_rowid='id', {options})"
    )


def remake_fts(connection, options: str) -> None:  # noqa: ANN001
    """Make every FTS5 index again with these options and fill it from the text tables, which
    stay as they are (SQLite only; migration 0013). The triggers are taken off meanwhile."""
    if connection.dialect.name != "sqlite":
        return
    drop_triggers(connection)
    for index in INDEXES:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index.fts}")
        _create_fts(connection, index, options)
        connection.exec_driver_sql(f"INSERT INTO {index.fts} ({index.fts}) VALUES ('rebuild')")
        connection.exec_driver_sql(f"INSERT INTO {index.fts} ({index.fts}) VALUES ('optimize')")
    create_triggers(connection)


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
    """Fill the text tables and their indexes from the records, from scratch.

    On PostgreSQL once migration 0012 has made them (before it, nothing to fill).
    """
    dialect = connection.dialect.name
    if dialect == "postgresql" and not _on_postgresql(connection):
        return
    if dialect not in INDEXED_DIALECTS:
        return
    for index in INDEXES:
        names = ", ".join(index.columns)
        values = ", ".join(index.sql(dialect).values())
        connection.exec_driver_sql(f"DELETE FROM {index.name}")
        connection.exec_driver_sql(
            f"INSERT INTO {index.name} (id, {names}) "
            f"SELECT {index.source}.id, {values} FROM {index.source}"
        )
        if dialect == "sqlite":
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
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return _postgresql_problems(connection)
    if dialect != "sqlite":
        return []
    found = []
    for index in INDEXES:
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {index.fts} ({index.fts}, rank) VALUES ('integrity-check', 1)"
            )
        except Exception as error:  # noqa: BLE001  (sqlite3 reports a corrupt index so)
            found.append(f"{index.fts}: {error}")
        found += _differences(connection, index)
    return found


def _differences(connection, index: TextIndex) -> list[str]:  # noqa: ANN001
    names = ", ".join(index.columns)
    values = ", ".join(index.sql(connection.dialect.name).values())
    differing = connection.exec_driver_sql(
        f"SELECT count(*) FROM (SELECT {index.source}.id, {values} FROM {index.source} "
        f"EXCEPT SELECT id, {names} FROM {index.name}) AS differing"
    ).scalar()
    extra = connection.exec_driver_sql(
        f"SELECT count(*) FROM {index.name} WHERE id NOT IN (SELECT id FROM {index.source})"
    ).scalar()
    if differing or extra:
        return [f"{index.name}: {differing} records not indexed as stored, {extra} extra"]
    return []


# ---------------------------------------------------------------- PostgreSQL (migration 0012)
#
# The same text tables as on SQLite; instead of FTS5, a pg_trgm GIN index on each text column.
# A text row is written with INSERT … ON CONFLICT (two clients saving at once never collide on
# its id), and a contact's change first locks its customer's row, so the customer's text is
# read after the other client's change is committed, never from before it.

ASCII_LOWER_FUNCTION = (
    "CREATE OR REPLACE FUNCTION ascii_lower(value text) RETURNS text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
    f"$$ SELECT translate(value, '{string.ascii_uppercase}', '{string.ascii_lowercase}') $$"
)


def trigram_indexes(index: TextIndex) -> dict[str, str]:
    """The GIN trigram index of each text column, by name.

    GIN gathers new entries in a pending list that every search reads until it is merged
    (by autovacuum, or when it outgrows gin_pending_list_limit, 4 MB by default); the planner
    prices that in and prefers reading the whole text table after a bulk import. 256 kB keeps
    writes batched and searches on the index.
    """
    return {
        f"{index.name}_{name}_trgm": (
            f"CREATE INDEX IF NOT EXISTS {index.name}_{name}_trgm "
            f"ON {index.name} USING gin ({name} gin_trgm_ops) WITH (gin_pending_list_limit = 256)"
        )
        for name in index.columns
    }


def _upsert_sql(index: TextIndex, keys: str) -> str:
    """Write the text rows of the records whose ids are in keys (an SQL array), as they are."""
    names = ", ".join(index.columns)
    values = ", ".join(index.sql("postgresql").values())
    updates = ", ".join(f"{name} = excluded.{name}" for name in index.columns)
    return (
        f"INSERT INTO {index.name} (id, {names}) SELECT {index.source}.id, {values} "
        f"FROM {index.source} WHERE {index.source}.id = ANY({keys}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )


def postgresql_functions(index: TextIndex) -> dict[str, str]:
    """The plpgsql trigger functions that keep one text table in step, by name."""
    text, source = index.name, index.source
    functions = {
        f"{text}_follow": (
            "BEGIN "
            "IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND old.id <> new.id) THEN "
            f"DELETE FROM {text} WHERE id = old.id; END IF; "
            "IF TG_OP <> 'DELETE' THEN "
            f"{_upsert_sql(index, 'ARRAY[new.id]')}; END IF; "
            "RETURN NULL; END"
        )
    }
    for child in index.children:
        key = child.parent_key
        functions[f"{text}_{child.table}_follow"] = (
            "DECLARE keys integer[]; BEGIN "
            f"IF TG_OP = 'INSERT' THEN keys := ARRAY[new.{key}]; "
            f"ELSIF TG_OP = 'DELETE' THEN keys := ARRAY[old.{key}]; "
            f"ELSE keys := ARRAY[old.{key}, new.{key}]; END IF; "
            f"PERFORM 1 FROM {source} WHERE id = ANY(keys) ORDER BY id FOR NO KEY UPDATE; "
            f"DELETE FROM {text} WHERE id = ANY(keys) "
            f"AND NOT EXISTS (SELECT 1 FROM {source} WHERE {source}.id = {text}.id); "
            f"{_upsert_sql(index, 'keys')}; "
            "RETURN NULL; END"
        )
    return functions


def postgresql_triggers(index: TextIndex) -> dict[str, tuple[str, str]]:
    """Trigger name → (table, CREATE TRIGGER) for one text table."""
    text, source = index.name, index.source
    follow = f"FOR EACH ROW EXECUTE FUNCTION {text}_follow()"
    changed = " OR ".join(f"old.{f} IS DISTINCT FROM new.{f}" for f in ("id", *index.fields))
    fields = ", ".join(index.fields)
    triggers = {
        f"{text}_ai": (source, f"AFTER INSERT ON {source} {follow}"),
        f"{text}_au": (
            source,
            f"AFTER UPDATE OF id, {fields} ON {source} FOR EACH ROW WHEN ({changed}) "
            f"EXECUTE FUNCTION {text}_follow()",
        ),
        f"{text}_ad": (source, f"AFTER DELETE ON {source} {follow}"),
    }
    for child in index.children:
        stem = f"{text}_{child.table}"
        run = f"FOR EACH ROW EXECUTE FUNCTION {stem}_follow()"
        child_changed = " OR ".join(f"old.{f} IS DISTINCT FROM new.{f}" for f in child.fields)
        triggers[f"{stem}_ai"] = (child.table, f"AFTER INSERT ON {child.table} {run}")
        triggers[f"{stem}_au"] = (
            child.table,
            f"AFTER UPDATE OF {', '.join(child.fields)} ON {child.table} "
            f"FOR EACH ROW WHEN ({child_changed}) EXECUTE FUNCTION {stem}_follow()",
        )
        triggers[f"{stem}_ad"] = (child.table, f"AFTER DELETE ON {child.table} {run}")
    return triggers


def create_postgresql(connection) -> None:  # noqa: ANN001
    """pg_trgm, ascii_lower(), the text tables filled, their triggers and trigram indexes."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    connection.exec_driver_sql(ASCII_LOWER_FUNCTION)
    for index in INDEXES:
        columns = ", ".join(f"{c} text NOT NULL" for c in index.columns)
        connection.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {index.name} (id integer PRIMARY KEY, {columns})"
        )
        for name, body in postgresql_functions(index).items():
            connection.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ {body} $$"
            )
        for name, (on, body) in postgresql_triggers(index).items():
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {on}")
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    rebuild(connection)
    for index in INDEXES:
        for ddl in trigram_indexes(index).values():
            connection.exec_driver_sql(ddl)
        connection.exec_driver_sql(f"ANALYZE {index.name}")


def drop_postgresql(connection) -> None:  # noqa: ANN001
    """Undo create_postgresql (pg_trgm stays: other databases' objects may use it)."""
    if connection.dialect.name != "postgresql":
        return
    for index in INDEXES:
        for name, (on, _) in postgresql_triggers(index).items():
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {on}")
        for name in postgresql_functions(index):
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index.name}")
    connection.exec_driver_sql("DROP FUNCTION IF EXISTS ascii_lower(text)")


def _on_postgresql(connection) -> bool:  # noqa: ANN001
    """True once migration 0012 has made the text tables."""
    found = connection.exec_driver_sql(f"SELECT to_regclass('{INDEXES[0].name}')").scalar()
    return found is not None


def _postgresql_problems(connection) -> list[str]:  # noqa: ANN001
    if not _on_postgresql(connection):
        return ["the text tables are missing (migration 0012)"]
    found = []
    present = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    triggers = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
        )
    }
    for index in INDEXES:
        missing = sorted(set(trigram_indexes(index)) - present)
        missing += sorted(set(postgresql_triggers(index)) - triggers)
        if missing:
            found.append(f"{index.name}: missing {', '.join(missing)}")
        found += _differences(connection, index)
    return found
