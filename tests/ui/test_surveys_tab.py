"""The surveys tab driven like the quality clerk: a whole answer typed with the keyboard only,
save and next, late and partial answers, a closed campaign read-only, a new campaign's coverage
following the ticks, the questionnaires printed as one PDF, the results and improvement actions."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services import customer_service, survey_campaigns, survey_coverage, survey_service
from app.services.customer_service import ContactData, CustomerData, VolumeData
from app.services.survey_coverage import proposals
from app.services.survey_data import AnswerData
from app.ui.signals import DataHub
from app.ui.surveys.campaign_dialog import CampaignDialog
from app.ui.surveys.results_panel import ImprovementActionDialog
from app.ui.surveys.tab import VIEW_ANSWERS, SurveysTab
from app.ui.surveys.table_models import InviteeTableModel, ProposalModel
from app.ui.widgets.history_table import HistoryTable

CTRL = Qt.KeyboardModifier.ControlModifier


def _customer(engine, code, name, volume=None, since=date(2015, 1, 1), potential=False, contact=""):
    return customer_service.create(
        engine,
        CustomerData(
            code=code, name=name, cooperation_since=since, potential=potential,
            volumes=[VolumeData(date.today().year - 1, volume)] if volume is not None else [],
            contacts=[ContactData(name=contact, phone="0571-8888000")] if contact else [],
        ),
        "t",
    )  # fmt: skip


@pytest.fixture
def customers(engine):
    """Two ≥ 100万, one 50–100万, one small of long standing, one small of 1 year, one < 1 year."""
    return {
        "a1": _customer(engine, "KH-01", "浙江恒通汽车部件有限公司", 150, contact="王经理"),
        "a2": _customer(engine, "KH-02", "江苏远航机械制造有限公司", 120),
        "m1": _customer(engine, "KH-03", "上海远航汽车电器有限公司", 60),
        "y1": _customer(engine, "KH-04", "杭州凯迪汽配商行", 10, since=date(2018, 1, 1)),
        "o1": _customer(
            engine, "KH-05", "长沙汇达汽车部件有限公司", 5, since=date(date.today().year - 2, 9, 1)
        ),
        "d1": _customer(
            engine, "KH-06", "太原东驰汽车有限公司", 80, since=date.today() - timedelta(days=40)
        ),
    }


def _campaign(engine, answer_by=None):
    """This year's campaign; answers due a month from now unless said otherwise."""
    data = survey_service.new_campaign(engine, date.today().year, "year")
    data.answer_by = answer_by or date.today() + timedelta(days=30)
    return survey_service.create_campaign(engine, data, "t")


@pytest.fixture
def hub(answers):  # message boxes never block
    return DataHub()


