"""The complaint ledger's 35 cells per ticket, read with bare sqlite3: the baseline's input.

The same columns as app/reports/excel/complaint_ledger_xlsx.ledger_columns, in list order
(newest number first), dates as datetimes, codes as the stored words (no translation, no
deadline rules): what a bare openpyxl write-only sheet of the same cells costs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

LEDGER_SQL = """
SELECT c.number, c.received_at, cu.code, cu.name, c.contact_name, c.contact_phone, c.channel,
       c.kind, c.product_model, c.part_no, c.batch_no, c.qty_delivered, c.qty_defective,
       c.defect_category, c.description, c.severity, c.urgency, c.responsibility,
       c.responsible_department, c.owner, c.current_step, c.status, c.next_due_key, c.next_due,
       CASE WHEN c.status = 'open' AND c.next_due < strftime('%Y-%m-%d %H:%M:%f', 'now')
            THEN 'yes' ELSE '' END,
       c.reply_at, c.reply_content, c.visit_at, c.visit_satisfied, c.claim_status,
       c.claim_amount, c.agreed_amount, c.paid_amount, c.closed_at, coalesce(o.number, '')
FROM complaint AS c
JOIN customer AS cu ON cu.id = c.customer_id
LEFT JOIN complaint AS o ON o.id = c.origin_id
ORDER BY c.year DESC, c.seq DESC, c.reopen_index DESC
"""
DATE_COLUMNS = (1, 23, 25, 27, 33)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def ledger_cells(rows: Iterable[tuple]) -> Iterator[list]:
    for row in rows:
        cells = list(row)
        for column in DATE_COLUMNS:
            cells[column] = _when(cells[column])
        yield cells
