"""The command line, run as a user runs it: a separate process, exit codes, stdout and stderr."""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import json
import re
import sys
import types
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from app import cli
from app.cli.common import print_json
from app.services import demo_service
from tests.cli_runner import one_line, run

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-demo")
    result = run("--data-dir", str(folder), "demo", "--customers", "40", "--seed", "2")
    assert result.returncode == 0, result.stderr
    assert "40" in result.stdout
    return folder


def list_json(folder: Path, *filters: str) -> list[dict]:
    result = run("--data-dir", str(folder), "list", "customers", "--json", *filters)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------- help and arguments


def test_help_lists_every_command_and_option():
    result = run("--help")
    assert result.returncode == 0
    for text in (
        "list customers",
        "import customers",
        "--only-valid",
        "--dry-run",
        "export customer-card",
        "export customers",
        "demo",
        "--data-dir",
        "--lang",
        "--json",
        "list complaints",
        "import complaints",
        "export complaint-ledger",
        "export tracking-list",
        "export 8d",
        "bilingual",
        "export quality-feedback",
        "export capa",
        "export prevent-recurrence",
        "--complaints",
    ):
        assert text in result.stdout, text
    assert result.stderr == ""


def test_subcommand_help():
    result = run("import", "customers", "--help")
    assert result.returncode == 0
    assert "FILE.xlsx" in result.stdout and "--only-valid" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["demo", "--customers", "many"],
        ["demo", "--customers", "0"],
        ["bogus"],
        ["list"],
        ["list", "customers", "--grade", "Z"],
        ["list", "customers", "--type", "car"],
        ["export", "customer-card", "KH00001"],  # no -o
        ["--lang", "fr", "list", "customers"],
        ["import", "customers"],
        ["list", "complaints", "--status", "done"],
        ["list", "complaints", "--from", "last week"],
        ["export", "complaint-ledger"],  # no -o
        ["export", "8d", "KS-2024-0001", "-o", "x.pdf", "--lang", "fr"],
        ["export", "capa", "KS-2024-0001", "-o", "x.pdf", "--lang", "bilingual"],
        ["import", "complaints"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args, tmp_path):
    result = run("--data-dir", str(tmp_path), *args)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert line.startswith("qualitydesk: error: ")
    assert "--help" in line
    assert result.stdout == ""


def test_argument_errors_in_chinese_when_asked(tmp_path):
    result = run("--lang", "zh_CN", "--data-dir", str(tmp_path), "demo", "--customers", "x")
    assert result.returncode == 2
    assert "查看用法" in one_line(result.stderr)


def test_without_a_command_the_window_starts(monkeypatch):
    calls = []
    fake = types.ModuleType("app.main")
    fake.run_gui = lambda args: calls.append(args) or 7
    monkeypatch.setitem(sys.modules, "app.main", fake)
    assert cli.main(["--data-dir", "/tmp/somewhere", "--lang", "en"]) == 7
    assert calls[0].data_dir == "/tmp/somewhere" and calls[0].lang == "en"
    assert calls[0].command is None


def test_the_parser_is_freed_before_a_command_runs(monkeypatch):
    """Every command's parser is built to read the arguments; it holds reference cycles, so
    without a collection it would stay in memory through a long export."""

    def parsers() -> int:
        return sum(isinstance(o, argparse.ArgumentParser) for o in gc.get_objects())

    gc.collect()
    before = parsers()
    during = []
    monkeypatch.setattr(cli, "run_command", lambda args: during.append(parsers()) or 0)
    assert cli.main(["--lang", "en", "list", "customers"]) == 0
    assert during == [before]
    held = cli.build_parser()
    assert parsers() > before + 10  # what the command would have run beside
    del held


# ---------------------------------------------------------------- demo and list


