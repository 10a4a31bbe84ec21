"""Importing the clerk's old Excel register: reading, mapping, row errors, all-or-nothing."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from app.services import customer_import, customer_service
from app.services.customer_import import ImportFileError, ImportNotAllowed
from app.services.customer_service import CustomerData

HEADERS = [
    "序号", "客户编号", "客户名称", "简称", "客户类型", "地址", "联系电话", "传真", "E-mail",
    "联系人", "联系人电话", "部门", "职务", "联系人2", "联系人2电话", "订购产品", "业务员",
    "开始合作日期", "2023年采购额(万元)", "2024年采购额（万元）", "等级", "状态", "潜在客户",
    "备注",
]  # fmt: skip


def row(code: str, name: str, **values: object) -> list[object]:
    """A register row; keyword names are the headers above without special characters."""
    base: dict[str, object] = {
        "客户编号": code,
        "客户名称": name,
        "客户类型": "主机厂",
        "联系电话": "0431-85551234",
        "状态": "合作中",
    }
    aliases = {"email": "E-mail", "y2023": "2023年采购额(万元)", "y2024": "2024年采购额（万元）"}
    for key, value in values.items():
        base[aliases.get(key, key)] = value
    return [base.get(h) for h in HEADERS]


def write_register(path, rows, title: str | None = "顾客档案登记表", headers=HEADERS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "顾客档案"
    if title:
        sheet.append([title])
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
        # user text goes in as text, as Excel stores what the clerk typed
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.save(path)
    return path


def check(engine, path):
    sheet = customer_import.read_sheet(path)
    rows = customer_import.build_rows(sheet, customer_import.suggest_mapping(sheet.headers))
    report = customer_import.validate_rows(engine, rows, sheet)
    return sheet, rows, report


GOOD_ROWS = [
    row(
        "KH001",
        "长春华通汽车有限公司",
        简称="华通",
        地址="吉林省长春市绿园区解放大路88号",
        传真="0431-85551235",
        email="info@huatong.com",
        联系人="王伟",
        联系人电话=13812345678,
        部门="采购部",
        职务="采购经理",
        联系人2="李娜",
        联系人2电话="0431-85551234转801",
        订购产品="QDJ2040 起动机 24V 5.5kW；JFZ2707 交流发电机 28V 70A、\nJT249 调节器 28V",
        业务员="陈建军",
        开始合作日期=datetime(2019, 3, 1),
        y2023=120,
        y2024="98.5",
        等级="A",
        潜在客户="否",
    ),
    row(
        "KH002",
        "十堰宏达汽配商行",
        客户类型="备件市场",
        开始合作日期="2020年7月15日",
        y2024="1,200",
        状态="已流失",
        潜在客户="是",
        等级="c级",
    ),
    row("KH003", "柳州远航运输有限公司", 客户类型="end user", 开始合作日期="2021.3", y2023=None),
]


# ---------------------------------------------------------------- reading the sheet


def test_header_found_below_a_title_row_with_excel_row_numbers(tmp_path):
    path = write_register(tmp_path / "reg.xlsx", [GOOD_ROWS[0], [None] * 3, GOOD_ROWS[1]])
    sheet = customer_import.read_sheet(path)
    assert sheet.sheet_names == ["顾客档案"]
    assert sheet.header_row == 2
    assert sheet.headers[:3] == ["序号", "客户编号", "客户名称"]
    # the empty row 4 is skipped but the numbers stay those Excel shows
    assert [r.excel_row for r in sheet.rows] == [3, 5]
    assert sheet.rows[0].values[1] == "KH001"


def test_sheet_chosen_by_name_and_unknown_sheet(tmp_path):
    path = write_register(tmp_path / "reg.xlsx", GOOD_ROWS)
    workbook = openpyxl.load_workbook(path)
    other = workbook.create_sheet("说明", 0)
    other["A1"] = "只有一个单元格"
    workbook.save(path)

    assert customer_import.read_sheet(path).sheet_name == "顾客档案"  # 说明 has no header
    assert customer_import.read_sheet(path, "顾客档案").header_row == 2
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(path, "Sheet9")
    assert caught.value.error.code == "sheet_not_found"
    assert "说明" in caught.value.message("zh_CN")
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(path, "说明")
    assert caught.value.error.code == "no_header"


def test_not_an_xlsx_file_gives_a_clear_error(tmp_path):
    fake = tmp_path / "顾客.xlsx"
    fake.write_text("编号,名称\nKH001,华通\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(fake)
    assert caught.value.error.code == "file_not_xlsx"
    assert (
        caught.value.message("zh_CN") == "顾客.xlsx 不是有效的 Excel 工作簿(.xlsx),或文件已损坏。"
    )
    assert "not a valid Excel workbook" in caught.value.message("en")


def test_truncated_xlsx_old_xls_and_missing_file(tmp_path):
    good = write_register(tmp_path / "good.xlsx", GOOD_ROWS)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:600])
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(broken)
    assert caught.value.error.code == "file_not_xlsx"

    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(old)
    assert caught.value.error.code == "file_xls"
    assert "另存为 .xlsx" in caught.value.message("zh_CN")

    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(tmp_path / "nowhere.xlsx")
    assert caught.value.error.code == "file_not_found"


# ---------------------------------------------------------------- mapping


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("编号", "code"),
        ("顾客代码", "code"),
        ("Customer Code", "code"),
        ("公司名称", "name"),
        ("Name", "name"),
        ("客户简称", "short_name"),
        ("客户类型", "type"),
        ("地址", "address"),
        ("联系电话", "phone"),
        ("Tel.", "phone"),
        ("传真", "fax"),
        ("E-mail", "email"),
        ("电子邮件", "email"),
        ("联系人", "contacts[0].name"),
        ("联系人电话", "contacts[0].phone"),
        ("联系人部门", "contacts[0].department"),
        ("职务", "contacts[0].title"),
        ("联系人2", "contacts[1].name"),
        ("联系人电话2", "contacts[1].phone"),
        ("联系人3职务", "contacts[2].title"),
        ("Contact 2 e-mail", "contacts[1].email"),
        ("订购产品", "products"),
        ("型号规格", "products"),
        ("销售代表", "sales_rep"),
        ("开始合作日期", "cooperation_since"),
        ("合作时间", "cooperation_since"),
        ("2024年采购额(万元)", "volume:2024"),
        ("2023年度采购金额（万元）", "volume:2023"),
        ("Volume 2022", "volume:2022"),
        ("2021", "volume:2021"),
        ("年采购额(万元)", "volume:2025"),  # no year: the default year
        ("等级", "grade"),
        ("客户状态", "status"),
        ("潜在客户", "potential"),
        ("备注", "notes"),
        ("序号", None),
        ("采购员", None),
        ("", None),
    ],
)
def test_match_header(header, field):
    assert customer_import.match_header(header, default_year=2025) == field


def test_suggest_mapping_uses_each_field_once():
    mapping = customer_import.suggest_mapping(["编号", "名称", "客户名称", "代码", "备注"])
    assert mapping == {0: "code", 1: "name", 4: "notes"}
    assert customer_import.missing_required({0: "code"}) == ["name"]
    assert customer_import.missing_required(mapping) == []


def test_field_labels_for_the_dialog_and_report():
    assert customer_import.field_label("contacts[1].phone", "zh_CN") == "联系人2 电话"
    assert customer_import.field_label("volume:2024", "en") == "2024 volume (10k CNY)"
    assert "volume:2024" in customer_import.field_choices([2024])


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2019, 3, 1, 0, 0), date(2019, 3, 1)),
        (date(2019, 3, 1), date(2019, 3, 1)),
        ("2019-03-01", date(2019, 3, 1)),
        ("2019/3/1", date(2019, 3, 1)),
        ("2019年3月1日", date(2019, 3, 1)),
        ("2019年3月", date(2019, 3, 1)),
        ("2019.3", date(2019, 3, 1)),
        ("2019.03.15", date(2019, 3, 15)),
        ("20190301", date(2019, 3, 1)),
        ("2019", date(2019, 1, 1)),
        ("２０１９－０３－０１", date(2019, 3, 1)),
        (43525, date(2019, 3, 1)),  # an Excel serial number in a cell not formatted as date
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert customer_import.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2019-02-30", "去年", "3/1/2019", "2019-13"])
def test_parse_date_errors_are_values_not_exceptions(value):
    result = customer_import.parse_date(value)
    assert getattr(result, "code", None) == "date_shape"


def test_parse_amount_and_products():
    assert customer_import.parse_amount("1,200.5") == 1200.5
    assert customer_import.parse_amount("１２０万") == 120
    assert customer_import.parse_amount(2_500_000, scale=1 / 10000) == 250
    assert customer_import.parse_amount("很多").code == "number_shape"
    products = customer_import.parse_products(
        "QDJ2040 起动机 24V 5.5kW；JFZ2707、\nJT249; JFZ2915 (交流发电机 28V 150A)；QDJ1308（起动机）"
    )
    assert [(p.model, p.spec) for p in products] == [
        ("QDJ2040", "起动机 24V 5.5kW"),
        ("JFZ2707", ""),
        ("JT249", ""),
        ("JFZ2915", "交流发电机 28V 150A"),
        ("QDJ1308", "起动机"),
    ]


# ---------------------------------------------------------------- whole files


def test_good_register_is_imported_with_all_values(engine, tmp_path):
    path = write_register(tmp_path / "reg.xlsx", GOOD_ROWS)
    sheet, rows, report = check(engine, path)
    assert (report.total, report.valid, report.invalid, report.issues) == (3, 3, 0, [])

    assert customer_import.commit(engine, rows, only_valid=False, user="张会计") == 3
    kh1 = customer_service.get_by_code(engine, "KH001")
    assert kh1.name == "长春华通汽车有限公司" and kh1.short_name == "华通"
    assert kh1.type == "oem" and kh1.status == "active" and kh1.grade == "A"
    assert kh1.cooperation_since == date(2019, 3, 1)  # an Excel date cell
    assert [(c.name, c.department, c.title, c.phone) for c in kh1.contacts] == [
        ("王伟", "采购部", "采购经理", "13812345678"),  # a number cell, read as the digits
        ("李娜", "", "", "0431-85551234转801"),
    ]
    assert [p.model for p in kh1.products] == ["QDJ2040", "JFZ2707", "JT249"]
    assert kh1.products[0].spec == "起动机 24V 5.5kW"
    assert kh1.products[2].spec == "调节器 28V"
    assert [(v.year, v.amount_wan) for v in kh1.volumes] == [(2023, 120.0), (2024, 98.5)]
    assert kh1.potential is False

    kh2 = customer_service.get_by_code(engine, "KH002")
    assert kh2.type == "aftermarket" and kh2.status == "lost" and kh2.grade == "C"
    assert kh2.cooperation_since == date(2020, 7, 15)  # a text date
    assert [(v.year, v.amount_wan) for v in kh2.volumes] == [(2024, 1200.0)]
    assert kh2.potential is True
    kh3 = customer_service.get_by_code(engine, "KH003")
    assert kh3.type == "end_user" and kh3.cooperation_since == date(2021, 3, 1)

    trail = customer_service.history(engine, kh1)
    assert trail and {r.user for r in trail} == {"张会计"}


def test_bad_email_is_reported_with_row_column_and_message(engine, tmp_path):
    rows = [GOOD_ROWS[0], row("KH009", "坏邮箱公司", email="sales@@huatong")]
    _sheet, _rows, report = check(engine, write_register(tmp_path / "r.xlsx", rows))
    assert (report.valid, report.invalid) == (1, 1)
    [issue] = report.issues
    assert (issue.excel_row, issue.column, issue.header, issue.field) == (4, "I", "E-mail", "email")
    assert issue.describe("zh_CN") == (
        "第 4 行,I 列(E-mail):电子邮箱格式不正确(例:name@company.com)。"
    )
    assert issue.describe("en").startswith("Row 4, column I (E-mail): Not an e-mail address")
    assert report.summary("zh_CN") == "共 2 行:有效 1 行,有误 1 行。"


def test_duplicate_code_in_file_marks_both_rows(engine, tmp_path):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], row("kh001", "重复的编号")]
    _sheet, _rows, report = check(engine, write_register(tmp_path / "r.xlsx", rows))
    dupes = {(i.excel_row, i.error.code, i.error.params["row"]) for i in report.issues}
    assert dupes == {(3, "duplicate_in_file", 5), (5, "duplicate_in_file", 3)}
    assert (report.valid, report.invalid) == (1, 2)


def test_code_already_in_the_data_file(engine, tmp_path):
    customer_service.create(engine, CustomerData(code="KH002", name="老顾客"), "a")
    _sheet, _rows, report = check(engine, write_register(tmp_path / "r.xlsx", GOOD_ROWS))
    [issue] = report.issues
    assert (issue.excel_row, issue.field, issue.error.code) == (4, "code", "code_taken")
    assert "老顾客" in issue.message("zh_CN")


def test_parse_errors_are_per_field_and_other_fields_still_checked(engine, tmp_path):
    bad = row(
        "KH010",
        "解析错误公司",
        开始合作日期="2019-02-30",
        y2023="很多",
        y2024=-5,
        客户类型="合资",
        潜在客户="也许",
        联系人电话="13812345678",  # a phone but no contact name
    )
    sheet, rows, report = check(engine, write_register(tmp_path / "r.xlsx", [bad]))
    by_field = {i.field: (i.column, i.error.code) for i in report.issues}
    assert by_field == {
        "cooperation_since": ("R", "date_shape"),
        "volume:2023": ("S", "number_shape"),
        "volumes[0].amount_wan": ("T", "negative"),
        "type": ("E", "choice"),
        "potential": ("W", "bool_shape"),
        "contacts[0].name": ("J", "required"),
    }
    assert rows[0].data.name == "解析错误公司"
    assert "合资" in next(i for i in report.issues if i.field == "type").message("zh_CN")


def test_nothing_is_written_unless_every_row_is_valid(engine, tmp_path):
    rows_in = [*GOOD_ROWS, row("KH009", "坏邮箱公司", email="bad")]
    _sheet, rows, report = check(engine, write_register(tmp_path / "r.xlsx", rows_in))
    assert report.invalid == 1
    with pytest.raises(ImportNotAllowed) as caught:
        customer_import.commit(engine, rows, only_valid=False, user="a")
    assert caught.value.invalid == 1
    assert customer_service.count(engine) == 0


def test_only_valid_stores_exactly_the_valid_rows(engine, tmp_path):
    rows_in = [
        GOOD_ROWS[0],
        row("KH009", "坏邮箱公司", email="bad"),
        GOOD_ROWS[1],
        row("KH001", "重复"),
    ]
    _sheet, rows, _report = check(engine, write_register(tmp_path / "r.xlsx", rows_in))
    assert customer_import.commit(engine, rows, only_valid=True, user="a") == 1
    assert [c.code for c in customer_service.list_customers(engine)] == ["KH002"]


def test_commit_checks_again_for_codes_stored_meanwhile(engine, tmp_path):
    _sheet, rows, report = check(engine, write_register(tmp_path / "r.xlsx", GOOD_ROWS))
    assert report.invalid == 0
    customer_service.create(engine, CustomerData(code="KH003", name="先到的"), "b")
    with pytest.raises(ImportNotAllowed):
        customer_import.commit(engine, rows, only_valid=False, user="a")
    assert customer_service.count(engine) == 1
    assert customer_import.commit(engine, rows, only_valid=True, user="a") == 2
    assert customer_service.get_by_code(engine, "KH003").name == "先到的"


def test_formula_looking_text_stays_text(engine, tmp_path):
    rows_in = [row("KH020", '=HYPERLINK("http://x","点我")', 备注="=1+1", 简称="@SUM(A1)")]
    _sheet, rows, report = check(engine, write_register(tmp_path / "r.xlsx", rows_in))
    assert report.invalid == 0
    customer_import.commit(engine, rows, only_valid=False, user="a")
    stored = customer_service.get_by_code(engine, "KH020")
    assert stored.name == '=HYPERLINK("http://x","点我")'
    assert stored.notes == "=1+1"
    assert stored.short_name == "@SUM(A1)"


def test_yuan_column_is_converted_to_wan_and_numbers_become_text(engine, tmp_path):
    headers = ["编号", "名称", "电话", "2024年采购金额(元)"]
    path = write_register(
        tmp_path / "r.xlsx", [[1001, "数字编号公司", 57188881234, 2_500_000]], None, headers
    )
    _sheet, rows, report = check(engine, path)
    assert report.invalid == 0
    data = rows[0].data
    assert (data.code, data.phone) == ("1001", "57188881234")
    assert [(v.year, v.amount_wan) for v in data.volumes] == [(2024, 250.0)]


def test_unknown_mapping_field_is_a_programming_error(tmp_path):
    sheet = customer_import.read_sheet(write_register(tmp_path / "r.xlsx", GOOD_ROWS))
    with pytest.raises(ValueError):
        customer_import.build_rows(sheet, {1: "code", 2: "colour"})
