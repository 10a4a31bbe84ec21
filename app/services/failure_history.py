"""The product failure history 产品失败履历表 (Q/JL081302-C; seed 003 §8.2; SPEC §2.6).

Everything that failed for one part or product, oldest first: complaint tickets (a -1/-2
reopening is an entry of its own), returned lines, and field-service reports that name it.

A part is matched on the whole value, without regard to case or surrounding spaces, against
complaint.part_no / complaint.product_model, return_line.material_no, and
service_report.product_model / service_part.part_no. Cancelled tickets and returns are left
out; bulk returns 统退货 are in, marked as such.

The indexes on those columns answer the matching: a part is looked up as the list of its
upper/lower case variants (P-1001, p-1001), or, when it has more than 8 letters, by first
finding the spellings the column holds with an index-only scan. lower(column) = … would read
every ticket of a data file with 100,000 of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, Engine, and_, false, func, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.i18n import pick
from app.models import (
    Complaint,
    ComplaintStatus,
    ComplaintStep,
    CorrectiveAction,
    Customer,
    ReturnLine,
    ReturnReceipt,
    ReturnStatus,
    ServicePart,
    ServiceReport,
)
from app.services.complaint_data import (
    CAUSE_LABELS,
    RESPONSIBILITY_LABELS,
    STATUS_LABELS,
    label,
)
from app.services.field_data import PART_CHARGE_LABELS, SERVICE_RESULT_LABELS
from app.services.return_data import (
    DISPOSITION_LABELS,
    LINE_RESPONSIBILITY_LABELS,
    RETURN_STATUS_LABELS,
    WARRANTY_LABELS,
)
from app.services.rows import CHUNK
from app.services.summary_data import FailureEntry, FailureHistory
from app.services.text_search import sql_lower

SOURCES = ("complaint", "return", "field")  # the order of entries on the same day
SOURCE_LABELS = {
    "complaint": ("客户抱怨", "Complaint"),
    "return": ("退货", "Return"),
    "field": ("现场服务", "Field service"),
}
MAX_PARTS = 500  # known_parts never returns more
MAX_VARIANTS = 256  # case variants of a part looked up as an IN list (8 letters)


class _Found(NamedTuple):
    order: tuple  # (day, family, number, line position, line id)
    entry: FailureEntry
    names: tuple[str, ...]  # the part/product names the record gives


def source_label(source: str, lang: str | None = None) -> str:
    return label(SOURCE_LABELS, source, lang)


def bulk_mark(lang: str | None = None) -> str:
    """What the description of a bulk periodic return 统退货 begins with."""
    return pick("【统退货】", "[Bulk return]", lang)


# ---------------------------------------------------------------- matching


def _same(column: ColumnElement, needle: str) -> ColumnElement[bool]:
    """The column holds `needle`, whatever the case and the spaces around it (SQL-side fold)."""
    return sql_lower(func.trim(column)) == sql_lower(needle)


def case_variants(needle: str, limit: int = MAX_VARIANTS) -> list[str] | None:
    """Every way of writing `needle` in upper and lower case ASCII letters; None when too many.

    SQL's lower() folds ASCII letters only, so these are exactly the stored values that
    lower(value) = lower(needle) finds — as an IN list the column's index can answer.
    """
    letters = [i for i, ch in enumerate(needle) if ch.isascii() and ch.isalpha()]
    if 2 ** len(letters) > limit:
        return None
    variants = []
    for mask in range(2 ** len(letters)):
        chars = list(_folded(needle))
        for bit, i in enumerate(letters):
            if mask >> bit & 1:
                chars[i] = chars[i].upper()
        variants.append("".join(chars))
    return variants


def _spellings(session: Session, column: ColumnElement, needle: str) -> list[str]:
    """The values of `column` equal to `needle` regardless of case.

    Stored values are trimmed (every service normalises them). A part with few letters is
    looked up by its case variants; one with many letters by an index-only scan of the column.
    """
    variants = case_variants(needle)
    if variants is not None:
        return variants
    rows = session.exec(select(column).where(_same(column, needle)).distinct())  # type: ignore[call-overload]
    return [value for (value,) in rows]


def _among(column: ColumnElement, values: Sequence[str]) -> ColumnElement[bool]:
    return column.in_(values) if values else false()


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def _local_day(value: datetime) -> date:
    return (value.astimezone() if value.tzinfo else value).date()


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _folded(text: str) -> str:
    """Trimmed, ASCII letters in lower case: what SQL's lower(trim(…)) makes of it."""
    return text.strip().translate(_ASCII_LOWER)


# ---------------------------------------------------------------- text of an entry


def _colon(lang: str | None) -> str:
    return pick(":", ": ", lang)