def test_demo_then_list_json_has_whole_chinese_customer_files(demo_dir):
    customers = list_json(demo_dir)
    expected = demo_service.generate_customers(40, seed=2)
    assert [c["code"] for c in customers] == [c.code for c in expected]
    assert [c["name"] for c in customers] == [c.name for c in expected]
    assert all(CJK.search(c["name"]) for c in customers)
    first = customers[0]
    for key in ("short_name", "type", "status", "grade", "address", "phone", "sales_rep"):
        assert key in first
    assert first["cooperation_since"] == expected[0].cooperation_since.isoformat()
    assert first["contacts"][0]["name"] == expected[0].contacts[0].name
    assert set(first["contacts"][0]) == {"name", "department", "title", "phone", "email"}
    assert first["products"][0]["model"] == expected[0].products[0].model
    assert [v["year"] for v in first["volumes"]] == [v.year for v in expected[0].volumes]


def test_running_demo_again_adds_nothing(demo_dir):
    result = run("--data-dir", str(demo_dir), "demo", "--customers", "40", "--seed", "2")
    assert result.returncode == 0
    assert len(list_json(demo_dir)) == 40


def test_list_filters(demo_dir):
    lost = list_json(demo_dir, "--status", "lost")
    oem = list_json(demo_dir, "--type", "主机厂", "--grade", "a")
    everyone = list_json(demo_dir)
    assert {c["status"] for c in lost} == {"lost"}
    assert len(lost) == sum(c["status"] == "lost" for c in everyone)
    assert {(c["type"], c["grade"]) for c in oem} == {("oem", "A")}
    name = everyone[5]["name"]
    assert [c["name"] for c in list_json(demo_dir, "--search", name)] == [name]


def test_list_table_in_both_languages(demo_dir):
    zh = run("--data-dir", str(demo_dir), "--lang", "zh_CN", "list", "customers")
    assert zh.returncode == 0
    header = zh.stdout.splitlines()[0]
    assert header.split()[:3] == ["编号", "名称", "简称"]
    assert "KH00001" in zh.stdout and "共 40 位顾客。" in zh.stdout
    en = run("list", "customers", "--lang", "en", "--data-dir", str(demo_dir))  # options after
    assert en.returncode == 0
    assert en.stdout.splitlines()[0].startswith("Code")
    assert "40 customer(s)." in en.stdout


def test_data_folder_from_the_environment(demo_dir):
    result = run("list", "customers", "--json", env_extra={"QUALITYDESK_DATA_DIR": str(demo_dir)})
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 40


# ---------------------------------------------------------------- import


def register(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["顾客档案"])
    sheet.append(["客户编号", "客户名称", "客户类型", "E-mail", "联系人", "2024年采购额(万元)"])
    for values in rows:
        sheet.append(values)
    workbook.save(path)
    return path


GOOD = [
    ["A001", "长春华通汽车有限公司", "主机厂", "info@huatong.com", "王伟", 120],
    ["A002", "十堰宏达汽配商行", "备件市场", "", "李娜", "35.5"],
]


def test_import_good_file(tmp_path):
    data = tmp_path / "data"
    path = register(tmp_path / "顾客档案.xlsx", GOOD)
    result = run("--data-dir", str(data), "--lang", "zh_CN", "import", "customers", str(path))
    assert result.returncode == 0, result.stderr
    assert "共 2 行:有效 2 行,有误 0 行。" in result.stdout
    assert "已导入 2 位顾客。" in result.stdout
    stored = list_json(data)
    assert [(c["code"], c["name"]) for c in stored] == [
        ("A001", "长春华通汽车有限公司"),
        ("A002", "十堰宏达汽配商行"),
    ]
    assert stored[1]["volumes"] == [
        {"year": 2024, "amount_wan": 35.5},
    ]


