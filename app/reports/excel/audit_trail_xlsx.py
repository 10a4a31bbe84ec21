"""The audit trail as an Excel list: who changed which field of which record, when, old → new."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import datetime

from openpyxl import Workbook

from app.i18n import pick
from app.reports.excel.complaint_ledger_xlsx import local_datetime, workbook_bytes
from app.reports.excel.sheet import Column, write_table_sheet
from app.services.audit_export import ACTION_LABELS, ENTITY_LABELS, TrailLine, label


def audit_trail_xlsx(
    lines: Sequence[TrailLine],
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str = "",
    scope: str = "",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """One row per trail entry in the order written; `scope` says which entries (period, record)."""
    made_at = made_at or datetime.now().astimezone()
    t = lambda zh, en: pick(zh, en, lang)  # noqa: E731
    columns = [
        Column(t("序号", "No."), "integer"),
        Column(t("时间", "Time"), "datetime"),
        Column(t("用户", "User")),
        Column(t("记录类别", "Record type")),
        Column(t("记录", "Record")),
        Column(t("操作", "Action")),
        Column(t("字段", "Field")),
        Column(t("原值", "Old value")),
        Column(t("新值", "New value")),
    ]
    rows = [
        [
            line.id,
            local_datetime(line.at),
            line.user,
            label(ENTITY_LABELS, line.entity, lang),
            line.record,
            label(ACTION_LABELS, line.action, lang),
            line.field,
            line.old_value,
            line.new_value,
        ]
        for line in lines
    ]
    wb = Workbook(write_only=True)
    made = made_at.strftime("%Y-%m-%d %H:%M")
    header = t(
        f"审计记录 {scope} · 制表 {made} · 数据文件 {source_file}",
        f"Audit trail {scope} · made {made} · data file {source_file}",
    )
    write_table_sheet(
        wb,
        t("审计记录", "Audit trail"),
        columns,
        rows,
        lang=lang,
        header_left=header,
        progress=progress,
        is_cancelled=is_cancelled,
    )
    content = workbook_bytes(wb)
    if path is not None:
        from app.reports.files import write_atomically

        write_atomically(path, content)
    return content