@pytest.fixture
def tab(qtbot, engine, hub):
    widget = SurveysTab(engine, hub)
    qtbot.addWidget(widget)
    widget.resize(1366, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _keys(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char)


def _focused():
    return QApplication.focusWidget()


def _answer_modal(cls, fill, results: list) -> None:
    """When a `cls` dialog runs modally, fill it and press OK; never hangs."""
    tries = {"left": 200}

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            tries["left"] -= 1
            if tries["left"]:
                QTimer.singleShot(10, handle)
            return
        fill(dialog)
        dialog.accept()
        if dialog.isVisible():
            results.append({k: f.error.text() for k, f in dialog.fields.items() if f.error.text()})
            dialog.reject()
        else:
            results.append("accepted")

    QTimer.singleShot(0, handle)


def _store(engine, campaign, customer, levels, **values):
    data = survey_service.blank_response(engine, campaign.id, customer.id)
    data.answers = [replace(a, level=level) for a, level in zip(data.answers, levels, strict=True)]
    for key, value in values.items():
        setattr(data, key, value)
    return survey_service.save_response(engine, data, "t")


# ---------------------------------------------------------------- answers by keyboard


def test_a_whole_survey_entered_with_the_keyboard_only(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    tab.enter_answers(campaign.id)
    answers = tab.answers
    assert tab.views.currentIndex() == VIEW_ANSWERS
    assert answers.model.rowCount() == 4  # all, most, many; not the optional or daily ones
    assert answers.progress_label.text() == "已答复 0 / 4"

    answers.view.setFocus()  # the list takes the first invitee as current
    qtbot.keyClick(answers.view, Qt.Key.Key_Down)
    qtbot.keyClick(answers.view, Qt.Key.Key_Up)  # arrows pick the invitee
    qtbot.keyClick(answers.view, Qt.Key.Key_Return)  # open it: the cursor goes to the form
    assert answers.customer_id == customers["a1"].id
    assert _focused() is answers.form.respondent
    assert answers.form.respondent.text() == "王经理"  # from the customer's contact
    qtbot.keyClick(_focused(), Qt.Key.Key_A, CTRL)
    _keys(qtbot, _focused(), "Li Lei")
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.respondent_title
    _keys(qtbot, _focused(), "QA manager")
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.answered_on.line  # today, as prefilled
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.method
    qtbot.keyClick(_focused(), Qt.Key.Key_Down)  # phone → e-mail
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.surveyor
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    grid = answers.form.grid
    assert _focused() is grid
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, 2)  # first level
    # seven items: level, then the competitor comparison, row after row
    _keys(qtbot, grid, "5b4s2w5s4s3s")
    qtbot.keyClick(grid, Qt.Key.Key_5)
    qtbot.keyClick(grid, Qt.Key.Key_B)
    assert grid.model().index(2, 2).data() == "2 不满意"
    assert answers.form.index_label.text().startswith("指数 81.0 %")
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert _focused() is answers.form.keep_buying
    qtbot.keyClick(_focused(), Qt.Key.Key_Down)  # 会
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.recommend
    _keys(qtbot, _focused(), "9")
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert _focused() is answers.form.comments
    _keys(qtbot, _focused(), "Fast delivery")
    assert answers.form.dirty
    qtbot.keyClick(_focused(), Qt.Key.Key_S, CTRL)

    stored = survey_service.get_response(engine, campaign.id, customers["a1"].id)
    assert stored is not None
    assert [a.level for a in stored.answers] == [5, 4, 2, 5, 4, 3, 5]
    assert [a.competitor for a in stored.answers] == [
        "better", "same", "worse", "same", "same", "same", "better"]  # fmt: skip
    # 25·100 + 20·80 + 15·40 + 10·100 + 10·80 + 10·60 + 10·100 = 8100 over 100 weight
    assert stored.index_pct == pytest.approx(81.0)
    assert (stored.respondent, stored.respondent_title) == ("Li Lei", "QA manager")
    assert (stored.method, stored.keep_buying, stored.recommend) == ("email", "yes", 9)
    assert stored.comments == "Fast delivery" and stored.answered_on == date.today()
    assert not stored.late and not stored.partial
    assert not answers.form.dirty
    assert "81.0 %" in answers.header.text() and "已答复" in answers.header.text()
    assert "81.0 %" in answers.message.text()
    row = answers.model.row_of(customers["a1"].id)
    assert answers.model.index(row, InviteeTableModel.COL_STATE).data() == "已答复"
    assert answers.progress_label.text() == "已答复 1 / 4"

    # Ctrl+Enter: save (nothing changed) and go on to the next customer who has not answered
    qtbot.keyClick(answers.form.comments, Qt.Key.Key_Return, CTRL)
    assert answers.customer_id == customers["a2"].id
    assert answers.response.id is None
    assert _focused() is answers.form.respondent
    assert all(a.level is None for a in answers.form.grid.answers())


def test_save_and_next_stores_and_moves_on(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    _store(engine, campaign, customers["a2"], [5] * 7)
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["a1"].id)
    answers.form.grid.setFocus()
    _keys(qtbot, answers.form.grid, "4")
    qtbot.keyClick(answers.form.grid, Qt.Key.Key_Enter, CTRL)
    assert survey_service.get_response(engine, campaign.id, customers["a1"].id) is not None
    assert answers.customer_id == customers["m1"].id  # a2 has answered already: skipped


def test_late_and_partial_answers_are_accepted_and_marked(qtbot, engine, customers, tab):
    campaign = _campaign(engine, answer_by=date.today() - timedelta(days=1))
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["m1"].id)
    grid = answers.form.grid
    grid.setFocus()
    _keys(qtbot, grid, "4s3")  # two of seven items
    assert "2 / 7" in answers.form.index_label.text()
    assert answers.save()
    stored = survey_service.get_response(engine, campaign.id, customers["m1"].id)
    assert stored.late and stored.partial
    assert [a.level for a in stored.answers][:3] == [4, 3, None]
    assert stored.index_pct == pytest.approx((25 * 80 + 20 * 60) / 45)
    assert "逾期" in answers.header.text() and "部分作答" in answers.header.text()
    row = answers.model.row_of(customers["m1"].id)
    assert (
        answers.model.index(row, InviteeTableModel.COL_STATE).data() == "已答复 · 逾期 · 部分作答"
    )


