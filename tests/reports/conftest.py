"""Sample customer files and helpers for reading reports back."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from app.services.customer_service import ContactData, CustomerData, ProductData, VolumeData
from app.services.settings_service import FormSettings

CONTACT_NAMES = ["王建国", "李娜", "张伟", "刘洋", "陈静"]


def _make_customer(n_contacts: int = 3, **overrides: object) -> CustomerData:
    """A Chinese OEM customer with contacts, three products and three years of volume."""
    data = CustomerData(
        code="C-0001",
        name="上海华东汽车零部件制造有限公司",
        short_name="华东汽配",
        type="oem",
        address="上海市嘉定区安亭镇墨玉南路888号",
        phone="021-69581234",
        fax="021-69581235",
        email="purchase@huadong-auto.com.cn",
        sales_rep="赵敏",
        cooperation_since=date(2015, 3, 1),
        grade="A",
        status="active",
        potential=True,
        notes="每月第一周对账；质量问题请先联系质量部。",
        contacts=[
            ContactData(
                name=f"{CONTACT_NAMES[i % 5]}{i:02d}",
                department="采购部" if i % 2 else "质量部",
                title="经理",
                phone=f"1380013{i:04d}",
                email=f"user{i}@huadong-auto.com.cn",
            )
            for i in range(n_contacts)
        ],
        products=[
            ProductData("QD-200", "制动钳总成", "主供"),
            ProductData("QD-310A", "真空助力器", ""),
            ProductData("QD-88", "制动主缸", "2023年起停供"),
        ],
        volumes=[VolumeData(2023, 986.0), VolumeData(2022, 1234.5), VolumeData(2024, 1520.75)],
        id=1,
        created_at=datetime(2020, 5, 6, 4, 0, tzinfo=UTC),
        updated_at=datetime(2024, 11, 2, 4, 30, tzinfo=UTC),
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def make_customer():  # noqa: ANN201
    """Factory: make_customer(n_contacts=3, **field_overrides) -> CustomerData."""
    return _make_customer


@pytest.fixture
def customer() -> CustomerData:
    return _make_customer()


@pytest.fixture
def settings() -> FormSettings:
    return FormSettings(company_name="宁波精工汽车部件股份有限公司", clerk_name="周小红")


def _require_tool(name: str) -> str:
    """Path of a command-line tool; skip without it, except in CI where it must be installed."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def require_tool():  # noqa: ANN201
    """require_tool(name) -> path; skips without the tool, except in CI where it must exist."""
    return _require_tool


@pytest.fixture
def pdftotext(tmp_path):  # noqa: ANN001, ANN201
    """pdftotext(pdf_bytes, layout=False) -> the text poppler extracts."""

    def run(pdf: bytes, layout: bool = False) -> str:
        tool = _require_tool("pdftotext")
        source = tmp_path / "pdftotext-input.pdf"
        source.write_bytes(pdf)
        args = [tool, "-enc", "UTF-8", *(["-layout"] if layout else []), str(source), "-"]
        done = subprocess.run(args, check=True, capture_output=True, timeout=60)
        return done.stdout.decode("utf-8")

    return run
