"""The Help menu: the user guide inside the app in the UI language with its screenshots, the
About box, and the screenshot script's detector of clipped widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QUrl
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

import app
from app.config import database_path
from app.ui.help import AboutDialog, HelpViewer, font_licence_path, guide_path
from app.ui.main_window import MainWindow
from scripts.screenshots import find_clipped


def _help_action(window, text: str):
    menu = next(
        action.menu()
        for action in window.menuBar().actions()
        if action.menu() is not None and action.menu().title() in ("帮助(&H)", "&Help")
    )
    return next(action for action in menu.actions() if action.text() == text)


def _window_in(language: str, qtbot, chinese_ui, window):
    """The main window built in the language (a language switch builds a new window)."""
    if language == "zh_CN":
        return window
    chinese_ui.apply(language)
    rebuilt = MainWindow(window.engine, window.database_file, language, show_due_list=False)
    qtbot.addWidget(rebuilt)
    rebuilt.show()
    return rebuilt


@pytest.mark.parametrize(
    ("language", "heading", "guide_text"),
    [("zh_CN", "用户指南", "用户指南"), ("en", "User guide", "User guide")],
)
def test_the_help_menu_opens_the_guide_in_the_ui_language_with_its_images(
    qtbot, window, chinese_ui, language, heading, guide_text
):
    window = _window_in(language, qtbot, chinese_ui, window)
    action = _help_action(window, "用户指南" if language == "zh_CN" else "User guide")
    action.trigger()
    viewers = [w for w in window.findChildren(HelpViewer) if w.isVisible()]
    assert len(viewers) == 1
    viewer = viewers[0]
    qtbot.addWidget(viewer)
    assert viewer.path == guide_path(language)
    assert viewer.path.name == f"user-guide.{language}.md"
    text = viewer.browser.toPlainText()
    assert guide_text in text
    assert viewer.windowTitle() == heading or heading in text
    images = viewer.browser.image_names()
    assert len(images) >= 8  # the guide shows the app's windows
    assert viewer.browser.unresolved_images() == []
    assert viewer.browser.missing_images == []
    folder = viewer.path.parent
    for name in images:
        assert (folder / name).is_file(), name
        assert f"screenshots/{language}/" in name  # the pictures of the reader's language
    viewer.close()


def test_the_guide_is_markdown_readable_on_github_with_relative_images():
    for language in ("zh_CN", "en"):
        text = guide_path(language).read_text(encoding="utf-8")
        assert text.startswith("# ")
        assert "](screenshots/" in text
        assert "file://" not in text and "C:\\" not in text


def test_a_missing_image_is_noticed(qtbot, tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n![gone](screenshots/none.png)\n", encoding="utf-8")
    viewer = HelpViewer(None, "en")
    qtbot.addWidget(viewer)
    viewer.browser.setSource(QUrl.fromLocalFile(str(page)))
    assert viewer.browser.image_names() == ["screenshots/none.png"]
    assert viewer.browser.unresolved_images() == ["screenshots/none.png"]
    [missing] = viewer.browser.missing_images
    assert missing.endswith("/screenshots/none.png")


def test_the_about_box_names_version_data_file_and_the_font_licence(
    qtbot, window, data_dir, chinese_ui
):
    window = _window_in("en", qtbot, chinese_ui, window)
    _help_action(window, "About QualityDesk").trigger()
    about = next(w for w in window.findChildren(AboutDialog) if w.isVisible())
    qtbot.addWidget(about)
    text = about.plain_text()
    assert f"QualityDesk {app.__version__}" in text
    assert str(database_path(data_dir)) in text
    assert "WenQuanYi Micro Hei" in text and "Apache-2.0" in text
    for library in ("PySide6", "ReportLab", "openpyxl", "SQLAlchemy", "LGPL-3.0"):
        assert library in text
    licence = about.show_font_licence()
    qtbot.addWidget(licence)
    shown = licence.text.toPlainText()
    assert shown == font_licence_path().read_text(encoding="utf-8")
    assert "Apache" in shown and "WenQuanYi" in shown


def test_the_about_box_is_in_chinese_in_the_chinese_ui(qtbot, window, data_dir):
    about = window.show_about()
    qtbot.addWidget(about)
    assert about.windowTitle() == "关于 QualityDesk"
    text = about.plain_text()
    assert "数据文件" in text and str(database_path(data_dir)) in text
    assert "文泉驿微米黑" in text and "许可" in text


def test_the_clip_detector_flags_a_cut_off_button_and_not_one_that_fits(qtbot):
    host = QWidget()
    host.setWindowTitle("Host")
    qtbot.addWidget(host)
    layout = QHBoxLayout(host)
    fits = QPushButton("OK")
    cut = QPushButton("Export the complaint ledger to Excel")
    cut.setFixedWidth(60)
    layout.addWidget(fits)
    layout.addWidget(cut)
    host.resize(400, 60)
    host.show()
    qtbot.waitExposed(host)
    clips = find_clipped(host)
    assert [clip.widget for clip in clips] == ["QPushButton 'Export the complaint ledger to Excel'"]
    assert "needs" in clips[0].reason and "has 60 px" in clips[0].reason

    cut.setFixedWidth(cut.sizeHint().width())
    host.resize(cut.sizeHint().width() + 200, 60)
    assert find_clipped(host) == []


def test_the_clip_detector_flags_cut_labels_widgets_past_the_window_and_a_big_window(qtbot):
    host = QWidget()
    host.setWindowTitle("Host")
    qtbot.addWidget(host)
    label = QLabel("A label much longer than the room it is given", host)
    label.setGeometry(0, 0, 50, 20)
    wrapped = QLabel("Wrapped text over several lines " * 6, host)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 25, 120, 18)
    outside = QPushButton("OK", host)
    outside.setGeometry(350, 10, 100, 30)
    host.resize(400, 100)
    host.show()
    qtbot.waitExposed(host)
    reasons = {
        clip.widget.split(" ")[0] + ":" + clip.reason.split(" ")[0] for clip in find_clipped(host)
    }
    assert reasons == {"QLabel:text", "QLabel:wrapped", "QPushButton:extends"}
    big = find_clipped(host, QRect(0, 0, 300, 90))
    assert any("larger than the screen" in clip.reason for clip in big)


def test_the_screenshots_the_guide_shows_are_in_the_repository():
    root = Path(app.__file__).resolve().parent.parent
    for language in ("zh_CN", "en"):
        assert sorted((root / "docs" / "screenshots" / language).glob("*.png"))