def test_bad_input_is_explained_and_kept(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["a1"].id)
    answers.form.answered_on.line.setText(f"{date.today().year - 1}-06-01")  # before the period
    answers.form.recommend.setText("11")
    assert answers.save() is False
    assert survey_service.get_response(engine, campaign.id, customers["a1"].id) is None
    assert "不能早于调查期间开始" in answers.form.fields["answered_on"].error.text()
    assert answers.form.fields["recommend"].error.text() == "应在 0–10 之间。"
    assert answers.form.recommend.text() == "11"  # what was typed stays
    assert "未保存" in answers.message.text()


def test_changing_a_stored_answer_goes_to_its_history(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    _store(engine, campaign, customers["a1"], [5] * 7)
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["a1"].id)
    assert answers.stored and answers.history_button.isEnabled()
    grid = answers.form.grid
    grid.setFocus()
    grid.go_to(1, grid.grid_model.column_of("level"))
    _keys(qtbot, grid, "1")
    assert answers.save()
    assert "原值保留在修改记录中" in answers.message.text()
    stored = survey_service.get_response(engine, campaign.id, customers["a1"].id)
    assert [a.level for a in stored.answers][:2] == [5, 1]
    trail = survey_service.response_history(engine, stored)
    assert any(row.action == "update" and row.old_value == "5" and row.new_value == "1"
               for row in trail)  # fmt: skip
    dialog = answers.show_history()
    qtbot.addWidget(dialog)
    history = dialog.findChild(HistoryTable)
    texts = [history.item(r, 3).text() for r in range(history.rowCount())]
    assert any("交货期" in t and "满意程度" in t for t in texts)
    values = [history.item(r, 5).text() for r in range(history.rowCount())]
    assert "1 很不满意" in values


def test_leaving_an_unsaved_answer_asks(qtbot, engine, customers, tab, answers):
    from PySide6.QtWidgets import QMessageBox

    queue, asked = answers
    campaign = _campaign(engine)
    tab.enter_answers(campaign.id)
    view = tab.answers
    view.open_customer(customers["a1"].id)
    view.form.grid.setFocus()
    _keys(qtbot, view.form.grid, "5")
    queue.append(QMessageBox.StandardButton.Cancel)
    assert view.open_customer(customers["a2"].id) is False
    assert view.customer_id == customers["a1"].id and asked
    queue.append(QMessageBox.StandardButton.Cancel)
    assert tab.can_close() is False  # the main window asks the same way
    queue.append(QMessageBox.StandardButton.Save)
    assert view.open_customer(customers["a2"].id)
    assert (
        survey_service.get_response(engine, campaign.id, customers["a1"].id).answers[0].level == 5
    )


def test_a_closed_campaign_is_read_only(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    _store(engine, campaign, customers["a1"], [4] * 7)
    survey_service.close_campaign(engine, campaign.id, "t")
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["a1"].id)
    assert answers.banner.isVisible() and "已关闭" in answers.banner.text()
    assert not answers.save_button.isEnabled() and not answers.delete_button.isEnabled()
    assert answers.form.respondent.isReadOnly()
    grid = answers.form.grid
    grid.setFocus()
    _keys(qtbot, grid, "1")
    assert grid.answers()[0].level == 4
    assert answers.save() is False
    qtbot.keyClick(grid, Qt.Key.Key_S, CTRL)
    assert (
        survey_service.get_response(engine, campaign.id, customers["a1"].id).answers[0].level == 4
    )


# ---------------------------------------------------------------- a new campaign


def _coverage_row(dialog, tier):
    rows = {tier_key: r for r, tier_key in enumerate(
        ("all", "most", "many", "optional", "daily", "lost"))}  # fmt: skip
    table = dialog.coverage_table
    return [table.item(rows[tier], c).text() for c in range(4)]


def _tick(dialog, customer, checked):
    model = dialog.model
    index = model.index(model.row_of(customer.id), ProposalModel.COL_PICK)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    assert model.setData(index, state, Qt.ItemDataRole.CheckStateRole)


