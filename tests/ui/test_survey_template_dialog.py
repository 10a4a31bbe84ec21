"""The questionnaire template dialog: items and weights with a live total, messages next to the
rows, a frozen template saved as a new version, a retired version read-only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services import customer_service, survey_service
from app.services.customer_service import CustomerData, VolumeData
from app.ui.signals import DataHub
from app.ui.surveys.template_dialog import TemplateDialog


@pytest.fixture
def hub(answers):  # message boxes never block, also when a dialog with changes is torn down
    return DataHub()


def _open(qtbot, engine, hub, template_id=None) -> TemplateDialog:
    dialog = TemplateDialog(engine, hub, template_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _set_weight(dialog, row, text):
    dialog.items.item(row, "weight").setText(text)


def test_new_template_starts_from_the_default_items(qtbot, engine, hub):
    dialog = _open(qtbot, engine, hub)
    rows = dialog.items.rows()
    assert [r["name"] for r in rows][:3] == ["产品质量", "交货期", "价格"]
    assert dialog.sum_label.text() == "权重合计:100 %"
    assert "#1e7e34" in dialog.sum_label.styleSheet()


def test_weights_not_adding_up_are_explained_and_nothing_is_saved(qtbot, engine, hub):
    dialog = _open(qtbot, engine, hub)
    dialog.name.setText("Quarterly survey")
    _set_weight(dialog, 0, "30")  # 25 → 30: the total is 105
    assert dialog.sum_label.text() == "权重合计:105 %"
    assert "#c0392b" in dialog.sum_label.styleSheet()
    _set_weight(dialog, 1, "abc")
    assert "?" in dialog.sum_label.text()
    assert dialog.dirty and dialog.windowTitle().endswith("*")
    assert dialog.save() is False
    assert survey_service.list_templates(engine) == []
    assert dialog.items.error.isVisible()
    assert "不是数字" in dialog.items.error.text()  # row 2, weight
    bad = dialog.items.item(1, "weight")
    assert bad.background().color().name() == "#f8d7da"
    assert dialog.items.value(1, "weight") == "abc"  # typed text kept
    _set_weight(dialog, 1, "20")
    assert dialog.save() is False
    assert "105" in dialog.items.error.text()  # the service's weights_sum message
    assert survey_service.list_templates(engine) == []
    _set_weight(dialog, 0, "25")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = survey_service.list_templates(engine)
    assert [t.label for t in stored] == ["Quarterly survey v1"]
    assert sum(i.weight for i in stored[0].items) == 100
    assert not dialog.items.error.isVisible()
    assert not dialog.dirty


def test_empty_name_and_item_name_are_marked(qtbot, engine, hub):
    dialog = _open(qtbot, engine, hub)
    dialog.name.setText("")
    dialog.items.item(2, "name").setText("")
    assert dialog.save() is False
    assert dialog.fields["name"].error.text() == "必填。"
    assert dialog.items.item(2, "name").background().color().name() == "#f8d7da"
    assert "第 3 行" in dialog.items.error.text()


def test_add_remove_and_move_items(qtbot, engine, hub):
    dialog = _open(qtbot, engine, hub)
    dialog.items.table.selectRow(1)  # 交货期
    dialog.up_button.click()
    assert [r["name"] for r in dialog.items.rows()][:2] == ["交货期", "产品质量"]
    assert dialog.items.selected_row() == 0
    dialog.down_button.click()
    assert [r["name"] for r in dialog.items.rows()][:2] == ["产品质量", "交货期"]
    dialog.items.table.selectRow(6)  # 包装 10 %
    dialog.items.remove_button.click()
    assert dialog.sum_label.text() == "权重合计:90 %"
    dialog.items.add_button.click()
    row = dialog.items.table.rowCount() - 1
    dialog.items.table.closePersistentEditor(dialog.items.table.item(row, 0))
    dialog.items.item(row, "name").setText("交付文件")
    _set_weight(dialog, row, "10")
    assert dialog.sum_label.text() == "权重合计:100 %"
    assert dialog.save()
    names = [i.name for i in survey_service.list_templates(engine)[0].items]
    assert names[-1] == "交付文件" and "包装" not in names


def test_scores_only_for_the_five_level_scale(qtbot, engine, hub):
    dialog = _open(qtbot, engine, hub)
    dialog.scores[1].setText("90")
    dialog.scores[2].setText("95")  # higher than 满意: refused
    assert dialog.save() is False
    assert dialog.fields["five_scores"].error.isVisible()
    dialog.scores[2].setText("60")
    dialog.scale.setCurrentIndex(dialog.scale.findData("ten"))
    assert not dialog.fields["five_scores"].isEnabled()
    assert dialog.save()
    assert survey_service.list_templates(engine)[0].scale == "ten"


def _frozen_template(engine) -> int:
    """A template a campaign uses."""
    customer_service.create(
        engine,
        CustomerData(code="KH-1", name="恒通", volumes=[VolumeData(2025, 150)],
                     cooperation_since=date(2018, 1, 1)),
        "t",
    )  # fmt: skip
    campaign = survey_service.new_campaign(engine, 2026, "h1")
    survey_service.create_campaign(engine, campaign, "t")
    return campaign.template_id


def test_editing_a_frozen_template_makes_a_new_version(qtbot, engine, hub):
    template_id = _frozen_template(engine)
    dialog = _open(qtbot, engine, hub, template_id)
    assert dialog.banner.isVisible()
    assert "版本 2" in dialog.banner.text() or "v2" in dialog.banner.text()
    _set_weight(dialog, 0, "35")
    _set_weight(dialog, 1, "10")
    changed = []
    hub.dataChanged.connect(lambda family, rid: changed.append((family, rid)))
    assert dialog.save()
    templates = survey_service.list_templates(engine, include_retired=True)
    assert sorted((t.version, t.retired) for t in templates) == [(1, True), (2, False)]
    new = next(t for t in templates if t.version == 2)
    old = next(t for t in templates if t.version == 1)
    assert [i.weight for i in new.items][:2] == [35, 10]
    assert [i.weight for i in old.items][:2] == [25, 20]  # the campaign's version is untouched
    assert [i.key for i in new.items] == [i.key for i in old.items]
    assert dialog.data.id == new.id and dialog.data.version == 2
    assert "2" in dialog.message.text()
    assert changed == [("survey_template", new.id)]
    campaign = survey_service.list_campaigns(engine)[0]
    assert campaign.template_label.endswith("v1")

    retired = _open(qtbot, engine, hub, old.id)
    assert retired.read_only and not retired.save_button.isEnabled()
    assert retired.name.isReadOnly()
    assert retired.save() is False


def test_closing_with_changes_asks(qtbot, engine, hub, answers):
    from PySide6.QtWidgets import QMessageBox

    queue, asked = answers
    dialog = _open(qtbot, engine, hub)
    dialog.name.setText("x")
    queue.append(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible() and asked
    queue.append(QMessageBox.StandardButton.Discard)
    dialog.close()
    assert not dialog.isVisible()
    assert survey_service.list_templates(engine) == []