def test_import_bad_file_reports_rows_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    bad = [
        *GOOD,
        ["A003", "坏邮箱公司", "主机厂", "sales@@x", "", 1],
        ["a001", "重复", "", "", "", ""],
    ]
    path = register(tmp_path / "bad.xlsx", bad)
    result = run("--data-dir", str(data), "--lang", "zh_CN", "import", "customers", str(path))
    assert result.returncode == 1
    assert "第 5 行,D 列(E-mail):电子邮箱格式不正确" in result.stdout
    assert "第 6 行,A 列(客户编号):编号 a001 在文件中重复(第 3 行)。" in result.stdout
    assert "有 3 行数据有误,未导入任何数据" in one_line(result.stderr)
    assert list_json(data) == []

    dry = run(
        "--data-dir", str(data), "import", "customers", str(path), "--only-valid", "--dry-run"
    )
    assert dry.returncode == 0 and "--dry-run" in dry.stdout
    assert list_json(data) == []

    only = run("--data-dir", str(data), "import", "customers", str(path), "--only-valid")
    assert only.returncode == 0, only.stderr
    assert [c["code"] for c in list_json(data)] == ["A002"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.xlsx", b"just text, not a workbook", "not a valid Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old .xls format"),
        ("missing.xlsx", None, "File not found"),
    ],
)
def test_import_unreadable_file_gives_one_line_and_exit_1(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("--data-dir", str(tmp_path / "data"), "import", "customers", str(path))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert line.startswith("qualitydesk: ") and expected in line


def test_import_without_code_column(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["名称", "地址"])
    workbook.active.append(["华通", "长春"])
    workbook.save(tmp_path / "x.xlsx")
    result = run("--data-dir", str(tmp_path), "import", "customers", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1
    assert "Code" in one_line(result.stderr)


# ---------------------------------------------------------------- export


def test_export_customer_card_pdf(demo_dir, tmp_path):
    target = tmp_path / "card.pdf"
    result = run(
        "--data-dir", str(demo_dir), "export", "customer-card", "kh00003", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "KH00003" in text


def test_export_customers_xlsx_with_filters(demo_dir, tmp_path):
    target = tmp_path / "customers.xlsx"
    result = run(
        "--data-dir", str(demo_dir), "export", "customers", "-o", str(target), "--status", "lost"
    )
    assert result.returncode == 0, result.stderr
    lost_codes = {c["code"] for c in list_json(demo_dir, "--status", "lost")}
    workbook = openpyxl.load_workbook(target, read_only=True)
    cells = {
        str(v) for ws in workbook.worksheets for r in ws.iter_rows(values_only=True) for v in r
    }
    workbook.close()
    assert lost_codes and lost_codes <= cells
    assert not ({"KH00001", "KH00002"} - lost_codes) & cells


def test_unknown_customer_code_gives_one_line_and_exit_1(demo_dir, tmp_path):
    target = tmp_path / "x.pdf"
    result = run(
        "--data-dir", str(demo_dir), "--lang", "zh_CN", "export", "customer-card", "NOPE",
        "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 1
    assert one_line(result.stderr) == "qualitydesk: 找不到编号为 NOPE 的顾客。"
    assert not target.exists()


def test_output_folder_missing_gives_one_line_and_exit_1(demo_dir, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "x.xlsx"
    result = run("--data-dir", str(demo_dir), "export", "customers", "-o", str(target))
    assert result.returncode == 1
    assert "does not exist" in one_line(result.stderr)


def test_unusable_data_folder_gives_one_line_and_exit_1(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("--data-dir", str(blocker), "list", "customers")
    assert result.returncode == 1
    assert "Cannot open the data file" in one_line(result.stderr)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_exported_customer_list_imports_back_unchanged(demo_dir, tmp_path, lang):
    workbook = tmp_path / "list.xlsx"
    exported = run(
        "--data-dir", str(demo_dir), "--lang", lang, "export", "customers", "-o", str(workbook)
    )
    assert exported.returncode == 0, exported.stderr
    fresh = tmp_path / "fresh"
    imported = run("--data-dir", str(fresh), "--lang", lang, "import", "customers", str(workbook))
    assert imported.returncode == 0, imported.stdout + imported.stderr

    def essentials(customer: dict) -> dict:
        kept = {
            k: v for k, v in customer.items() if k not in ("id", "uuid", "created_at", "updated_at")
        }
        # the list holds the first contact only (name and phone), products without notes
        first = customer["contacts"][0]
        kept["contacts"] = [{"name": first["name"], "phone": first["phone"]}]
        kept["products"] = [(p["model"], p["spec"]) for p in customer["products"]]
        return kept

    before = [essentials(c) for c in list_json(demo_dir)]
    after = [essentials(c) for c in list_json(fresh)]
    assert after == before


# ---------------------------------------------------------------- complaint tickets


@pytest.fixture(scope="module")
def complaints_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-complaints")
    result = run(
        "--data-dir", str(folder), "--lang", "zh_CN", "demo", "--customers", "30",
        "--complaints", "24", "--seed", "3",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已添加 24 张演示抱怨单" in result.stdout
    return folder


def complaints_json(folder: Path, *filters: str) -> list[dict]:
    result = run("--data-dir", str(folder), "list", "complaints", "--json", *filters)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class _FirstWrite(io.StringIO):
    """A stdout noting what `read()` says when the first text is written."""

    def __init__(self, read: Callable[[], int]):
        super().__init__()
        self.read = read
        self.at_first: int | None = None

    def reconfigure(self, **_options: object) -> None:
        pass

    def write(self, text: str) -> int:
        if self.at_first is None:
            self.at_first = self.read()
        return super().write(text)


@pytest.mark.parametrize(
    "what, service, reader",
    [
        ("complaints", "complaint_service", "iter_complaints"),
        ("returns", "return_service", "iter_returns"),
        ("customers", "customer_service", "iter_customers"),
    ],
)
def test_json_listings_are_written_as_they_are_read(
    complaints_dir, monkeypatch, what, service, reader
):
    """A JSON listing of 100,000 tickets must not hold them all: the first record is written
    before the second is read."""
    module = importlib.import_module(f"app.services.{service}")
    original = getattr(module, reader)
    read: list[object] = []

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        for record in original(*args, **kwargs):
            read.append(record)
            yield record

    monkeypatch.setattr(module, reader, counted)
    out = _FirstWrite(lambda: len(read))
    monkeypatch.setattr(sys, "stdout", out)
    folder = str(complaints_dir)
    assert cli.main(["--data-dir", folder, "--lang", "en", "list", what, "--json"]) == 0
    assert len(json.loads(out.getvalue())) == len(read) > 2
    assert out.at_first == 1


@pytest.mark.parametrize(
    "records",
    [
        [],
        [{"number": "KS-2026-0001"}],
        [
            {
                "顾客": "长春一汽",
                "描述": "第一行\n第二行",
                "措施": [{"到期": None, "事件": []}, {}],
            },
            {"nested": {"list": [1, 2.5, True, {"deep": ["x"]}]}, "empty": {}},
        ],
    ],
)
def test_a_json_listing_is_the_text_json_dumps_writes(records, capsys):
    print_json(iter(records))
    assert capsys.readouterr().out == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_list_complaints_json_and_filters(complaints_dir):
    tickets = complaints_json(complaints_dir)
    assert len(tickets) == 24
    first = tickets[0]
    for key in ("number", "customer_code", "customer_name", "received_at", "status", "actions"):
        assert key in first
    assert first["number"].startswith("KS-")
    statuses = {t["status"] for t in tickets}
    assert {"open", "closed", "cancelled"} <= statuses

    closed = complaints_json(complaints_dir, "--status", "已结案")
    assert closed and {t["status"] for t in closed} == {"closed"}
    assert len(closed) == sum(t["status"] == "closed" for t in tickets)

    days = sorted(t["received_at"][:10] for t in tickets)
    start, end = days[5], days[15]
    ranged = complaints_json(complaints_dir, "--from", start, "--to", end)
    expected = [
        t["number"]
        for t in tickets
        if start <= datetime.fromisoformat(t["received_at"]).astimezone().date().isoformat() <= end
    ]
    assert [t["number"] for t in ranged] == expected
    assert 0 < len(ranged) < len(tickets)


def test_list_complaints_table(complaints_dir):
    zh = run("--data-dir", str(complaints_dir), "--lang", "zh_CN", "list", "complaints")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[0].split()[:3] == ["编号", "接收时间", "顾客"]
    assert "共 24 张抱怨单" in zh.stdout
    en = run("--data-dir", str(complaints_dir), "--lang", "en", "list", "complaints", "--status", "open")  # fmt: skip
    assert en.stdout.splitlines()[0].startswith("Number")
    open_count = sum(t["status"] == "open" for t in complaints_json(complaints_dir))
    assert f"{open_count} ticket(s)" in en.stdout


def test_from_after_to_gives_one_line_and_exit_1(complaints_dir):
    result = run(
        "--data-dir", str(complaints_dir), "list", "complaints", "--from", "2025-03-01",
        "--to", "2025/1/1",
    )  # fmt: skip
    assert result.returncode == 1
    assert one_line(result.stderr) == "qualitydesk: --from 2025-03-01 is after --to 2025-01-01."


def _ledger_numbers(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]


def test_export_complaint_ledger_everything_and_a_range(complaints_dir, tmp_path):
    target = tmp_path / "总表.xlsx"
    result = run(
        "--data-dir", str(complaints_dir), "--lang", "zh_CN", "export", "complaint-ledger",
        "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已导出 24 张抱怨单" in result.stdout
    tickets = complaints_json(complaints_dir)
    assert _ledger_numbers(target) == [t["number"] for t in tickets]
    ws = openpyxl.load_workbook(target).active
    assert "客户抱怨处理总表" in ws["A1"].value and ws["A2"].value == "编号"

    days = sorted(t["received_at"][:10] for t in tickets)
    ranged = tmp_path / "range.xlsx"
    result = run(
        "--data-dir", str(complaints_dir), "--lang", "zh_CN", "export", "complaint-ledger",
        "--from", days[3], "--to", days[10], "-o", str(ranged),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = [t["number"] for t in complaints_json(complaints_dir, "--from", days[3], "--to", days[10])]  # fmt: skip
    assert _ledger_numbers(ranged) == expected
    assert f"期间:{days[3]} 至 {days[10]}" in openpyxl.load_workbook(ranged).active["A1"].value


def test_export_tracking_list_to_the_default_file(complaints_dir, tmp_path):
    result = run(
        "--data-dir", str(complaints_dir), "--lang", "zh_CN", "export", "tracking-list",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = list(tmp_path.glob("客户抱怨处理追踪一览表-*.xlsx"))
    assert len(written) == 1
    wb = openpyxl.load_workbook(written[0])
    assert wb.sheetnames == ["追踪一览表", "未结案期限"]
    tickets = [t for t in complaints_json(complaints_dir) if t["status"] != "cancelled"]
    rows = sum(max(1, len(t["actions"])) for t in tickets)
    assert wb["追踪一览表"].max_row == 2 + rows
    assert wb["未结案期限"].max_row == 2 + sum(t["status"] == "open" for t in tickets)


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _with_photo(folder: Path) -> dict:
    return next(t for t in complaints_json(folder) if t["attachments"])


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("8d", "客户抱怨处理单"),
        ("quality-feedback", "质量信息反馈表"),
        ("capa", "纠正/预防措施记录表"),
        ("prevent-recurrence", "防止不合格品再发生报告"),
    ],
)
def test_export_complaint_forms_as_pdf(complaints_dir, tmp_path, form, title):
    number = _with_photo(complaints_dir)["number"]
    target = tmp_path / f"{form}.pdf"
    result = run(
        "--data-dir", str(complaints_dir), "--lang", "zh_CN", "export", form, number.lower(),
        "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = _pdf_text(target)
    assert number in text and title in text


def test_8d_report_bilingual_with_the_tickets_photos(complaints_dir, tmp_path):
    ticket = _with_photo(complaints_dir)
    target = tmp_path / "8d.pdf"
    result = run(
        "--data-dir", str(complaints_dir), "export", "8d", ticket["number"], "-o", str(target),
        "--lang", "bilingual",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("已写入")  # messages in Chinese for a bilingual form
    text = _pdf_text(target)
    assert "客户抱怨处理单" in text and "Customer complaint report" in text
    images = [image for page in PdfReader(target).pages for image in page.images]
    assert len(images) == sum(1 for a in ticket["attachments"] if a["file_name"].endswith(".png"))


def test_8d_report_without_a_missing_photo_says_so(complaints_dir, tmp_path):
    ticket = _with_photo(complaints_dir)
    stored = complaints_dir / "attachments" / ticket["attachments"][0]["stored_name"]
    hidden = stored.with_suffix(".hidden")
    stored.rename(hidden)
    try:
        target = tmp_path / "8d.pdf"
        result = run(
            "--data-dir", str(complaints_dir), "export", "8d", ticket["number"], "-o", str(target)
        )
    finally:
        hidden.rename(stored)
    assert result.returncode == 0, result.stderr
    warning = one_line(result.stderr)
    assert warning.startswith("qualitydesk: the file of attachment")
    assert ticket["attachments"][0]["file_name"] in warning
    assert not [image for page in PdfReader(target).pages for image in page.images]


@pytest.mark.parametrize("form", ["8d", "quality-feedback", "capa", "prevent-recurrence"])
def test_unknown_ticket_number_gives_one_line_and_exit_1(complaints_dir, tmp_path, form):
    target = tmp_path / "x.pdf"
    result = run(
        "--data-dir", str(complaints_dir), "--lang", "zh_CN", "export", form, "KS-1999-0001",
        "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 1
    assert one_line(result.stderr) == "qualitydesk: 找不到编号为 KS-1999-0001 的抱怨单。"
    assert not target.exists()


LEDGER_HEADERS = ["抱怨单号", "抱怨日期", "客户编号", "客户名称", "不良类别", "不良现象", "严重程度", "结案状态"]  # fmt: skip


def old_ledger(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2023年客户抱怨处理总表"])
    sheet.append(LEDGER_HEADERS)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:  # what the clerk typed is text in Excel
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.save(path)
    return path


def test_import_complaints_all_or_nothing_then_only_valid(tmp_path):
    data = tmp_path / "data"
    assert (
        run("--data-dir", str(data), "demo", "--customers", "5", "--complaints", "0").returncode
        == 0
    )
    customers = list_json(data)
    code, name = customers[0]["code"], customers[1]["name"]
    path = old_ledger(
        tmp_path / "总表.xlsx",
        [
            [
                "KS-2023-0011",
                "2023-05-06 14:30",
                code,
                "",
                "尺寸不良",
                "孔位偏差",
                "重大",
                "已结案",
            ],
            ["", "2023/6/1", "", name, "外观不良", "=1+1", "一般", "处理中"],
            ["KS-2023-0013", "2023-06-02", "KH99999", "某某公司", "异响", "异响", "一般", ""],
        ],
    )
    result = run("--data-dir", str(data), "--lang", "zh_CN", "import", "complaints", str(path))
    assert result.returncode == 1
    assert "共 3 行:有效 2 行,有误 1 行。" in result.stdout
    assert "第 5 行,C 列(客户编号):顾客档案中没有顾客“KH99999 某某公司”" in result.stdout
    assert "A 抱怨单号 → 编号" in result.stdout
    assert "有 1 行数据有误,未导入任何数据" in one_line(result.stderr)
    assert complaints_json(data) == []

    dry = run("--data-dir", str(data), "import", "complaints", str(path), "--only-valid", "--dry-run")  # fmt: skip
    assert dry.returncode == 0 and "--dry-run" in dry.stdout
    assert complaints_json(data) == []

    only = run("--data-dir", str(data), "--lang", "zh_CN", "import", "complaints", str(path), "--only-valid")  # fmt: skip
    assert only.returncode == 0, only.stderr
    assert "已导入 2 张抱怨单。" in only.stdout
    assert "其中 1 张在旧台账中已结案或作废" in only.stdout
    stored = {t["number"]: t for t in complaints_json(data)}
    assert sorted(stored) == ["KS-2023-0011", "KS-2023-0012"]  # the kept one, then a new one
    assert stored["KS-2023-0011"]["severity"] == "major"
    assert stored["KS-2023-0011"]["status"] == "closed"  # as the old ledger says
    assert "原台账状态:已结案" in stored["KS-2023-0011"]["steps"][7]["content"]
    assert stored["KS-2023-0012"]["description"] == "=1+1"
    assert stored["KS-2023-0012"]["customer_name"] == name

    again = run("--data-dir", str(data), "import", "complaints", str(path))
    assert again.returncode == 1
    assert "Number KS-2023-0011 is already in the data file" in again.stdout


def test_import_complaints_without_required_columns(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["编号", "问题描述"])
    workbook.active.append(["KS-2023-0001", "异响"])
    workbook.save(tmp_path / "x.xlsx")
    result = run("--data-dir", str(tmp_path), "import", "complaints", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "Customer" in line and "Received" in line and "Defect category" in line


# ---------------------------------------------------------------- returns


@pytest.fixture(scope="module")
def returns_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-returns")
    result = run(
        "--data-dir", str(folder), "--lang", "zh_CN", "demo", "--customers", "20",
        "--complaints", "10", "--returns", "16", "--seed", "4",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已添加 16 张演示退货单" in result.stdout
    return folder


def returns_json(folder: Path, *filters: str) -> list[dict]:
    result = run("--data-dir", str(folder), "list", "returns", "--json", *filters)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_list_returns_json_and_filters(returns_dir):
    returns = returns_json(returns_dir)
    assert len(returns) == 16
    first = returns[0]
    for key in ("number", "customer_name", "received_on", "bulk", "status", "lines", "actions"):
        assert key in first
    assert first["number"].startswith("TH-") and "qty_defective" in first["lines"][0]
    assert {"open", "disposed", "archived", "cancelled"} <= {r["status"] for r in returns}
    archived = returns_json(returns_dir, "--status", "已归档")
    assert {r["status"] for r in archived} == {"archived"}
    days = sorted(r["received_on"] for r in returns)
    ranged = returns_json(returns_dir, "--from", days[4], "--to", days[11])
    assert [r["number"] for r in ranged] == [
        r["number"] for r in returns if days[4] <= r["received_on"] <= days[11]
    ]


def test_list_returns_table(returns_dir):
    zh = run("--data-dir", str(returns_dir), "--lang", "zh_CN", "list", "returns")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.splitlines()[0].split()[:3] == ["编号", "接收日期", "顾客"]
    assert "共 16 张退货单" in zh.stdout and "紧急生产" in zh.stdout


def _with_rework(folder: Path) -> dict:
    return next(r for r in returns_json(folder) if any(ln["qty_rework"] for ln in r["lines"]))


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("return-report", "退货接收及检验处置报告"),
        ("rework-order", "重工工令"),
        ("three-guarantees", "不良品(三包件)信息反馈表"),
    ],
)
def test_export_return_forms_as_pdf(returns_dir, tmp_path, form, title):
    number = _with_rework(returns_dir)["number"]
    target = tmp_path / f"{form}.pdf"
    result = run(
        "--data-dir", str(returns_dir), "--lang", "zh_CN", "export", form, number.lower(),
        "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = _pdf_text(target)
    assert number in text and title in text


def test_rework_order_without_rework_and_unknown_number(returns_dir, tmp_path):
    plain = next(
        r for r in returns_json(returns_dir) if not any(ln["qty_rework"] for ln in r["lines"])
    )
    target = tmp_path / "rework.pdf"
    result = run("--data-dir", str(returns_dir), "export", "rework-order", plain["number"], "-o", str(target))  # fmt: skip
    assert result.returncode == 1
    assert (
        one_line(result.stderr) == f"qualitydesk: Return {plain['number']} has no line to rework."
    )
    assert not target.exists()
    result = run("--data-dir", str(returns_dir), "export", "return-report", "TH-1999-0001", "-o", str(target))  # fmt: skip
    assert result.returncode == 1
    assert one_line(result.stderr) == "qualitydesk: No return TH-1999-0001."


def test_export_returns_summary_everything_and_a_range(returns_dir, tmp_path):
    returns = returns_json(returns_dir)
    target = tmp_path / "退货汇总.xlsx"
    result = run("--data-dir", str(returns_dir), "--lang", "zh_CN", "export", "returns-summary", "-o", str(target))  # fmt: skip
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(target)
    assert len(workbook.sheetnames) >= 6
    cells = [str(v) for row in workbook.worksheets[0].iter_rows(values_only=True) for v in row if v is not None]  # fmt: skip
    counted = sum(r["status"] != "cancelled" for r in returns)
    assert str(counted) in cells
    days = sorted(r["received_on"] for r in returns)
    ranged = tmp_path / "range.xlsx"
    result = run(
        "--data-dir", str(returns_dir), "--lang", "zh_CN", "export", "returns-summary",
        "--from", days[2], "--to", days[9], "-o", str(ranged),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first = openpyxl.load_workbook(ranged).worksheets[0]
    text = " ".join(str(v) for row in first.iter_rows(values_only=True) for v in row if v)
    assert days[2] in text and days[9] in text