def test_new_campaign_proposal_and_coverage_follow_the_ticks(qtbot, engine, customers, hub):
    year = date.today().year
    dialog = CampaignDialog(engine, hub, year=year, period="h2")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name.text() == f"{year} 下半年"
    assert dialog.period_start.text() == f"{year}-07-01"
    assert dialog.volume_year.value() == year - 1
    assert dialog.model.ticked == {customers[k].id for k in ("a1", "a2", "m1", "y1")}
    assert _coverage_row(dialog, "all")[1:] == ["2", "2", "2"]
    assert _coverage_row(dialog, "many")[1:] == ["1", "1", "1"]
    assert _coverage_row(dialog, "optional")[1:] == ["1", "", "0"]
    assert _coverage_row(dialog, "daily")[1:] == ["1", "", "0"]
    assert "各层级均达到覆盖要求" in dialog.coverage_note.text()

    _tick(dialog, customers["a2"], False)
    assert _coverage_row(dialog, "all")[1:] == ["2", "2", "1"]
    ticked = dialog.coverage_table.item(0, 3)
    assert ticked.foreground().color().name() == "#c0392b"
    assert "不足" in dialog.coverage_note.text() and "≥ 100万" in dialog.coverage_note.text()
    _tick(dialog, customers["o1"], True)
    assert _coverage_row(dialog, "optional")[1:] == ["1", "", "1"]
    assert dialog.dirty

    dialog.tier_filter.setCurrentIndex(dialog.tier_filter.findData("all"))
    assert dialog.proxy.rowCount() == 2
    dialog.tick_shown(True)  # both ≥ 100万 customers again
    assert _coverage_row(dialog, "all")[3] == "2"
    dialog.tier_filter.setCurrentIndex(dialog.tier_filter.findData("ticked"))
    assert dialog.proxy.rowCount() == 5
    dialog.search.setText("kh-05")
    assert dialog.proxy.rowCount() == 1

    saved = []
    dialog.saved.connect(saved.append)
    assert dialog.save()
    campaign = survey_service.get_campaign(engine, saved[0])
    assert campaign.number == f"MY-{year}-01"
    assert {i.customer_id for i in campaign.invitees} == {
        customers[k].id for k in ("a1", "a2", "m1", "y1", "o1")}  # fmt: skip
    assert {i.customer_id: i.tier for i in campaign.invitees}[customers["o1"].id] == "optional"
    contacts = {i.customer_id: i.contact_name for i in campaign.invitees}
    assert contacts[customers["a1"].id] == "王经理"


def test_a_new_campaign_reads_its_proposals_once_and_opens_unchanged(
    qtbot, engine, customers, hub, monkeypatch
):
    year = date.today().year
    # with 5,000 customers a reading of every customer's tier takes ~0.2 s: the dialog read
    # them six times as it opened (~1.2 s), once for each control it set and twice each time
    reads = []

    def counted(session, **kwargs):
        reads.append(kwargs)
        return proposals(session, **kwargs)

    monkeypatch.setattr(survey_coverage, "proposals", counted)
    monkeypatch.setattr(survey_campaigns, "proposals", counted)
    dialog = CampaignDialog(engine, hub, year=year, period="h2")
    qtbot.addWidget(dialog)

    assert reads == [{"volume_year": year - 1, "on": date(year, 7, 1)}]
    assert len(dialog.proposals) == len(customers)
    assert not dialog.dirty and not dialog.windowTitle().endswith("*")
    dialog.period.setCurrentIndex(dialog.period.findData("h1"))  # the user picks another
    assert reads[-1] == {"volume_year": year - 1, "on": date(year, 1, 1)} and len(reads) == 2
    assert dialog.dirty and dialog.period_start.text() == f"{year}-01-01"


def test_campaign_dialog_keeps_answered_invitees_and_explains_errors(qtbot, engine, customers, hub):
    campaign = _campaign(engine)
    _store(engine, campaign, customers["a1"], [5] * 7)
    dialog = CampaignDialog(engine, hub, campaign.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.year.isEnabled() and not dialog.template.isEnabled()
    model = dialog.model
    index = model.index(model.row_of(customers["a1"].id), ProposalModel.COL_PICK)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole) is False
    dialog.target.setText("abc")
    dialog.period_end.line.setText(f"{date.today().year - 1}-12-31")
    assert dialog.save() is False
    assert dialog.fields["target_pct"].error.text() == "不是数字。"
    assert dialog.fields["period_end"].error.text() == "结束日期不能早于开始日期。"
    dialog.target.setText("96")
    dialog.period_end.line.setText(f"{date.today().year}-12-31")
    _tick(dialog, customers["o1"], True)
    assert dialog.save()
    stored = survey_service.get_campaign(engine, campaign.id)
    assert stored.target_pct == 96 and len(stored.invitees) == 5


