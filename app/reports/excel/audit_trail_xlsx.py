"""The audit trail as an Excel list: who changed which field of which record, when, old → new."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sized
from datetime import datetime

from openpyxl import Workbook

from app.i18n import pick
from app.reports.excel.complaint_ledger_xlsx import local_datetime, workbook_bytes
from app.reports.excel.sheet import Column, discard_workbook, save_workbook, write_table_sheet
from app.services.audit_export import ACTION_LABELS, ENTITY_LABELS, TrailLine, label


def _trail_workbook(
    lines: Iterable[TrailLine],
    *,
    lang: str,
    made_at: datetime | None,
    source_file: str,
    scope: str,
    progress: Callable[[int, int], None] | None,
    is_cancelled: Callable[[], bool] | None,
    total: int | None,
) -> tuple[Workbook, int]:
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
    if total is None and isinstance(lines, Sized):
        total = len(lines)
    written = 0

    def rows() -> Iterator[list[object]]:
        nonlocal written
        for line in lines:
            yield [
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
            written += 1

    wb = Workbook(write_only=True)
    made = made_at.strftime("%Y-%m-%d %H:%M")
    header = t(
        f"审计记录 {scope} · 制表 {made} · 数据文件 {source_file}",
        f"Audit trail {scope} · made {made} · data file {source_file}",
    )
    try:
        write_table_sheet(
            wb,
            t("审计记录", "Audit trail"),
            columns,
            rows(),
            lang=lang,
            header_left=header,
            progress=progress,
            is_cancelled=is_cancelled,
            total=total,
        )
    except BaseException:
        discard_workbook(wb)
        raise
    return wb, written


def audit_trail_xlsx(
    lines: Iterable[TrailLine],
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str = "",
    scope: str = "",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
) -> bytes:
    """One row per trail entry in the order written; `scope` says which entries (period, record).

    `lines` may be a generator (audit_export.iter_trail_lines), read once. The bytes are
    returned (and written atomically to `path` if given); write_audit_trail saves a long trail
    into its file without holding the workbook in memory.
    """
    wb, _written = _trail_workbook(
        lines,
        lang=lang,
        made_at=made_at,
        source_file=source_file,
        scope=scope,
        progress=progress,
        is_cancelled=is_cancelled,
        total=total,
    )
    content = workbook_bytes(wb)
    if path is not None:
        from app.reports.files import write_atomically

        write_atomically(path, content)
    return content


def write_audit_trail(
    path: str | os.PathLike[str],
    lines: Iterable[TrailLine],
    *,
    lang: str = "zh_CN",
    made_at: datetime | None = None,
    source_file: str = "",
    scope: str = "",
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
) -> int:
    """The audit trail written straight into the file at `path` (atomically), entry by entry:
    with iter_trail_lines, memory stays flat however long the trail. Returns the entries
    written; ExportCancelled (from `is_cancelled`) leaves no file behind."""
    wb, written = _trail_workbook(
        lines,
        lang=lang,
        made_at=made_at,
        source_file=source_file,
        scope=scope,
        progress=progress,
        is_cancelled=is_cancelled,
        total=total,
    )
    save_workbook(wb, path)
    return written
