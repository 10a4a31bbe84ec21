"""The tracking list 客户抱怨处理追踪一览表, read back with openpyxl and with LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest

from app.reports.excel.tracking_list_xlsx import tracking_list_xlsx
from app.services.complaint_data import ActionData, ActionEventData, ComplaintData
from app.services.deadlines import Deadline

NOW = datetime(2024, 5, 10, 4, 0, tzinfo=UTC)
TODAY = NOW.astimezone().date()
RED = "00FFC7CE"


def local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None)


def _tickets() -> list[ComplaintData]:
    received = datetime(2024, 4, 20, 1, 30, tzinfo=UTC)
    rescheduled = ActionEventData(
        datetime(2024, 5, 1, tzinfo=UTC),
        "品保 李强",
        "rescheduled",
        old_due=TODAY - timedelta(days=5),
        new_due=TODAY + timedelta(days=10),
    )
    open_ticket = ComplaintData(
        number="KS-2024-0001",
        customer_name="长春华通汽车有限公司",
        product_model="QD-200",
        defect_category="尺寸不良",
        description="安装孔位置偏差 0.8 mm,无法装配",
        occurrence_category="machine",
        occurrence_cause="钻模定位销磨损",
        received_at=received,
        owner="张伟",
        urgency="urgent",
        actions=[
            ActionData(
                description="更换定位销并首件确认",
                department="生产部",
                owner="王芳",
                due=TODAY - timedelta(days=2),
            ),  # overdue: not done
            ActionData(
                description="=1+1",
                department="质量保障部",
                owner="李强",
                due=TODAY - timedelta(days=1),
                done_on=TODAY - timedelta(days=3),
            ),  # overdue: done but not verified
            ActionData(
                kind="preventive",
                description="更新 PFMEA 与控制计划",
                department="技术部",
                owner="刘洋",
                due=TODAY - timedelta(days=4),
                done_on=TODAY - timedelta(days=5),
                verification="effective",
                verified_by="品保 李强",
                verified_on=TODAY - timedelta(days=4),
            ),  # verified effective: not overdue
            ActionData(
                description="扩大抽检比例",
                department="质量保障部",
                owner="陈静",
                due=TODAY + timedelta(days=10),
                history=[rescheduled],
            ),  # rescheduled, due later
        ],
        deadlines=[
            Deadline("first_reply", received + timedelta(hours=8), received + timedelta(hours=3)),
            Deadline("containment", received + timedelta(hours=24), None),
            Deadline(
                "action_reply",
                datetime(2024, 4, 25, 15, 59, 59, tzinfo=UTC),
                None,
                detail="customer",
            ),  # fmt: skip
            Deadline("answer", received + timedelta(days=7), None),
            Deadline("action", datetime(2024, 5, 30, tzinfo=UTC), None, detail="扩大抽检比例"),
        ],
    )
    without_actions = ComplaintData(
        number="KS-2024-0002",
        customer_name="十堰宏达汽配商行",
        defect_category="外观不良",
        description="壳体划伤",
        received_at=datetime(2024, 5, 10, 1, 0, tzinfo=UTC),
        deadlines=[Deadline("first_reply", datetime(2024, 5, 10, 9, 0, tzinfo=UTC), None, (2024,))],
    )
    closed = ComplaintData(
        number="KS-2024-0003",
        customer_name="长春华通汽车有限公司",
        defect_category="异响",
        description="异响",
        received_at=datetime(2024, 3, 1, tzinfo=UTC),
        status="closed",
        actions=[
            ActionData(description="更换单向器", due=date(2024, 3, 5), verification="not_effective")
        ],
    )
    return [open_ticket, without_actions, closed]


def _load(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def _table(ws) -> list[dict[str, openpyxl.cell.Cell]]:
    headers = [cell.value for cell in ws[2]]
    return [{h: ws.cell(r, i + 1) for i, h in enumerate(headers)} for r in range(3, ws.max_row + 1)]


def test_one_row_per_action_with_overdue_ones_red():
    wb = _load(tracking_list_xlsx(_tickets(), now=NOW, company="宁波精工汽车部件股份有限公司"))
    assert wb.sheetnames == ["追踪一览表", "未结案期限"]
    ws = wb["追踪一览表"]
    assert ws["A1"].value.startswith("宁波精工汽车部件股份有限公司 客户抱怨处理追踪一览表")
    assert [c.value for c in ws[2]] == [
        "编号", "顾客", "产品型号", "不良类别", "问题描述", "原因分析", "措施类型", "措施内容",
        "责任部门", "负责人", "原定完成日期", "当前完成日期", "实际完成日期", "验证结果",
        "验证人", "验证日期", "改期次数", "措施状态", "逾期", "抱怨单状态",
    ]  # fmt: skip
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:T8"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1

    rows = _table(ws)
    assert [r["编号"].value for r in rows] == ["KS-2024-0001"] * 4 + ["KS-2024-0002", "KS-2024-0003"]  # fmt: skip
    not_done, unverified, effective, later, empty, closed = rows
    assert not_done["原因分析"].value == "[机] 钻模定位销磨损"
    assert not_done["措施类型"].value == "纠正措施"
    assert effective["措施类型"].value == "预防措施"

    # overdue: due passed and not done, or done but not verified
    for row in (not_done, unverified):
        assert row["逾期"].value == "是"
        assert all(cell.fill.fgColor.rgb == RED for cell in row.values())
    assert not_done["措施状态"].value == "进行中"
    assert unverified["措施状态"].value == "已完成待验证"
    for row in (effective, later, empty, closed):
        assert row["编号"].fill.fill_type is None
    assert effective["逾期"].value == "否" and effective["措施状态"].value == "已验证有效"
    assert effective["验证结果"].value == "有效" and effective["验证人"].value == "品保 李强"
    assert effective["验证日期"].value.date() == TODAY - timedelta(days=4)
    # a closed ticket's action is not chased any more
    assert closed["逾期"].value == "否" and closed["抱怨单状态"].value == "已结案"
    assert closed["措施状态"].value == "验证无效,需重新实施"

    # the first agreed due date stays visible next to the current one
    assert later["原定完成日期"].value.date() == TODAY - timedelta(days=5)
    assert later["当前完成日期"].value.date() == TODAY + timedelta(days=10)
    assert later["当前完成日期"].number_format == "yyyy-mm-dd"
    assert later["改期次数"].value == 1
    assert not_done["改期次数"].value == 0

    # a ticket without actions still has its row
    assert empty["措施状态"].value == "尚无措施"
    assert empty["措施内容"].value is None and empty["抱怨单状态"].value == "处理中"

    # user text stays text
    assert (unverified["措施内容"].value, unverified["措施内容"].data_type) == ("=1+1", "s")


def test_deadline_sheet_lists_open_tickets_with_overdue_deadlines_marked():
    ws = _load(tracking_list_xlsx(_tickets(), now=NOW))["未结案期限"]
    headers = [c.value for c in ws[2]]
    assert headers == [
        "编号", "顾客", "接收时间", "紧急度", "负责人",
        "首次回复期限", "首次回复完成", "临时对策回复期限", "临时对策回复完成",
        "纠正预防措施回复期限", "纠正预防措施回复完成", "答复顾客期限", "答复顾客完成",
        "回访期限", "回访完成", "逾期事项", "备注",
    ]  # fmt: skip
    rows = _table(ws)
    assert [r["编号"].value for r in rows] == ["KS-2024-0001", "KS-2024-0002"]  # closed left out
    first, second = rows
    received = datetime(2024, 4, 20, 1, 30, tzinfo=UTC)
    assert first["接收时间"].value == local(received)
    assert first["首次回复期限"].value == local(received + timedelta(hours=8))
    assert first["首次回复完成"].value == local(received + timedelta(hours=3))
    assert first["首次回复期限"].number_format == "yyyy-mm-dd hh:mm"
    # met in time: plain; passed and not met: red
    assert first["首次回复期限"].fill.fill_type is None
    for name in ("临时对策回复期限", "纠正预防措施回复期限", "答复顾客期限"):
        assert first[name].fill.fgColor.rgb == RED, name
        assert first[name].font.b
    assert first["回访期限"].value is None  # no answer yet, so no return visit
    assert first["逾期事项"].value == "临时对策回复;纠正预防措施回复;答复顾客"
    assert first["编号"].fill.fgColor.rgb == RED
    assert "顾客要求期限" in first["备注"].value
    assert first["紧急度"].value == "急件"

    assert second["逾期事项"].value is None
    assert second["首次回复期限"].fill.fill_type is None
    assert "2024 年节假日未确认" in second["备注"].value


def test_english_tracking_list():
    wb = _load(tracking_list_xlsx(_tickets(), lang="en", now=NOW))
    assert wb.sheetnames == ["Tracking list", "Open deadlines"]
    rows = _table(wb["Tracking list"])
    assert rows[0]["Action type"].value == "Corrective"
    assert rows[0]["Overdue"].value == "Yes"
    assert rows[4]["Action status"].value == "No action yet"
    deadlines = _table(wb["Open deadlines"])
    assert deadlines[0]["Overdue"].value == "Containment reply; Corrective-action reply; Answer to the customer"  # fmt: skip


def test_empty_tracking_list_has_both_sheets():
    wb = _load(tracking_list_xlsx([], now=NOW))
    assert [wb[name].max_row for name in wb.sheetnames] == [2, 2]


def test_libreoffice_reads_the_tracking_list(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "tracking.xlsx"
    source.write_bytes(tracking_list_xlsx(_tickets(), now=NOW))
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{home / 'lo-profile'}",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(home)},
        timeout=300,
    )
    with open(tmp_path / "out" / "tracking.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[1]
    assert header[0] == "编号" and header[-1] == "抱怨单状态"
    assert len(rows) == 2 + 6
    second = dict(zip(header, rows[3], strict=False))
    assert second["措施内容"] == "=1+1"  # still text
    assert second["当前完成日期"] == f"{TODAY - timedelta(days=1):%Y-%m-%d}"
