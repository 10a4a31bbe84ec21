"""Customer files: validation, audit trail, search, the data file itself and the layer rule."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import Session, select

from app.db import alembic_config, open_database
from app.models import CustomerContact, CustomerProduct
from app.services import customer_service
from app.services.customer_service import (
    ContactData,
    CustomerData,
    CustomerFilter,
    ProductData,
    VolumeData,
)
from app.services.validation import ValidationError

ROOT = Path(__file__).resolve().parents[2]


def make(code: str = "KH001", name: str = "长春华通汽车有限公司", **kwargs) -> CustomerData:
    return CustomerData(code=code, name=name, **kwargs)


def full_customer() -> CustomerData:
    return make(
        short_name="华通",
        type="oem",
        address="吉林省长春市绿园区解放大路88号",
        phone="0431-85551234",
        fax="0431-85551235",
        email="info@huatong.com",
        sales_rep="陈建军",
        cooperation_since=date(2019, 3, 1),
        grade="A",
        contacts=[
            ContactData("王伟", "采购部", "采购经理", "13812345678", "wangwei@huatong.com"),
            ContactData("李娜", "质量部", "SQE", "0431-85551234转801", ""),
        ],
        products=[ProductData("QDJ2040", "起动机 24V 5.5kW"), ProductData("JFZ2707", "发电机")],
        volumes=[VolumeData(2023, 120.0), VolumeData(2024, 98.5)],
    )


def errors_of(engine, data: CustomerData) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        customer_service.create(engine, data, "tester")
    return {path: err.code for path, err in caught.value.errors.items()}


# ---------------------------------------------------------------- create / update / delete


def test_create_stores_the_whole_file_and_writes_the_trail(engine):
    stored = customer_service.create(engine, full_customer(), "张会计")

    again = customer_service.get_by_code(engine, "kh001")
    assert again is not None and again.id == stored.id
    assert again.name == "长春华通汽车有限公司"
    assert [c.name for c in again.contacts] == ["王伟", "李娜"]
    assert again.contacts[1].phone == "0431-85551234转801"
    assert [(p.model, p.spec) for p in again.products][0] == ("QDJ2040", "起动机 24V 5.5kW")
    assert [(v.year, v.amount_wan) for v in again.volumes] == [(2023, 120.0), (2024, 98.5)]
    assert again.cooperation_since == date(2019, 3, 1)

    trail = {row.field: row for row in customer_service.history(engine, again)}
    assert {row.action for row in trail.values()} == {"create"}
    assert {row.user for row in trail.values()} == {"张会计"}
    assert trail["name"].old_value is None
    assert trail["name"].new_value == "长春华通汽车有限公司"
    assert trail["contacts[2].phone"].new_value == "0431-85551234转801"
    assert trail["volumes[2024]"].new_value == "98.5"
    assert trail["cooperation_since"].new_value == "2019-03-01"


def test_update_records_each_changed_field_with_old_and_new_value(engine):
    stored = customer_service.create(engine, full_customer(), "a")
    stored.phone = "0431-85550000"
    stored.contacts[0].title = "采购部长"
    stored.volumes.append(VolumeData(2025, 80.0))
    customer_service.update(engine, stored, "b")

    updates = [r for r in customer_service.history(engine, stored) if r.action == "update"]
    changed = {r.field: (r.old_value, r.new_value, r.user) for r in updates}
    assert changed == {
        "phone": ("0431-85551234", "0431-85550000", "b"),
        "contacts[1].title": ("采购经理", "采购部长", "b"),
        "volumes[2025]": (None, "80", "b"),
    }
    assert customer_service.get(engine, stored.id).phone == "0431-85550000"


def test_update_without_changes_writes_no_trail(engine):
    stored = customer_service.create(engine, full_customer(), "a")
    customer_service.update(engine, stored, "b")
    assert not [r for r in customer_service.history(engine, stored) if r.action == "update"]


def test_delete_keeps_every_value_in_the_trail_and_removes_children(engine):
    stored = customer_service.create(engine, full_customer(), "a")
    customer_service.delete_customer(engine, stored.id, "c")

    assert customer_service.get(engine, stored.id) is None
    deleted = {r.field: r for r in customer_service.history(engine, stored) if r.action == "delete"}
    assert deleted["name"].old_value == "长春华通汽车有限公司"
    assert deleted["name"].new_value is None
    assert deleted["contacts[1].name"].old_value == "王伟"
    assert {r.user for r in deleted.values()} == {"c"}
    with Session(engine) as session:
        assert session.exec(select(CustomerContact)).all() == []
        assert session.exec(select(CustomerProduct)).all() == []


# ---------------------------------------------------------------- validation


def test_code_and_name_are_required(engine):
    assert errors_of(engine, make(code="  ", name="")) == {"code": "required", "name": "required"}


def test_code_is_unique_ignoring_case(engine):
    customer_service.create(engine, make(code="KH001"), "a")
    errors = errors_of(engine, make(code="kh001", name="另一家"))
    assert errors == {"code": "code_taken"}


def test_code_taken_message_names_the_owner_in_both_languages(engine):
    customer_service.create(engine, make(code="KH001"), "a")
    with pytest.raises(ValidationError) as caught:
        customer_service.create(engine, make(code="KH001", name="x"), "a")
    assert "长春华通汽车有限公司" in caught.value.messages("zh_CN")["code"]
    assert caught.value.messages("en")["code"].startswith("Code KH001 is already used")


def test_update_may_keep_its_own_code_but_not_take_another(engine):
    first = customer_service.create(engine, make(code="KH001"), "a")
    second = customer_service.create(engine, make(code="KH002", name="二"), "a")
    first.code = "kh001"
    assert customer_service.update(engine, first, "a").code == "kh001"
    second.code = "KH001"
    with pytest.raises(ValidationError) as caught:
        customer_service.update(engine, second, "a")
    assert caught.value.errors["code"].code == "code_taken"


@pytest.mark.parametrize("bad", ["name@", "name.company.com", "a b@c.com", "x@y"])
def test_email_shape(engine, bad):
    assert errors_of(engine, make(email=bad)) == {"email": "email_shape"}


@pytest.mark.parametrize("good", ["0571-88881234", "138 1234 5678", "0431-85551234转801"])
def test_phone_shapes_that_are_accepted(engine, good):
    customer_service.create(
        engine, make(phone=good, contacts=[ContactData("王伟", phone=good)]), "a"
    )


@pytest.mark.parametrize("bad", ["abc", "1234", "0571-8888abcd"])
def test_phone_shape_is_checked_for_company_fax_and_contacts(engine, bad):
    data = make(phone=bad, fax=bad, contacts=[ContactData("王伟", phone=bad, email="bad")])
    assert errors_of(engine, data) == {
        "phone": "phone_shape",
        "fax": "phone_shape",
        "contacts[0].phone": "phone_shape",
        "contacts[0].email": "email_shape",
    }


def test_contact_without_name_and_product_without_model(engine):
    data = make(contacts=[ContactData(phone="13812345678")], products=[ProductData(spec="24V")])
    assert errors_of(engine, data) == {
        "contacts[0].name": "required",
        "products[0].model": "required",
    }


def test_volume_must_not_be_negative_and_years_not_repeat(engine):
    data = make(volumes=[VolumeData(2023, -1.0), VolumeData(2024, 5.0), VolumeData(2024, 6.0)])
    assert errors_of(engine, data) == {
        "volumes[0].amount_wan": "negative",
        "volumes[2].year": "year_duplicate",
    }


def test_cooperation_date_cannot_be_in_the_future(engine):
    tomorrow = date.today() + timedelta(days=1)
    assert errors_of(engine, make(cooperation_since=tomorrow)) == {
        "cooperation_since": "date_future"
    }
    customer_service.create(engine, make(cooperation_since=date.today()), "a")


def test_type_status_and_grade_must_be_known(engine):
    assert errors_of(engine, make(type="oem2", status="gone", grade="E")) == {
        "type": "choice",
        "status": "choice",
        "grade": "choice",
    }


def test_create_many_is_all_or_nothing(engine):
    good = make(code="KH001")
    bad = make(code="KH002", email="broken")
    with pytest.raises(ValidationError):
        customer_service.create_many(engine, [good, bad], "a")
    assert customer_service.count(engine) == 0


# ---------------------------------------------------------------- search, filters, sorting


@pytest.fixture
def three(engine):
    customer_service.create(
        engine,
        make(
            code="KH001",
            name="长春华通汽车有限公司",
            short_name="华通",
            type="oem",
            grade="A",
            phone="0431-85551234",
            contacts=[ContactData("王伟", phone="13812345678"), ContactData("赵敏")],
            volumes=[VolumeData(2023, 150), VolumeData(2024, 90)],
        ),
        "a",
    )
    customer_service.create(
        engine,
        make(
            code="KH002",
            name="十堰宏达汽配商行",
            short_name="宏达",
            type="aftermarket",
            grade="C",
            status="lost",
            contacts=[ContactData("李娜", phone="13999990000")],
        ),
        "a",
    )
    customer_service.create(
        engine,
        make(code="AB100", name="柳州远航运输有限公司", short_name="远航100%", type="end_user"),
        "a",
    )
    return engine


def codes(engine, flt=None, sort="code", descending=False) -> list[str]:
    ids = customer_service.search_ids(engine, flt, sort, descending)
    rows = customer_service.rows_for_ids(engine, ids)
    return [rows[i].code for i in ids]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kh00", ["KH001", "KH002"]),  # code, case-insensitive
        ("宏达汽配", ["KH002"]),  # name
        ("华通", ["KH001"]),  # short name
        ("李娜", ["KH002"]),  # contact name
        ("赵敏", ["KH001"]),  # second contact
        ("1399999", ["KH002"]),  # contact phone
        ("85551234", ["KH001"]),  # company phone
        ("100%", ["AB100"]),  # % is not a wildcard
        ("无此顾客", []),
    ],
)
def test_search_text(three, text, expected):
    assert codes(three, CustomerFilter(text=text)) == expected


def test_filters(three):
    assert codes(three, CustomerFilter(type="aftermarket")) == ["KH002"]
    assert codes(three, CustomerFilter(status="active")) == ["AB100", "KH001"]
    assert codes(three, CustomerFilter(grade="A")) == ["KH001"]
    assert codes(three, CustomerFilter(text="KH", status="active")) == ["KH001"]


def test_sort_ascending_and_descending(three):
    assert codes(three) == ["AB100", "KH001", "KH002"]
    assert codes(three, descending=True) == ["KH002", "KH001", "AB100"]
    by_name = codes(three, sort="name")
    assert by_name == list(reversed(codes(three, sort="name", descending=True)))


def test_rows_for_ids_give_first_contact_and_latest_volume(three):
    ids = customer_service.search_ids(three, CustomerFilter(text="KH001"))
    row = customer_service.rows_for_ids(three, ids)[ids[0]]
    assert (row.contact, row.contact_phone) == ("王伟", "13812345678")
    assert (row.latest_volume_year, row.latest_volume_wan) == (2024, 90)
    assert customer_service.rows_for_ids(three, []) == {}


def test_list_customers_gives_whole_files_in_list_order(three):
    listed = customer_service.list_customers(three, CustomerFilter(status="active"), sort="name")
    assert {c.code for c in listed} == {"KH001", "AB100"}
    kh001 = next(c for c in listed if c.code == "KH001")
    assert [c.name for c in kh001.contacts] == ["王伟", "赵敏"]


def test_labels_in_both_languages():
    assert customer_service.type_label("aftermarket", "zh_CN") == "备件市场"
    assert customer_service.type_label("aftermarket", "en") == "Aftermarket"
    assert customer_service.status_label("lost", "zh_CN") == "已流失"


# ---------------------------------------------------------------- the data file


def test_database_is_migrated_with_foreign_keys_on_and_wal(data_dir):
    engine = open_database(data_dir)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables = {
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                )
            }
        assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert {"customer", "customer_contact", "audit_entry", "setting"} <= tables
        customer_service.create(engine, make(), "a")
    finally:
        engine.dispose()
    # opening again migrates nothing away
    engine = open_database(data_dir)
    try:
        assert customer_service.get_by_code(engine, "KH001") is not None
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the layer rule

LAYERS = ("app/models", "app/services", "app/reports")


_IMPORT_LINE = re.compile(r"^\s*(?:import|from)\s+PySide6\b", re.MULTILINE)


def _qt_imports(path: Path) -> list[int]:
    """Line numbers that import PySide6: statements, import_module("PySide6…"), __import__."""
    source = path.read_text(encoding="utf-8")
    lines = {source[: m.start()].count("\n") + 1 for m in _IMPORT_LINE.finditer(source)}
    for node in ast.walk(ast.parse(source, str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        if any(n.split(".")[0] == "PySide6" for n in names):
            lines.add(node.lineno)
    return sorted(lines)


def test_qt_import_scan_finds_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom PySide6.QtCore import QObject\n"
        "def f():\n    import PySide6\n    importlib.import_module('PySide6.QtGui')\n",
        encoding="utf-8",
    )
    assert _qt_imports(sample) == [2, 4, 5]


def test_no_pyside6_import_in_models_services_reports_source():
    files = [p for layer in LAYERS for p in sorted((ROOT / layer).rglob("*.py"))]
    assert any(p.name == "customer_service.py" for p in files)
    offenders = [f"{p.relative_to(ROOT)}:{n}" for p in files for n in _qt_imports(p)]
    assert offenders == []


def test_importing_every_model_service_and_report_module_loads_no_qt():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        import app.models, app.services, app.reports
        loaded = []
        for package in (app.models, app.services, app.reports):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                importlib.import_module(info.name)
                loaded.append(info.name)
        assert "app.services.customer_service" in loaded, loaded
        qt = sorted(name for name in sys.modules if name.split(".")[0] == "PySide6")
        print(len(loaded), qt)
        sys.exit(1 if qt else 0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unknown_type_is_explained_with_the_words_the_clerk_knows(engine):
    with pytest.raises(ValidationError) as caught:
        customer_service.create(engine, CustomerData(code="KH9", name="甲", type="truck"), "t")
    assert "主机厂" in caught.value.messages("zh_CN")["type"]
