"""Qt's own dialogs and buttons speak the UI's language: Qt's qtbase translation is loaded with
the app's in Chinese and unloaded in English; the built app's smoke test checks it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QMessageBox,
)

from app.i18n import current_language, set_language
from app.ui import smoke_test
from app.ui.smoke_test import QT_TRANSLATION_EXIT_CODE, quit_after_first_paint

Button = QDialogButtonBox.StandardButton


def _texts(box: QDialogButtonBox) -> list[str]:
    return [box.button(which).text() for which in (Button.Save, Button.Cancel)]


def test_standard_buttons_are_chinese_in_chinese_and_english_in_english(qtbot, chinese_ui):
    chinese = QDialogButtonBox(Button.Save | Button.Cancel)
    qtbot.addWidget(chinese)
    assert _texts(chinese) == ["保存", "取消"]
    yes_no = QDialogButtonBox(Button.Yes | Button.No)
    qtbot.addWidget(yes_no)
    assert [b.text() for b in yes_no.buttons()] == ["是(&Y)", "否(&N)"]
    discard = QMessageBox.StandardButton.Discard
    message = QMessageBox(QMessageBox.Icon.Question, "问题", "保存修改吗?", discard)
    qtbot.addWidget(message)
    assert [b.text() for b in message.buttons()] == ["丢弃"]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert any(action.text().startswith("复制") for action in menu.actions())

    chinese_ui.apply("en")  # switching to English unloads Qt's Chinese too
    english = QDialogButtonBox(Button.Save | Button.Cancel)
    qtbot.addWidget(english)
    assert _texts(english) == ["Save", "Cancel"]
    assert current_language() == "en"

    chinese_ui.apply("zh_CN")
    again = QDialogButtonBox(Button.Save | Button.Cancel)
    qtbot.addWidget(again)
    assert _texts(again) == ["保存", "取消"]


def test_the_smoke_test_checks_qt_buttons_in_chinese(chinese_ui):
    assert smoke_test.qt_translation_problem() is None
    chinese_ui.apply("en")
    assert smoke_test.qt_translation_problem() is None  # English: nothing to check
    set_language("zh_CN")  # the app's texts Chinese but Qt's translation not loaded
    problem = smoke_test.qt_translation_problem()
    assert problem is not None and "'Cancel'" in problem


def test_the_smoke_test_ends_with_an_error_code_when_qt_buttons_stay_english(qtbot, chinese_ui):
    chinese_ui.apply("en")
    set_language("zh_CN")
    window = QMainWindow()
    qtbot.addWidget(window)
    codes: list[int] = []
    quit_after_first_paint(QApplication.instance(), window, 60_000, codes.append)
    window.show()
    qtbot.waitUntil(lambda: codes == [QT_TRANSLATION_EXIT_CODE])
