"""The keyboard answer grid: one key per answer, the cursor moves on, the level reads as text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.services.survey_data import TemplateData, TemplateItemData
from app.ui.surveys.answer_grid import AnswerGrid, level_for_key, level_text


def _template(scale="five", importance=False, competitor=True) -> TemplateData:
    return TemplateData(
        name="t",
        scale=scale,
        ask_importance=importance,
        ask_competitor=competitor,
        items=[
            TemplateItemData("产品质量", 40, "q", id=11),
            TemplateItemData("交货期", 30, "d", id=12),
            TemplateItemData("价格", 30, "p", id=13),
        ],
    )


@pytest.fixture
def grid(qtbot):
    host = QWidget()
    before = QLineEdit(host)
    view = AnswerGrid(host)
    after = QLineEdit(host)
    layout = QVBoxLayout(host)
    for widget in (before, view, after):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    host.before, host.after = before, after
    view.host = host
    return view


def _cell(grid, row, key):
    return grid.model().index(row, grid.grid_model.column_of(key)).data()


def _keys(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char)


def test_key_meaning():
    assert [level_for_key(k, "five") for k in "0123456"] == [None, 1, 2, 3, 4, 5, None]
    assert [level_for_key(k, "ten") for k in "019"] == [10, 1, 9]
    assert level_for_key("x", "ten") is None
    assert level_text(5, "five") == "5 很满意" and level_text(1, "five") == "1 很不满意"
    assert level_text(10, "ten") == "10" and level_text(None, "five") == ""


def test_digits_fill_the_row_then_the_next_row(qtbot, grid):
    grid.set_template(_template(importance=True))
    assert grid.grid_model.keys == ["item", "weight", "level", "importance", "competitor"]
    grid.host.before.setFocus()
    qtbot.keyClick(grid.host.before, Qt.Key.Key_Tab)  # Tab into the grid: the first open level
    assert grid.hasFocus()
    assert grid.currentIndex().row() == 0
    assert grid.currentIndex().column() == grid.grid_model.column_of("level")
    _keys(qtbot, grid, "54b")  # row 1: 很满意, importance 4, better
    _keys(qtbot, grid, "3")  # row 2 level 一般
    assert grid.currentIndex().column() == grid.grid_model.column_of("importance")
    _keys(qtbot, grid, "7")  # no importance 7: refused, the cursor stays
    assert grid.currentIndex().row() == 1
    assert grid.currentIndex().column() == grid.grid_model.column_of("importance")
    _keys(qtbot, grid, "2W")  # importance 2, worse (capital letters count too)
    _keys(qtbot, grid, "1")  # row 3 很不满意
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # skip the importance
    _keys(qtbot, grid, "2")  # competitor 2 = same
    answers = {a.item_id: a for a in grid.answers()}
    assert (answers[11].level, answers[11].importance, answers[11].competitor) == (5, 4, "better")
    assert (answers[12].level, answers[12].importance, answers[12].competitor) == (3, 2, "worse")
    assert (answers[13].level, answers[13].importance, answers[13].competitor) == (1, None, "same")
    assert _cell(grid, 0, "level") == "5 很满意"
    assert _cell(grid, 2, "level") == "1 很不满意"
    assert _cell(grid, 1, "competitor") == "不如同行"
    low = grid.model().index(2, grid.grid_model.column_of("level"))
    assert low.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c0392b"
    qtbot.keyClick(grid, Qt.Key.Key_Tab)  # Tab leaves the grid
    assert grid.host.after.hasFocus()


def test_refused_key_gives_a_hint(qtbot, grid):
    grid.set_template(_template())
    hints = []
    grid.keyRefused.connect(hints.append)
    grid.setFocus()
    _keys(qtbot, grid, "6")
    assert grid.answers()[0].level is None
    assert hints and "很满意" in hints[0]
    assert grid.currentIndex().row() == 0


def test_arrows_delete_and_ten_scale(qtbot, grid):
    grid.set_template(_template(scale="ten", competitor=False))
    assert grid.grid_model.keys == ["item", "weight", "level"]
    grid.setFocus()
    _keys(qtbot, grid, "908")  # 9, 10, 8
    assert [a.level for a in grid.answers()] == [9, 10, 8]
    assert grid.currentIndex().row() == 2  # the last cell stays
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert [a.level for a in grid.answers()] == [9, None, 8]
    qtbot.keyClick(grid, Qt.Key.Key_Left)  # no answer cell to the left: stays on the level
    assert grid.currentIndex().column() == grid.grid_model.column_of("level")
    _keys(qtbot, grid, "4")
    assert [a.level for a in grid.answers()] == [9, 4, 8]
    assert grid.currentIndex().row() == 2  # moved on to the next row
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)
    assert [a.level for a in grid.answers()] == [9, 4, None]


def test_read_only_grid_ignores_digits(qtbot, grid):
    grid.set_template(_template())
    grid.set_read_only(True)
    grid.setFocus()
    _keys(qtbot, grid, "5")
    assert grid.answers()[0].level is None
