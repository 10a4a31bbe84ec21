"""The one settings dialog: every page, one Save that checks every page first (messages next to
the fields, the pages holding one marked, the first shown), nothing stored until all are valid,
Cancel stores nothing; each page's values stored (with the audit trail) once all are valid."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from sqlmodel import Session, select

from app import config
from app.config import Preferences, database_path
from app.models import AuditEntry
from app.services import (
    complaint_settings,
    number_prefixes,
    settings_service,
    summary_targets,
    survey_service,
)
from app.ui.settings.dialog import PAGES, SettingsDialog
from tests.services.complaint_factory import customer
from tests.services.return_factory import book
from tests.trail import trail_changes

NOW = datetime(2026, 3, 10, 12, 0).astimezone()


def _clock() -> datetime:
    return NOW


@pytest.fixture
def prefs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    monkeypatch.delenv(config.DB_URL_ENV, raising=False)
    return tmp_path / "config"


@pytest.fixture
def dialog(qtbot, engine, prefs_dir):
    opened = SettingsDialog(engine, now=_clock, language="zh_CN")
    opened.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # looked at after closing
    qtbot.addWidget(opened)
    return opened


def _trail(engine) -> list[tuple[str, str]]:
    return [(r.entity_uuid, r.field) for r in trail_changes(engine, AuditEntry.entity == "setting")]


def test_every_page_is_in_the_list_and_the_stack(dialog):
    titles = [dialog.page_list.item(row).text() for row in range(dialog.page_list.count())]
    assert titles == [
        "公司与表单", "编号", "列表", "期限", "工作日历",
        "满意度调查目标", "管理目标", "备份", "语言", "本机",
    ]  # fmt: skip
    assert dialog.stack.count() == len(PAGES) == 10
    for row, key in enumerate(PAGES):
        dialog.page_list.setCurrentRow(row)
        assert dialog.stack.currentWidget().widget() is dialog.page(key)
        assert dialog.current_page() == key
    # each page's fields, from the dialogs they replace
    assert dialog.company.company_name.text() == settings_service.DEFAULT_COMPANY
    assert dialog.complaints.number_prefix.text() == "KS"
    assert dialog.complaints.return_prefix.text() == "TH"
    assert dialog.complaints.service_prefix.text() == "FW"
    assert dialog.complaints.visit_prefix.text() == "ZF"
    assert dialog.survey_targets.targets.text() == "95, 97, 98"
    assert dialog.summary_targets.edits["containment_on_time_pct"].text() == "95"
    assert dialog.backups.backup_folder is not None
    assert dialog.language.buttons["zh_CN"].isChecked()
    assert dialog.this_computer.use_file.isChecked()


def test_an_error_on_a_hidden_page_blocks_the_save_and_is_shown_where_it_is(dialog, engine):
    assert dialog.current_page() == "company"
    dialog.company.company_name.setText("浙江精工汽车部件股份有限公司")  # valid, not stored
    dialog.survey_targets.targets.setText("95, abc")
    dialog.summary_targets.edits["max_complaints"].setText("2.5")
    dialog.complaints.return_prefix.setText("KS")  # the complaints' prefix
    dialog.complaints.add_override("2026/13/1", False, "")

    assert not dialog.save()
    assert dialog.result() == 0
    assert dialog.marked_pages() == [
        "numbering",
        "calendar",
        "survey_targets",
        "management_targets",
    ]
    assert dialog.current_page() == "numbering"  # the first page holding an error is shown
    assert dialog.message.text() == "尚未保存:请更正标出的页面。"
    item = dialog.page_list.item(PAGES.index("survey_targets"))
    assert item.icon().cacheKey() != dialog.no_mark_icon.cacheKey()  # the warning mark
    assert item.toolTip() == "此页有错误。"
    # each message next to its field
    assert dialog.complaints.prefix_fields["returns"].error.text() == (
        "前缀 KS 已用于其他记录的编号,请换一个。"
    )
    assert dialog.complaints.prefix_field.error.text() == "前缀 KS 已用于其他记录的编号,请换一个。"
    assert dialog.survey_targets.fields["targets"].error.text() == "不是数字。"
    assert dialog.summary_targets.fields["max_complaints"].error.text() == "抱怨数应为整数。"
    assert dialog.complaints.overrides_error.text() == "第 1 行:日期格式不正确(例:2024-03-15)。"
    assert not dialog.page_list.item(PAGES.index("company")).data(dialog_error_role())
    # nothing stored, from any page
    assert settings_service.load(engine).company_name == settings_service.DEFAULT_COMPANY
    assert number_prefixes.load(engine) == number_prefixes.NumberPrefixes()
    assert _trail(engine) == []
    # what was typed stays, and a corrected page loses its mark on the next Save
    assert dialog.survey_targets.targets.text() == "95, abc"
    dialog.complaints.return_prefix.setText("RT")
    dialog.complaints.remove_selected_overrides()
    dialog.complaints.overrides.selectRow(0)
    dialog.complaints.remove_selected_overrides()
    assert not dialog.save()
    assert dialog.marked_pages() == ["survey_targets", "management_targets"]
    assert dialog.current_page() == "survey_targets"
    assert dialog.complaints.prefix_fields["returns"].error.text() == ""
    assert settings_service.load(engine).company_name == settings_service.DEFAULT_COMPANY


def dialog_error_role():
    from app.ui.settings.dialog import ERROR_ROLE

    return ERROR_ROLE


def test_a_valid_save_stores_every_page(qtbot, dialog, engine, data_dir, prefs_dir):
    chosen: list[str] = []
    dialog.languageChosen.connect(chosen.append)
    dialog.company.company_name.setText("浙江精工汽车部件股份有限公司")
    dialog.company.clerk_name.setText("李静")
    dialog.company.forms_table.item(0, 2).setText("B/1")
    dialog.complaints.number_prefix.setText("QC")
    dialog.complaints.return_prefix.setText("RT")
    dialog.complaints.service_prefix.setText("SR")
    dialog.complaints.visit_prefix.setText("VS")
    dialog.complaints.departments.setPlainText("质量保障部\n模具车间")
    dialog.complaints.rule_amounts["first_reply"].setValue(4)
    dialog.complaints.add_override("2026-03-14", True, "调休上班")
    dialog.survey_targets.targets.setText("96, 98")
    dialog.summary_targets.edits["max_complaints"].setText("24")
    stick = data_dir.parent / "stick"
    assert dialog.backups.backup_folder.set_folder(stick)
    dialog.language.buttons["en"].setChecked(True)
    dialog.this_computer.user_name.setText("王五")

    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.saved, timeout=10000)  # after the deadlines
    assert dialog.complaints.recomputed == 0  # no open ticket to update
    form = settings_service.load(engine)
    assert (form.company_name, form.clerk_name) == ("浙江精工汽车部件股份有限公司", "李静")
    assert form.form("customer_card").revision == "B/1"
    stored = complaint_settings.load(engine)
    assert stored.number_prefix == "QC" and stored.departments == ["质量保障部", "模具车间"]
    assert stored.rules["first_reply"].amount == 4
    assert [(o.day, o.working) for o in stored.calendar_overrides] == [(date(2026, 3, 14), True)]
    assert number_prefixes.load(engine) == number_prefixes.NumberPrefixes("RT", "SR", "VS")
    assert survey_service.load_settings(engine).targets == [96, 98]
    assert summary_targets.load_targets(engine).max_complaints == 24
    prefs = Preferences.load()
    assert prefs.user_name == "王五"
    assert prefs.backup_folder_for(database_path(data_dir)) == stick
    assert chosen == ["en"]
    # audited as the services did: each changed value, under who saved it
    trail = _trail(engine)
    for entry in (
        ("forms", "company_name"),
        ("complaints", "number_prefix"),
        ("complaints", "rules.first_reply"),
        ("number_prefixes", "returns"),
        ("survey", "targets"),
        ("summary_targets", "max_complaints"),
    ):
        assert entry in trail
    with Session(engine) as session:
        users = set(session.exec(select(AuditEntry.user)).all())
    assert users == {"王五"}


def test_cancel_stores_nothing(dialog, engine, prefs_dir):
    dialog.company.company_name.setText("别的公司")
    dialog.complaints.return_prefix.setText("RT")
    dialog.this_computer.user_name.setText("王五")
    dialog.reject()
    assert settings_service.load(engine).company_name == settings_service.DEFAULT_COMPANY
    assert number_prefixes.load(engine).returns == "TH"
    assert Preferences.load().user_name is None
    assert _trail(engine) == []


def test_saving_unchanged_pages_writes_nothing(dialog, engine):
    assert dialog.save() and dialog.saved
    assert _trail(engine) == []
    assert Preferences.load().user_name is None


def test_a_new_return_prefix_numbers_the_next_return_and_leaves_the_old(qtbot, engine, prefs_dir):
    c = customer(engine)
    old = book(engine, c)
    dialog = SettingsDialog(engine, page="numbering", now=_clock)
    qtbot.addWidget(dialog)
    assert dialog.current_page() == "numbering"
    dialog.complaints.return_prefix.setText(" rt ")
    assert dialog.save()
    new = book(engine, c)
    assert (old.number, new.number) == ("TH-2026-0001", "rt-2026-0001")
    from app.services import return_service

    assert return_service.get(engine, old.id).number == "TH-2026-0001"


def test_the_settings_menu_opens_the_dialog_and_the_tabs_open_their_page(qtbot, window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    entries = {a.text(): a for a in menus["设置(&S)"].actions()}
    assert list(entries) == ["设置…"]
    assert entries["设置…"].shortcut() == QKeySequence("Ctrl+,")
    assert "语言(&L)" in menus  # the quick switch stays
    entries["设置…"].trigger()
    opened = [w for w in window.findChildren(SettingsDialog) if w.isVisible()]
    assert len(opened) == 1 and opened[0].current_page() == "company"
    opened[0].reject()

    dialog = window.overview_tab.edit_targets()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, SettingsDialog)
    assert dialog.current_page() == "management_targets"
    dialog.reject()


def test_a_language_chosen_in_the_settings_switches_the_window(qtbot, window):
    dialog = window.open_settings("language")
    dialog.language.buttons["en"].setChecked(True)
    with qtbot.waitSignal(window.languageChangeRequested, timeout=2000) as switched:
        assert dialog.save()
    assert switched.args == ["en"]


def test_on_a_server_the_backups_page_names_the_administrator(qtbot, prefs_dir):
    from sqlalchemy import create_engine

    from app.ui.settings.general_pages import BackupsPage

    page = BackupsPage(create_engine("postgresql+psycopg://qd@server/qualitydesk"))
    qtbot.addWidget(page)
    assert page.backup_folder is None
    assert "服务器管理员" in page.intro.text()
    assert not page.changed()


def test_a_laptop_sees_its_code_in_the_numbers(qtbot, engine, prefs_dir):
    from app.services import machine

    machine.set_machine_code(engine, "L1", "admin")
    dialog = SettingsDialog(engine, page="numbering", now=_clock)
    qtbot.addWidget(dialog)
    page = dialog.page("numbering")
    texts = [label.text() for label in page.findChildren(type(page.intro))]
    assert "FW-L1-2026-0001" in texts
    assert any("笔记本电脑 L1" in text for text in texts)
