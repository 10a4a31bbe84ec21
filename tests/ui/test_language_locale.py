"""Dates, times and numbers in the window as the UI language's locale writes them; what the user
types keeps its year-first form."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale

from app.services import customer_service
from app.ui.customers.table_model import CustomerTableModel
from app.ui.locale_format import (
    count_text,
    date_text,
    datetime_text,
    decimal_text,
    locale_for,
    number_text,
    percent_text,
)
from app.ui.overview.kpi_table import FIGURES
from app.ui.widgets.date_field import DateField

L = QLocale
CHINA = L(L.Language.Chinese, L.Country.China)
US = L(L.Language.English, L.Country.UnitedStates)
UK = L(L.Language.English, L.Country.UnitedKingdom)
INDIA = L(L.Language.English, L.Country.India)
GERMANY_ENGLISH = L(L.Language.English, L.Country.Germany)  # English words, German numbers


def test_dates_as_each_locale_writes_them_with_four_digit_years():
    day = date(2026, 3, 5)
    assert date_text(day, CHINA) == "2026/3/5"
    assert date_text(day, US) == "3/5/2026"  # the locale writes 3/5/26: the year stays whole
    assert date_text(day, UK) == "05/03/2026"
    assert date_text(None, CHINA) == ""


def test_date_and_time_in_each_locale():
    moment = datetime(2026, 3, 5, 14, 30)  # a naive time is shown as it is
    assert datetime_text(moment, CHINA) == "2026/3/5 14:30"
    assert datetime_text(moment, US).replace("\u202f", " ") == "3/5/2026 2:30 PM"
    assert datetime_text(moment, UK) == "05/03/2026 14:30"
    assert datetime_text(None, CHINA) == ""


def test_counts_with_thousands_separators_and_decimals_with_the_locale_mark():
    assert count_text(1234567, CHINA) == "1,234,567"
    assert count_text(1234567, US) == "1,234,567"
    assert count_text(1234567, INDIA) == "12,34,567"
    assert count_text(None, CHINA) == ""
    assert number_text(1200.5, 2, CHINA) == "1,200.50"
    assert number_text(1200.5, 2, GERMANY_ENGLISH) == "1.200,50"
    assert percent_text(97.5, 1, CHINA) == "97.5 %"
    assert percent_text(97.5, 1, GERMANY_ENGLISH) == "97,5 %"
    assert percent_text(None, 1, CHINA) == "—"
    assert decimal_text(1200, 3, CHINA) == "1,200"
    assert decimal_text(2.5, 3, CHINA) == "2.5"
    assert decimal_text(2.5, 3, GERMANY_ENGLISH) == "2,5"


def test_the_ui_language_chooses_the_locale(monkeypatch):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: L(L.Language.C)))
    assert locale_for("zh_CN").name() == "zh_CN"
    assert locale_for("en").name() == "en_US"  # a PC not set to English
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: UK))
    assert locale_for("en").name() == "en_GB"  # an English PC's own conventions
    assert locale_for("zh_CN").name() == "zh_CN"
    taiwan = L(L.Language.Chinese, L.Script.TraditionalChineseScript, L.Country.Taiwan)
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: taiwan))
    assert locale_for("zh_CN").name() == "zh_CN"  # the UI is Simplified Chinese


@pytest.mark.parametrize(
    ("language", "since", "volume", "received", "claims", "satisfaction"),
    [
        ("zh_CN", "2019/4/1", "12,345.60 (2025)", "1,234", "1,200.50", "97.5 %"),
        ("en", "4/1/2019", "12,345.60 (2025)", "1,234", "1,200.50", "97.5 %"),
    ],
)
def test_lists_and_figures_follow_the_language(
    qtbot, engine, chinese_ui, monkeypatch, language, since, volume, received, claims, satisfaction
):
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: L(L.Language.C)))
    chinese_ui.apply(language)
    data = customer_service.CustomerData(
        code="KH-0001",
        name="浙江恒通汽车部件有限公司",
        cooperation_since=date(2019, 4, 1),
        volumes=[customer_service.VolumeData(year=2025, amount_wan=12345.6)],
    )
    customer_service.create(engine, data, user="测试")
    model = CustomerTableModel(engine)
    model.reload()
    qtbot.waitUntil(lambda: not model.loading)
    assert model.index(0, model.COL_SINCE).data() == since
    assert model.index(0, model.COL_VOLUME).data() == volume

    figures = {figure.key: figure for figure in FIGURES}
    assert figures["received"].text(1234) == received
    assert figures["claims_amount"].text(1200.5) == claims
    assert figures["satisfaction_pct"].text(97.5) == satisfaction

    # a typed date keeps its year-first form in both languages
    field = DateField()
    qtbot.addWidget(field)
    field.set_date(date(2019, 4, 1))
    assert field.text() == "2019-04-01"
