"""Importing an old Excel complaint ledger: mapping, customers, numbers, row errors, all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime, time

import openpyxl
import pytest

from app.reports.excel.complaint_ledger_xlsx import complaint_ledger_xlsx
from app.services import complaint_import, complaint_service
from app.services.complaint_data import ComplaintFilter
from app.services.customer_import import ImportNotAllowed
from app.services.validation import FieldError
from tests.services.complaint_factory import customer, local, register

HEADERS = [
    "序号", "抱怨单号", "抱怨日期", "客户编号", "客户名称", "联系人", "产品型号", "料号", "批号",
    "交货数量", "不良数量", "不良类别", "不良现象", "严重程度", "紧急程度", "临时对策",
    "原因分析", "改善对策", "责任部门", "答复日期", "处理结果", "客户是否满意", "回访日期",
    "索赔金额(元)", "结案状态", "结案日期", "备注",
]  # fmt: skip


def row(number: object, received: object, code: str = "KH001", name: str = "", **values) -> list:
    base: dict[str, object] = {
        "抱怨单号": number,
        "抱怨日期": received,
        "客户编号": code,
        "客户名称": name,
        "不良类别": "尺寸不良",
        "不良现象": "安装孔位置偏差,无法装配",
    }
    base.update(values)
    return [base.get(h) for h in HEADERS]


def write_ledger(path, rows, headers=HEADERS, title: str | None = "客户抱怨处理总表"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "总表"
    if title:
        sheet.append([title])
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:  # what the clerk typed is text in Excel
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.save(path)
    return path


def check(engine, path):
    sheet = complaint_import.read_sheet(path)
    rows = complaint_import.build_rows(sheet, complaint_import.suggest_mapping(sheet.headers))
    return sheet, rows, complaint_import.validate_rows(engine, rows, sheet)


@pytest.fixture
def customers(engine):
    return {
        "KH001": customer(engine, "KH001", "长春华通汽车有限公司", short_name="华通"),
        "KH002": customer(engine, "KH002", "十堰宏达汽配商行"),
    }


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("抱怨单号", "number"),
        ("编号", "number"),
        ("8D编号", "number"),
        ("抱怨日期", "received_at"),
        ("接收时间", "received_at"),
        ("Received", "received_at"),
        ("客户编号", "customer_code"),
        ("顾客名称", "customer_name"),
        ("Customer", "customer_name"),
        ("料号", "part_no"),
        ("Part no.", "part_no"),
        ("不良现象", "description"),
        ("严重程度", "severity"),
        ("紧急度", "urgency"),
        ("索赔金额(元)", "claim_amount"),
        ("Qty defective", "qty_defective"),
        ("答复日期", "reply_at"),
        ("处理结果", "reply_content"),
        ("结案状态", "status"),
        ("临时对策", "containment"),
        ("改善对策", "corrective"),
        ("下一期限", None),  # computed by the app, not imported
        ("逾期", None),
        ("8D进度", None),
        ("序号", None),
    ],
)
def test_match_header(header, field):
    assert complaint_import.match_header(header) == field


def test_suggest_mapping_and_missing_columns():
    mapping = complaint_import.suggest_mapping(HEADERS)
    assert mapping[1] == "number" and mapping[4] == "customer_name" and 0 not in mapping
    assert complaint_import.missing_required(mapping) == []
    assert complaint_import.missing_required({0: "number", 1: "description"}) == [
        "customer_name",
        "received_at",
        "defect_category",
    ]
    assert complaint_import.field_label("customer_id") == "顾客"
    assert complaint_import.field_label("steps[5].content", "en") == "Corrective action"


# ---------------------------------------------------------------- parsing values


@pytest.mark.parametrize(
    ("value", "expected", "has_time"),
    [
        (datetime(2024, 3, 5, 14, 30), datetime(2024, 3, 5, 14, 30), True),
        (datetime(2024, 3, 5), datetime(2024, 3, 5), False),
        (date(2024, 3, 5), datetime(2024, 3, 5), False),
        ("2024/3/5 14:30", datetime(2024, 3, 5, 14, 30), True),
        ("2024-03-05 08:05:09", datetime(2024, 3, 5, 8, 5, 9), True),
        ("2024年3月5日 14时30分", datetime(2024, 3, 5, 14, 30), True),
        ("2024年3月5日", datetime(2024, 3, 5), False),
        ("２０２４.３.５", datetime(2024, 3, 5), False),
        (45356.5, datetime(2024, 3, 5, 12, 0), True),  # a serial date, cell not formatted
    ],
)
def test_parse_datetime(value, expected, has_time):
    moment, with_time = complaint_import.parse_datetime(value)
    assert moment.tzinfo is not None
    assert moment == expected.astimezone()
    assert with_time is has_time


@pytest.mark.parametrize("value", ["2024-02-30", "上周三", "2024-03", "2024-03-05 25:00", 2024])
def test_bad_datetimes_are_errors(value):
    assert isinstance(complaint_import.parse_datetime(value), FieldError)


def test_quantities_money_and_words():
    assert complaint_import.parse_quantity("1,200件") == 1200
    assert complaint_import.parse_quantity("50 pcs") == 50
    assert isinstance(complaint_import.parse_quantity("许多"), FieldError)
    assert complaint_import.parse_money("¥5,000") == 5000
    assert complaint_import.parse_money("3000元") == 3000
    assert complaint_import.parse_money("0.5万") == 5000
    assert complaint_import.parse_money("¥1.2万元") == 12000
    assert complaint_import.parse_money("-") is None
    assert complaint_import.parse_satisfied("不满意") is False
    assert complaint_import.parse_satisfied("满意") is True
    assert complaint_import.parse_satisfied("") is None


# ---------------------------------------------------------------- importing


def test_good_ledger_is_imported_keeping_old_numbers(engine, customers, tmp_path):
    rows = [
        row(
            "KS-2024-0007",
            "2024/3/5 14:30",
            "kh001",  # codes match in any case
            "长春华通汽车有限公司",
            联系人="王伟",
            产品型号="QD-200",
            料号="P-1001",
            批号="B2403",
            交货数量="1,200件",
            不良数量=12,
            严重程度="重大",
            紧急程度="急件",
            临时对策="库存 300 件全检",
            原因分析="钻模定位销磨损",
            改善对策="更换定位销,首件确认",
            责任部门="生产部",
            答复日期="2024-03-05",  # same day, no time: not before the 14:30 receipt
            处理结果="已提交 8D 报告",
            客户是否满意="满意",
            回访日期=datetime(2024, 3, 6),
            **{"索赔金额(元)": "¥5,000"},
            结案状态="已结案",
            结案日期=datetime(2024, 3, 20),
            备注="客户要求每批附检验报告",
        ),
        row("QA/2023/15", datetime(2023, 11, 2, 9, 15), "", "十堰宏达汽配商行", 紧急程度="普通件"),
        row(None, "2024-04-01", "", "华通", 严重程度="一般"),  # no number; a short name
    ]
    path = write_ledger(tmp_path / "总表.xlsx", rows)
    sheet, built, report = check(engine, path)
    assert report.lines() == []
    assert (report.total, report.valid, report.invalid) == (3, 3, 0)

    progress: list[int] = []
    assert complaint_import.commit(engine, built, False, "周小红", progress.append) == 3
    first = complaint_service.get_by_number(engine, "KS-2024-0007")
    assert first.customer_id == customers["KH001"]
    assert first.received_at == datetime(2024, 3, 5, 14, 30).astimezone()
    assert (first.contact_name, first.product_model, first.part_no, first.batch_no) == (
        "王伟",
        "QD-200",
        "P-1001",
        "B2403",
    )
    assert (first.qty_delivered, first.qty_defective) == (1200, 12)
    assert (first.severity, first.urgency) == ("major", "urgent")
    assert first.step(3).content == "库存 300 件全检"
    assert first.occurrence_cause == "钻模定位销磨损"
    assert first.step(5).content == "更换定位销,首件确认"
    assert first.responsible_department == "生产部"
    assert first.reply_at == first.received_at
    assert first.reply_content == "已提交 8D 报告"
    assert first.visit_satisfied is True
    assert first.visit_at == datetime(2024, 3, 6).astimezone()
    assert (first.claim_amount, first.claim_status) == (5000, "claimed")
    # the ledger's status is kept (closed, read-only, no deadline); the old words noted in D8
    assert first.status == "closed" and not first.editable
    assert first.closed_at == datetime(2024, 3, 20, 17).astimezone()
    row_in_list = complaint_service.rows_for_ids(engine, [first.id])[first.id]
    assert row_in_list.next_due is None
    assert first.step(8).content == (
        "原台账状态:已结案,结案日期 2024-03-20\n原台账备注:客户要求每批附检验报告"
    )
    assert complaint_import.closed_in_ledger(built) == 1

    other = complaint_service.get_by_number(engine, "QA/2023/15")  # another shape, kept as is
    assert other.customer_id == customers["KH002"]
    assert other.channel == "other" and other.urgency == "normal"
    numbered = complaint_service.list_complaints(engine, ComplaintFilter(text="华通"))
    new = [c for c in numbered if c.number not in ("KS-2024-0007",)]
    assert [c.number for c in new] == ["KS-2024-0008"]  # a new number after the kept one
    assert new[0].received_at == datetime(2024, 4, 1).astimezone()


def test_row_without_number_never_takes_an_old_number(engine, customers, tmp_path):
    rows = [
        row(None, "2024-02-01"),  # comes first in the file
        row("KS-2024-0001", "2024-01-15"),
    ]
    _sheet, built, report = check(engine, write_ledger(tmp_path / "a.xlsx", rows))
    assert report.valid == 2
    complaint_import.commit(engine, built, False, "t")
    numbers = sorted(c.number for c in complaint_service.list_complaints(engine))
    assert numbers == ["KS-2024-0001", "KS-2024-0002"]


def test_unknown_customer_is_a_row_error_naming_it(engine, customers, tmp_path):
    rows = [
        row("KS-2024-0001", "2024-01-15"),
        row("KS-2024-0002", "2024-01-16", "KH999", "武汉奥凯商用车有限公司"),
        row("KS-2024-0003", "2024-01-17", "", "华东"),
    ]
    path = write_ledger(tmp_path / "b.xlsx", rows)
    _sheet, _built, report = check(engine, path)
    assert report.invalid == 2
    assert report.lines() == [
        "第 4 行,D 列(客户编号):顾客档案中没有顾客“KH999 武汉奥凯商用车有限公司”(按编号或名称查找),请先登记该顾客。",
        "第 5 行,E 列(客户名称):顾客档案中没有顾客“华东”(按编号或名称查找),请先登记该顾客。",
    ]  # fmt: skip
    assert "No customer “华东” in the customer files" in report.lines("en")[1]


def test_a_name_held_by_two_customers_asks_for_the_code(engine, customers, tmp_path):
    customer(engine, "KH003", "长春华通汽车有限公司 ", short_name="华通")  # the short name twice
    path = write_ledger(tmp_path / "c.xlsx", [row("KS-2024-0001", "2024-01-15", "", "华通")])
    _sheet, _built, report = check(engine, path)
    assert report.lines() == [
        "第 3 行,E 列(客户名称):名称“华通”对应多位顾客(KH001、KH003),请填写顾客编号。"
    ]


def test_duplicate_numbers_in_the_file_and_in_the_data_file(engine, customers, tmp_path):
    register(engine, customers["KH001"], received_at=local(2024, 1, 2, 9, 0))  # KS-2024-0001
    rows = [
        row("KS-2024-0001", "2024-01-15"),
        row("KS-2024-0005", "2024-01-16"),
        row("ks-2024-0005", "2024-01-17"),
    ]
    _sheet, _built, report = check(engine, write_ledger(tmp_path / "d.xlsx", rows))
    assert report.lines() == [
        "第 3 行,B 列(抱怨单号):编号 KS-2024-0001 已在数据文件中(已导入过?)。",
        "第 4 行,B 列(抱怨单号):编号 KS-2024-0005 在文件中重复(第 5 行)。",
        "第 5 行,B 列(抱怨单号):编号 ks-2024-0005 在文件中重复(第 4 行)。",
    ]


def test_parse_and_rule_errors_are_reported_per_field(engine, customers, tmp_path):
    rows = [
        row(
            "KS-2024-0001",
            "上周三",
            严重程度="很严重",
            交货数量="许多",
            不良数量=5,
        ),
        row("KS-2024-0002", "2024-01-16", 交货数量=10, 不良数量=20, 不良类别=""),
        row("KS-2024-0003", "2024-01-17", 客户是否满意="还行", 答复日期="2024-01-18"),
    ]
    _sheet, built, report = check(engine, write_ledger(tmp_path / "e.xlsx", rows))
    lines = report.lines()
    assert lines[:3] == [
        "第 3 行,C 列(抱怨日期):日期/时间格式不正确(例:2024-03-15 或 2024-03-15 14:30)。",
        "第 3 行,J 列(交货数量):不是数字。",
        "第 3 行,N 列(严重程度):无效的取值“很严重”,可选:重大/Major、一般/General。",
    ]
    assert "第 4 行,K 列(不良数量):不能大于 10。" in lines
    assert "第 4 行,L 列(不良类别):必填。" in lines
    assert "第 5 行,V 列(客户是否满意):应填“满意”或“不满意”(或 是/否),而不是“还行”。" in lines
    # an answer date without its content: named by the field, there is no column for it
    assert "第 5 行,U 列(处理结果):必填。" in lines
    assert report.invalid == 3


def test_all_or_nothing_unless_only_valid(engine, customers, tmp_path):
    rows = [
        row("KS-2024-0001", "2024-01-15"),
        row("KS-2024-0002", "2024-01-16", "KH999"),
        row("KS-2024-0003", "2024-01-17", "KH002", 不良现象="=1+1"),
    ]
    _sheet, built, report = check(engine, write_ledger(tmp_path / "f.xlsx", rows))
    assert report.invalid == 1
    with pytest.raises(ImportNotAllowed):
        complaint_import.commit(engine, built, False, "t")
    assert complaint_service.count(engine) == 0
    assert complaint_import.commit(engine, built, True, "t") == 2
    stored = {c.number: c for c in complaint_service.list_complaints(engine)}
    assert sorted(stored) == ["KS-2024-0001", "KS-2024-0003"]
    assert stored["KS-2024-0003"].description == "=1+1"  # text, not a formula's value


def test_commit_checks_again_and_writes_nothing_on_a_late_clash(engine, customers, tmp_path):
    rows = [row("KS-2024-0001", "2024-01-15"), row("KS-2024-0002", "2024-01-16")]
    _sheet, built, report = check(engine, write_ledger(tmp_path / "g.xlsx", rows))
    assert report.valid == 2
    complaint_service.create(
        engine, built[1].data, "someone else", number="KS-2024-0002"
    )  # stored meanwhile
    with pytest.raises(ImportNotAllowed):
        complaint_import.commit(engine, built, False, "t")
    assert [c.number for c in complaint_service.list_complaints(engine)] == ["KS-2024-0002"]


def test_progress_over_a_long_ledger(engine, customers, tmp_path):
    rows = [row(f"KS-2023-{i:04d}", f"2023-03-{1 + i % 28:02d} 10:00") for i in range(1, 251)]
    _sheet, built, report = check(engine, write_ledger(tmp_path / "h.xlsx", rows))
    assert report.valid == 250
    progress: list[int] = []
    assert complaint_import.commit(engine, built, False, "t", progress.append) == 250
    assert progress == [100, 200]
    assert complaint_service.count(engine) == 250


def test_exported_ledger_imports_back(engine, customers, tmp_path, data_dir):
    register(
        engine,
        customers["KH001"],
        received_at=local(2024, 5, 6, 9, 30),
        severity="major",
        urgency="urgent",
        channel="email",
        qty_delivered=1200,
        qty_defective=12.5,
        reply_at=local(2024, 5, 7, 16, 0),
        reply_content="已提交 8D 报告",
        visit_at=local(2024, 5, 8, 10, 0),
        visit_satisfied=False,
        claim_status="agreed",
        claim_amount=5000,
        agreed_amount=3000,
        responsibility="ours",
        responsible_department="生产部",
        owner="张伟",
    )
    register(engine, customers["KH002"], received_at=local(2024, 6, 1, 8, 0), kind="return")
    before = complaint_service.list_complaints(engine)
    for lang in ("zh_CN", "en"):
        path = tmp_path / f"ledger-{lang}.xlsx"
        path.write_bytes(complaint_ledger_xlsx(before, lang=lang))
        fresh = _fresh_engine(tmp_path / f"fresh-{lang}")
        customer(fresh, "KH001", "长春华通汽车有限公司")
        customer(fresh, "KH002", "十堰宏达汽配商行")
        sheet, built, report = check(fresh, path)
        assert report.lines(lang) == [], lang
        complaint_import.commit(fresh, built, False, "t")
        after = complaint_service.list_complaints(fresh)
        assert [_essentials(c) for c in after] == [_essentials(c) for c in before], lang
        fresh.dispose()


def _fresh_engine(folder):
    from app.db import open_database

    folder.mkdir()
    return open_database(folder)


def _essentials(c) -> dict:
    keep = (
        "number", "customer_code", "received_at", "channel", "kind", "product_model", "part_no",
        "batch_no", "qty_delivered", "qty_defective", "defect_category", "description",
        "severity", "urgency", "responsibility", "responsible_department", "owner",
        "reply_content", "visit_satisfied", "claim_status", "claim_amount", "agreed_amount",
    )  # fmt: skip
    values = {name: getattr(c, name) for name in keep}
    # the ledger shows the answer and the visit as dates
    for name in ("reply_at", "visit_at"):
        value = getattr(c, name)
        values[name] = value.astimezone().date() if value else None
    values["received_at"] = c.received_at.astimezone().replace(second=0, tzinfo=None)
    return values


def test_formula_text_in_the_file_stays_text_and_title_row_is_skipped(engine, customers, tmp_path):
    path = write_ledger(tmp_path / "i.xlsx", [row("=1+1", "2024-01-15", 不良现象="=SUM(A1:A2)")])
    sheet, built, report = check(engine, path)
    assert sheet.header_row == 2 and built[0].excel_row == 3
    assert built[0].number == "=1+1" and built[0].data.description == "=SUM(A1:A2)"
    assert report.valid == 1


def test_unknown_mapping_field_is_a_programming_error(tmp_path):
    path = write_ledger(tmp_path / "j.xlsx", [row("KS-2024-0001", "2024-01-15")])
    sheet = complaint_import.read_sheet(path)
    with pytest.raises(ValueError, match="bogus"):
        complaint_import.build_rows(sheet, {0: "bogus"})


def test_excel_time_cells_keep_their_time(engine, customers, tmp_path):
    received = datetime.combine(date(2024, 1, 15), time(8, 45))
    path = write_ledger(tmp_path / "k.xlsx", [row("KS-2024-0001", received)])
    _sheet, built, _report = check(engine, path)
    assert built[0].data.received_at == received.astimezone()


def test_ledger_status_and_reopen_chain_are_kept(engine, customers, tmp_path):
    rows = [
        row("KS-2024-0031-1", "2024-05-10", 结案状态="处理中"),  # before its origin in the file
        row("KS-2024-0031", "2024-05-02", 结案状态="已结案", 结案日期="2024-05-08"),
        row("KS-2024-0032", "2024-05-03", 结案状态="作废"),
    ]
    path = write_ledger(tmp_path / "old.xlsx", rows)
    _sheet, built, report = check(engine, path)
    assert report.invalid == 0
    assert complaint_import.commit(engine, built, only_valid=False, user="t") == 3
    origin = complaint_service.get_by_number(engine, "KS-2024-0031")
    reopened = complaint_service.get_by_number(engine, "KS-2024-0031-1")
    cancelled = complaint_service.get_by_number(engine, "KS-2024-0032")
    assert origin.status == "reopened" and [r.number for r in origin.reopenings] == [
        "KS-2024-0031-1"
    ]
    assert reopened.status == "open" and reopened.origin.number == "KS-2024-0031"
    assert cancelled.status == "cancelled" and cancelled.cancel_reason
    due = {r.number for r in complaint_service.due_rows(engine)}
    assert due == {"KS-2024-0031-1"}  # only the open ticket is overdue