# ---------------------------------------------------------------- printing


def _pdf_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_blank_questionnaires_of_the_selected_invitees_in_one_pdf(
    qtbot, engine, customers, tab, save_path, tmp_path
):
    campaign = _campaign(engine)
    tab.enter_answers(campaign.id)
    answers = tab.answers
    selection = answers.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    chosen = ("a2", "y1")
    selection.clearSelection()
    for key in chosen:
        selection.select(answers.model.index(answers.model.row_of(customers[key].id), 0), flags)
    assert set(answers.selected_customer_ids()) == {customers[k].id for k in chosen}
    save_path["path"] = str(tmp_path / "blank")
    op = answers.print_blank("selected")
    assert op is not None
    qtbot.waitUntil(lambda: answers.last_export is not None, timeout=30000)
    assert answers.last_export == tmp_path / "blank.pdf"
    pages = _pdf_text(answers.last_export)
    text = "\n".join(pages)
    for key in chosen:
        assert customers[key].name in text
    for key in ("a1", "m1"):
        assert customers[key].name not in text
    # one questionnaire per chosen customer, each with its own record number and page 1 of n
    records = re.findall(r"记录编号：MY-\d{4}-\d+ / (\S+)", text)
    firsts = [p for p in pages if "第 1 页" in p]
    assert sorted(set(records)) == ["KH-02", "KH-04"]
    assert len(firsts) == 2
    assert "Q/JL090101-C" in text


def test_questionnaire_export_can_be_cancelled(qtbot, engine, customers, tab, save_path, tmp_path):
    for n in range(40):
        _customer(engine, f"KH-9{n:02d}", f"测试顾客{n:02d}", 200)
    campaign = _campaign(engine)
    assert len(campaign.invitees) == 44
    tab.campaigns.refresh(keep=campaign.id)
    save_path["path"] = str(tmp_path / "all.pdf")
    op = tab.campaigns.print_questionnaires(None)
    op.progress.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=30000)
    assert not (tmp_path / "all.pdf").exists()
    assert tab.campaigns.last_export is None


# ---------------------------------------------------------------- results


def test_results_panel_shows_the_index_and_opens_an_improvement_action(
    qtbot, engine, customers, tab
):
    campaign = _campaign(engine)
    _store(
        engine, campaign, customers["a1"], [5, 5, 2, 5, 5, 5, 5], recommend=10, keep_buying="yes"
    )
    _store(
        engine, campaign, customers["a2"], [4, 4, 1, 4, 4, 4, 4], recommend=6, keep_buying="maybe"
    )
    tab.campaigns.refresh(keep=campaign.id)
    panel = tab.campaigns.results
    # a1: (25·100+20·100+15·40+40·100)/100 = 91; a2: (25·80+20·80+15·0+40·80)/100 = 68
    assert "79.5 %" in panel.headline.text()
    assert "未达到目标" in panel.headline.text()
    assert "答复率 50 %(2 / 4)" in panel.details.text()
    assert "NPS +0" in panel.details.text()
    row = tab.campaigns.model.row_of(campaign.id)
    index_cell = tab.campaigns.model.index(row, 6)
    assert index_cell.data() == "79.5 %"
    assert index_cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"

    items = panel.items
    price = next(r for r in range(items.rowCount()) if items.item(r, 0).text() == "价格")
    assert items.item(price, 3).text() == "20.0 %"
    assert items.item(price, 0).background().color().name() == "#f8d7da"
    assert items.item(0, 0).background().color().name() != "#f8d7da"
    assert "1 个项目低于警戒线" in panel.items_note.text()

    items.selectRow(price)
    assert panel.action_button.isEnabled()
    results = []

    def fill(dialog: ImprovementActionDialog) -> None:
        assert "价格" in dialog.description.toPlainText()
        assert dialog.item.currentData() == panel.results.items[price].key
        dialog.department.setCurrentText("营业部")
        dialog.owner.setText("Zhang")

    _answer_modal(ImprovementActionDialog, fill, results)
    panel.open_action()
    assert results == ["accepted"]
    stored = survey_service.get_campaign(engine, campaign.id)
    assert len(stored.actions) == 1
    action = stored.actions[0]
    assert (action.department, action.owner) == ("营业部", "Zhang")
    assert stored.action_items[action.id] == panel.results.items[price].key
    assert panel.items.item(price, 8).text() == "已开立"
    assert panel.pages.currentIndex() == 4
    assert panel.actions_message.text() == "改进措施已开立。"
    assert panel.actions_panel.table.table.rowCount() == 1

    # done on a day, then verified through the shared dialogs
    panel.actions_panel.table.item(0, "done_on").setText(date.today().isoformat())
    assert panel.save_actions()
    assert survey_service.get_campaign(engine, campaign.id).actions[0].done_on == date.today()
    from app.ui.widgets.action_dialogs import VerifyActionDialog

    panel.actions_panel.table.table.selectRow(0)
    _answer_modal(VerifyActionDialog, lambda d: None, results)
    panel.verify_action()
    assert results[-1] == "accepted"
    assert survey_service.get_campaign(engine, campaign.id).actions[0].verification == "effective"


