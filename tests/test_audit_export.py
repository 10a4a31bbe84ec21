"""Exporting the audit trail: every entry as written, a period, or one record's, as Excel."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest

from app.reports.excel.audit_trail_xlsx import audit_trail_xlsx
from app.services import complaint_service, customer_service
from app.services.audit_export import check_request, trail_lines
from app.services.customer_service import CustomerData
from app.services.validation import ValidationError
from tests.cli_runner import one_line, run
from tests.services.complaint_factory import register


def _customer(engine, code="KH001", name="长春华通"):
    return customer_service.create(engine, CustomerData(code=code, name=name), "clerk")


def test_every_entry_in_the_order_written_with_one_record_selectable(engine):
    first = _customer(engine)
    first.notes = '=HYPERLINK("http://x")'  # user text, never a formula
    customer_service.update(engine, first, "quality")
    ticket = register(engine, first.id)
    complaint_service.update(engine, ticket, "quality")
    lines = trail_lines(engine)
    assert [line.id for line in lines] == sorted(line.id for line in lines)
    assert {line.entity for line in lines} == {"customer", "complaint"}
    mine = trail_lines(engine, record="kh001")  # the code, in any case
    assert mine and {line.record for line in mine} == {"KH001"}
    assert any(line.field == "notes" and line.user == "quality" for line in mine)
    numbered = trail_lines(engine, record=ticket.number)
    assert numbered and {line.entity for line in numbered} == {"complaint"}
    assert trail_lines(engine, until=date.today() - timedelta(days=1)) == []
    assert len(trail_lines(engine, since=date.today())) == len(lines)

    book = openpyxl.load_workbook(io.BytesIO(audit_trail_xlsx(lines, lang="zh_CN")))
    ws = book.active
    header = [c.value for c in ws[1]]
    assert header == ["序号", "时间", "用户", "记录类别", "记录", "操作", "字段", "原值", "新值"]
    assert ws.max_row == len(lines) + 1
    notes = next(row for row in ws.iter_rows(min_row=2) if row[6].value == "notes")
    assert notes[8].data_type == "s" and notes[8].value.startswith("=HYPERLINK")
    assert notes[3].value == "顾客档案" and notes[5].value == "修改"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_audit_trail_on_the_command_line(tmp_path):
    data = tmp_path / "data"
    made = run("--data-dir", str(data), "demo", "--customers", "5", "--complaints", "2",
               "--returns", "0", "--surveys", "0")  # fmt: skip
    assert made.returncode == 0, made.stderr
    out = tmp_path / "trail.xlsx"
    result = run("--data-dir", str(data), "export", "audit-trail", "--record", "KH00002",
                 "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert rows and {r[4] for r in rows} == {"KH00002"}
    assert len({r[0] for r in rows}) < len(rows)  # the customer's creation: a line a field
    assert f"{len(rows)} lines of the audit trail" in result.stdout
    missing = run("--data-dir", str(data), "export", "audit-trail", "--record", "NOPE",
                  "-o", str(tmp_path / "x.xlsx"))  # fmt: skip
    assert missing.returncode == 1 and "NOPE" in one_line(missing.stderr)
    assert not (tmp_path / "x.xlsx").exists()


def _refused(engine, **request) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        check_request(engine, **request)
    return refused.value.messages("en")


def test_a_request_that_finds_nothing_is_refused_before_a_file_is_chosen(engine):
    _customer(engine, code="KH001")
    today = date.today()
    check_request(engine)  # the whole trail
    check_request(engine, since=today, until=today, record="kh001")
    assert _refused(engine, since=today, until=today - timedelta(days=1)) == {
        "until": "The end date cannot be before the start date."
    }
    assert _refused(engine, until=today - timedelta(days=1)) == {
        "until": "No audit trail entry was written in this period."
    }
    assert _refused(engine, record=" KH404 ") == {"record": "The audit trail has no record KH404."}
    assert _refused(engine, since=today - timedelta(days=9), until=today, record="KH404") == {
        "record": "The audit trail has no record KH404."
    }
    assert _refused(engine, since=today + timedelta(days=1), record="KH001") == {
        "record": "The audit trail has no entry of KH001 in this period."
    }