def _paren(text: str, lang: str | None) -> str:
    return pick(f"({text})", f" ({text})", lang)


def _qty(value: float) -> str:
    return f"{value:g}"


def _lines(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _titled(title: str, text: str, lang: str | None) -> str:
    return f"{title}{_colon(lang)}{text.strip()}" if text and text.strip() else ""


def _cause_line(title: str, category: str, cause: str, lang: str | None) -> str:
    """ "发生原因(机):刀具磨损" — empty when nothing is known."""
    if not category and not cause.strip():
        return ""
    kind = _paren(label(CAUSE_LABELS, category, lang), lang) if category else ""
    return f"{title}{kind}{_colon(lang)}{cause.strip()}"


def _with_department(responsibility: str, department: str, lang: str | None) -> str:
    text = label(RESPONSIBILITY_LABELS, responsibility, lang)
    return f"{text}{_paren(department, lang)}" if department.strip() else text


# ---------------------------------------------------------------- complaints


def _complaints(session: Session, needle: str, lang: str | None) -> list[_Found]:
    c = Complaint.__table__.c
    parts = _spellings(session, c.part_no, needle)
    models = _spellings(session, c.product_model, needle)
    if not parts and not models:
        return []
    origin = aliased(Complaint.__table__)
    cu = Customer.__table__.c
    query = (
        select(
            c.id,
            c.number,
            c.reopen_index,
            c.reopen_reason,
            origin.c.number.label("origin_number"),
            c.received_at,
            cu.code,
            cu.name,
            c.part_no,
            c.product_model,
            c.batch_no,
            c.qty_defective,
            c.defect_category,
            c.description,
            c.occurrence_category,
            c.occurrence_cause,
            c.escape_category,
            c.escape_cause,
            c.responsibility,
            c.responsible_department,
            c.status,
        )
        .select_from(
            Complaint.__table__.join(Customer.__table__, cu.id == c.customer_id).outerjoin(
                origin, origin.c.id == c.origin_id
            )
        )
        .where(
            # as a subquery: joined directly, SQLite may read the tickets customer by customer
            c.id.in_(
                select(c.id).where(or_(_among(c.part_no, parts), _among(c.product_model, models)))
            ),
            c.status != ComplaintStatus.CANCELLED.value,
        )
    )
    rows = session.exec(query).all()  # type: ignore[call-overload]
    ids = [row.id for row in rows]
    steps: dict[tuple[int, int], str] = {}
    actions: dict[int, list[str]] = {}
    s = ComplaintStep.__table__.c
    a = CorrectiveAction.__table__.c
    for chunk in _chunks(ids):
        for complaint_id, step, content in session.exec(  # type: ignore[call-overload]
            select(s.complaint_id, s.step, s.content).where(
                s.complaint_id.in_(chunk), s.step.in_((3, 4, 5)), s.content != ""
            )
        ):
            steps[(complaint_id, step)] = content
        for complaint_id, description in session.exec(  # type: ignore[call-overload]
            select(a.complaint_id, a.description)
            .where(a.complaint_id.in_(chunk), a.description != "")
            .order_by(a.complaint_id, a.position, a.id)
        ):
            actions.setdefault(complaint_id, []).append(description)

    folded = _folded(needle)
    found: list[_Found] = []
    for row in rows:
        by_part = _folded(row.part_no) == folded
        description = row.description
        if row.reopen_index:
            reopening = pick(
                f"第 {row.reopen_index} 次重开(原单 {row.origin_number or ''})",
                f"Reopening {row.reopen_index} (of {row.origin_number or ''})",
                lang,
            )
            description = _lines(
                _titled(reopening, row.reopen_reason, lang) or reopening, description
            )
        cause = _lines(
            steps.get((row.id, 4), ""),
            _cause_line(
                pick("发生原因", "Occurrence", lang),
                row.occurrence_category,
                row.occurrence_cause,
                lang,
            ),
            _cause_line(
                pick("流出原因", "Escape", lang), row.escape_category, row.escape_cause, lang
            ),
        )
        corrective = actions.get(row.id, [])
        corrective_text = (
            "\n".join(f"{i}. {text.strip()}" for i, text in enumerate(corrective, start=1))
            if len(corrective) > 1
            else (corrective[0] if corrective else steps.get((row.id, 5), ""))
        )
        action = _lines(
            _titled(pick("临时措施", "Containment", lang), steps.get((row.id, 3), ""), lang),
            _titled(pick("纠正措施", "Corrective", lang), corrective_text, lang),
        )
        entry = FailureEntry(
            on=_local_day(row.received_at),
            source="complaint",
            number=row.number,
            record_id=row.id,
            customer_code=row.code,
            customer_name=row.name,
            item=row.part_no if by_part else row.product_model,
            batch=row.batch_no,
            quantity=row.qty_defective,
            defect=row.defect_category,
            description=description,
            cause=cause,
            action=action,
            responsibility=_with_department(row.responsibility, row.responsible_department, lang),
            status=label(STATUS_LABELS, row.status, lang),
        )
        # found by its part no.: the product model names what the part is
        names = (row.product_model,) if by_part else ()
        found.append(_Found((entry.on, 0, entry.number, 0, 0), entry, names))
    return found


# ---------------------------------------------------------------- returns


def _disposition(row, lang: str | None) -> str:  # noqa: ANN001
    """重工 5(RW-01)、报废 2(NCR-7)、换货 3;三包:包换."""
    sep = pick("、", "; ", lang)
    refs = {"qty_rework": row.rework_order_no, "qty_scrap": row.scrap_report_no}
    parts = []
    for key in DISPOSITION_LABELS:
        amount = getattr(row, key) or 0
        if amount:
            ref = refs.get(key, "")
            text = f"{label(DISPOSITION_LABELS, key, lang)} {_qty(amount)}"
            parts.append(text + (_paren(ref, lang) if ref else ""))
    text = sep.join(parts)
    if row.warranty:
        warranty = _titled(
            pick("三包", "Warranty", lang), label(WARRANTY_LABELS, row.warranty, lang), lang
        )
        text = pick(";", "; ", lang).join(p for p in (text, warranty) if p)
    return text


def _returns(session: Session, needle: str, lang: str | None) -> list[_Found]:
    line = ReturnLine.__table__.c
    receipt = ReturnReceipt.__table__.c
    cu = Customer.__table__.c
    spellings = _spellings(session, line.material_no, needle)
    if not spellings:
        return []
    query = (
        select(
            receipt.id,
            receipt.number,
            receipt.received_on,
            receipt.bulk,
            receipt.status,
            receipt.analysis_result,
            cu.code,
            cu.name,
            line.position,
            line.id.label("line_id"),
            line.material_no,
            line.material_name,
            line.batch_no,
            line.qty_defective,
            line.defect_category,
            line.customer_reason,
            line.defect_found,
            line.explanation,
            line.responsibility,
            line.qty_rework,
            line.rework_order_no,
            line.qty_scrap,
            line.scrap_report_no,
            line.qty_return,
            line.qty_accept,
            line.qty_replace,
            line.warranty,
        )
        .select_from(
            ReturnLine.__table__.join(ReturnReceipt.__table__, receipt.id == line.return_id).join(
                Customer.__table__, cu.id == receipt.customer_id
            )
        )
        .where(
            line.id.in_(select(line.id).where(line.material_no.in_(spellings))),
            receipt.status != ReturnStatus.CANCELLED.value,
        )
    )
    found = []
    for row in session.exec(query):  # type: ignore[call-overload]
        description = row.customer_reason
        if row.bulk:
            description = pick("", " ", lang).join(p for p in (bulk_mark(lang), description) if p)
        cause = _lines(
            row.defect_found,
            row.explanation,
            _titled(pick("制造分析", "Analysis", lang), row.analysis_result, lang),
        )
        entry = FailureEntry(
            on=row.received_on,
            source="return",
            number=row.number,
            record_id=row.id,
            customer_code=row.code,
            customer_name=row.name,
            item=row.material_no,
            batch=row.batch_no,
            quantity=row.qty_defective,
            defect=row.defect_category,
            description=description,
            cause=cause,
            action=_disposition(row, lang),
            responsibility=label(LINE_RESPONSIBILITY_LABELS, row.responsibility, lang),
            status=label(RETURN_STATUS_LABELS, row.status, lang),
        )
        order = (entry.on, 1, entry.number, row.position, row.line_id)
        found.append(_Found(order, entry, (row.material_name,)))
    return found


# ---------------------------------------------------------------- field service


def _field(session: Session, needle: str, lang: str | None) -> list[_Found]:
    report = ServiceReport.__table__.c
    part = ServicePart.__table__.c
    cu = Customer.__table__.c
    models = _spellings(session, report.product_model, needle)
    part_numbers = _spellings(session, part.part_no, needle)
    if not models and not part_numbers:
        return []
    with_part = select(part.report_id).where(_among(part.part_no, part_numbers))
    query = (
        select(
            report.id,
            report.number,
            report.arrived_at,
            report.product_model,
            report.serial_no,
            report.problem_found,
            report.work_done,
            report.result,
            cu.code,
            cu.name,
        )
        .select_from(ServiceReport.__table__.join(Customer.__table__, cu.id == report.customer_id))
        .where(
            report.id.in_(
                select(report.id).where(
                    or_(_among(report.product_model, models), report.id.in_(with_part))
                )
            )
        )
    )
    rows = session.exec(query).all()  # type: ignore[call-overload]
    parts: dict[int, list] = {}
    for chunk in _chunks([row.id for row in rows]):
        for p in session.exec(  # type: ignore[call-overload]
            select(part.report_id, part.part_no, part.name, part.quantity, part.charged)
            .where(part.report_id.in_(chunk))
            .order_by(part.report_id, part.position, part.id)
        ):
            parts.setdefault(p.report_id, []).append(p)

    folded = _folded(needle)
    found = []
    for row in rows:
        replaced = parts.get(row.id, [])
        matching = [p for p in replaced if _folded(p.part_no) == folded]
        by_model = _folded(row.product_model) == folded
        action = _titled(
            pick("更换零件", "Parts replaced", lang),
            pick(";", "; ", lang).join(
                f"{' '.join(x for x in (p.part_no, p.name) if x)} ×{_qty(p.quantity or 0)}"
                f"{_paren(label(PART_CHARGE_LABELS, bool(p.charged), lang), lang)}"
                for p in replaced
            ),
            lang,
        )
        entry = FailureEntry(
            on=_local_day(row.arrived_at),
            source="field",
            number=row.number,
            record_id=row.id,
            customer_code=row.code,
            customer_name=row.name,
            item=row.product_model if by_model or not matching else matching[0].part_no,
            batch=row.serial_no,
            quantity=sum(p.quantity or 0 for p in matching) if matching else None,
            defect="",
            description=row.problem_found,
            cause=row.work_done,
            action=action,
            responsibility="",
            status=label(SERVICE_RESULT_LABELS, row.result, lang),
        )
        # found by a replaced part: its name, and the product it was replaced on
        names = (*(p.name for p in matching), *(() if by_model else (row.product_model,)))
        found.append(_Found((entry.on, 2, entry.number, 0, 0), entry, names))
    return found


# ---------------------------------------------------------------- the history


def failure_history(engine: Engine, part: str, *, lang: str | None = None) -> FailureHistory:
    """Every complaint, returned line and field-service report of `part`, oldest first.

    On the same day complaints come first, then returns, then field service; then by number.
    An empty `part` gives an empty history (records without a part number are no part).
    """
    needle = part.strip()
    if not needle:
        return FailureHistory(part=needle, names=())
    with Session(engine) as session:
        found = [
            *_complaints(session, needle, lang),
            *_returns(session, needle, lang),
            *_field(session, needle, lang),
        ]
    found.sort(key=lambda item: item.order)
    names: Counter[str] = Counter()  # in the order first seen; the most given first
    for item in found:
        for name in item.names:
            name = (name or "").strip()
            if name and _folded(name) != _folded(needle):
                names[name] += 1
    first_seen = {name: i for i, name in enumerate(names)}
    ordered = sorted(names, key=lambda n: (-names[n], first_seen[n]))
    return FailureHistory(part=needle, names=tuple(ordered), entries=[i.entry for i in found])


def known_parts(engine: Engine, text: str = "", limit: int = 50) -> list[str]:
    """Part numbers and product models of the three families containing `text` (any case).

    For a completer: one spelling per part (the most used, then the first alphabetically),
    the ones that start with `text` first, then alphabetically; at most `limit`.
    """
    limit = max(0, min(limit, MAX_PARTS))
    if limit == 0:
        return []
    needle = _folded(text)
    c = Complaint.__table__.c
    line = ReturnLine.__table__.c
    report = ServiceReport.__table__.c
    part = ServicePart.__table__.c
    columns = [
        (c.part_no, Complaint.__table__),
        (c.product_model, Complaint.__table__),
        (line.material_no, ReturnLine.__table__),
        (report.product_model, ServiceReport.__table__),
        (part.part_no, ServicePart.__table__),
    ]
    selects = []
    for column, table in columns:
        conditions = [column != ""]
        if needle:
            conditions.append(sql_lower(column).contains(needle, autoescape=True))
        selects.append(
            select(column.label("value"), func.count().label("uses"))
            .select_from(table)
            .where(and_(*conditions))
            .group_by(column)
        )
    spellings: dict[str, Counter[str]] = {}  # folded -> spelling -> uses
    with Session(engine) as session:
        for value, uses in session.exec(union_all(*selects)):  # type: ignore[call-overload]
            shown = (value or "").strip()
            if shown:
                spellings.setdefault(_folded(shown), Counter())[shown] += uses
    # one spelling per part: the most used, then the first alphabetically
    shown = [min(group.items(), key=lambda kv: (-kv[1], kv[0]))[0] for group in spellings.values()]
    shown.sort(key=lambda s: (not _folded(s).startswith(needle), _folded(s), s))
    return shown[:limit]