def test_close_and_reopen_with_a_reason(qtbot, engine, customers, tab, answers):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.widgets.action_dialogs import ReasonDialog

    queue, _asked = answers
    campaign = _campaign(engine)
    views = tab.campaigns
    views.refresh(keep=campaign.id)
    assert views.close_button.isEnabled() and not views.reopen_button.isEnabled()
    queue.append(QMessageBox.StandardButton.Yes)
    assert views.close_campaign()
    assert survey_service.get_campaign(engine, campaign.id).status == "closed"
    assert views.reopen_button.isEnabled() and not views.edit_button.isEnabled()
    assert not views.results.action_button.isEnabled()
    results = []
    _answer_modal(ReasonDialog, lambda d: None, results)  # no reason: refused
    assert views.reopen_campaign() is False
    assert results == [{"reason": "必填。"}]
    _answer_modal(ReasonDialog, lambda d: d.reason.setPlainText("one answer was wrong"), results)
    assert views.reopen_campaign()
    assert survey_service.get_campaign(engine, campaign.id).status == "open"
    trail = survey_service.campaign_history(engine, campaign)
    assert any(r.field == "reopen_reason" and r.new_value == "one answer was wrong" for r in trail)


def test_templates_view_lists_versions(qtbot, engine, customers, tab):
    campaign = _campaign(engine)
    template = survey_service.get_template(engine, campaign.template_id)
    template.items[0].weight, template.items[1].weight = 30, 15
    survey_service.save_template(engine, template, "t")
    view = tab.templates
    view.refresh()
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data().endswith("v2")
    view.show_old.setChecked(True)
    assert view.model.rowCount() == 2
    old = view.model.row_of(campaign.template_id)
    assert view.model.index(old, 4).data() == "旧版本"
    assert view.model.index(old, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#6c757d"


def test_surveys_tab_is_in_the_main_window(qtbot, window):
    assert window.surveys_tab in window.record_tabs()
    index = window.tabs.indexOf(window.surveys_tab)
    assert index == window.tabs.indexOf(window.returns_tab) + 1
    assert window.tabs.tabText(index) == "满意度调查"
    assert [window.surveys_tab.views.tabText(i) for i in range(3)] == [
        "问卷模板", "调查活动", "答卷录入"]  # fmt: skip


def test_answers_with_a_ten_scale_and_importance(qtbot, engine, customers, tab):
    template = survey_service.default_template()
    template.name, template.scale, template.ask_importance = "十分制", "ten", True
    stored = survey_service.save_template(engine, template, "t")
    data = survey_service.new_campaign(engine, date.today().year, "year")
    data.template_id, data.answer_by = stored.id, date.today() + timedelta(days=5)
    campaign = survey_service.create_campaign(engine, data, "t")
    tab.enter_answers(campaign.id)
    answers = tab.answers
    answers.open_customer(customers["y1"].id)
    grid = answers.form.grid
    assert grid.grid_model.keys == ["item", "weight", "level", "importance", "competitor"]
    grid.setFocus()
    _keys(qtbot, grid, "05s94b")  # 10, importance 5, same; 9, importance 4, better
    assert answers.save()
    response = survey_service.get_response(engine, campaign.id, customers["y1"].id)
    first, second = response.answers[:2]
    assert (first.level, first.importance, first.competitor) == (10, 5, "same")
    assert (second.level, second.importance, second.competitor) == (9, 4, "better")
    assert response.index_pct == pytest.approx((25 * 100 + 20 * 90) / 45)
    assert isinstance(response.answers[0], AnswerData)


def test_summary_and_customer_loss_exports(qtbot, engine, customers, tab, save_path, tmp_path):
    from openpyxl import load_workbook

    campaign = _campaign(engine)
    _store(engine, campaign, customers["a1"], [5, 5, 2, 5, 5, 5, 5])
    views = tab.campaigns
    views.refresh(keep=campaign.id)
    save_path["path"] = str(tmp_path / "summary")
    assert views.export_summary(as_pdf=False) is not None
    qtbot.waitUntil(lambda: views.last_export is not None, timeout=30000)
    assert views.last_export == tmp_path / "summary.xlsx"
    workbook = load_workbook(views.last_export)
    cells = " ".join(
        str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value
    )
    assert campaign.number in cells and "价格" in cells
    assert "已保存" in views.message.text()

    views.last_export = None
    save_path["path"] = str(tmp_path / "summary.pdf")
    views.export_summary(as_pdf=True)
    qtbot.waitUntil(lambda: views.last_export is not None, timeout=30000)
    text = "\n".join(_pdf_text(views.last_export))
    assert campaign.number in text and "91.0" in text

    views.last_export = None
    save_path["path"] = str(tmp_path / "loss.xlsx")
    views.export_customer_loss(date.today().year - 1)
    qtbot.waitUntil(lambda: views.last_export is not None, timeout=30000)
    workbook = load_workbook(views.last_export)
    cells = " ".join(
        str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value
    )
    assert "浙江恒通汽车部件有限公司" in cells and str(date.today().year - 1) in cells


def test_new_campaign_warns_about_a_second_one_for_the_same_period(qtbot, engine, customers, hub):
    year = date.today().year
    first = _campaign(engine)
    dialog = CampaignDialog(engine, hub, year=year, period="year")
    qtbot.addWidget(dialog)
    assert f"该期间已有调查:{first.number}" in dialog.header.text()
    dialog.period.setCurrentIndex(dialog.period.findData("h1"))
    assert "该期间已有调查" not in dialog.header.text()
    assert dialog.period_start.text() == f"{year}-01-01" and dialog.name.text() == f"{year} 上半年"


def _answer_settings(fill, results: list) -> None:
    """When the settings dialog runs modally, fill its survey targets page and press Save."""
    from app.ui.settings.dialog import SettingsDialog

    tries = {"left": 200}

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            tries["left"] -= 1
            if tries["left"]:
                QTimer.singleShot(10, handle)
            return
        assert dialog.current_page() == "survey_targets"
        page = dialog.survey_targets
        fill(page)
        if dialog.save():
            results.append("accepted")
        else:
            results.append({k: f.error.text() for k, f in page.fields.items() if f.error.text()})
            dialog.reject()

    QTimer.singleShot(0, handle)


def test_targets_year_by_year_and_the_threshold(qtbot, engine, customers, tab):
    year = date.today().year
    from app.ui.surveys.targets_page import SurveyTargetsPage

    results = []

    def bad(page: SurveyTargetsPage) -> None:
        page.targets.setText("95, abc")

    _answer_settings(bad, results)
    assert tab.campaigns.edit_targets() is False
    assert results == [{"targets": "不是数字。"}]

    def good(page: SurveyTargetsPage) -> None:
        assert page.targets.text() == "95, 97, 98"
        page.start_year.setText(str(year - 1))
        page.targets.setText("95，97，98")  # Chinese commas are fine
        page.threshold.setText("85 %")
        assert f"{year}: 97 %" in page.preview.text()

    _answer_settings(good, results)
    assert tab.campaigns.edit_targets()
    settings = survey_service.load_settings(engine)
    assert (settings.target_start_year, settings.targets, settings.threshold_pct) == (
        year - 1, [95, 97, 98], 85)  # fmt: skip
    proposed = survey_service.new_campaign(engine, year, "h1")
    assert (proposed.target_pct, proposed.threshold_pct) == (97, 85)
