"""zh_CN is complete: every visible text of the UI has a Chinese translation, and the .qm is current."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "update_translations", ROOT / "scripts" / "update_translations.py"
)
update_translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_translations)


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_committed_ts_covers_every_text_in_the_source(tmp_path):
    fresh = tmp_path / "fresh.ts"
    update_translations.run_lupdate(fresh)
    in_source = set(_messages(fresh))
    committed = _messages(update_translations.TS_FILE)
    missing = in_source - set(committed)
    assert not missing, f"run scripts/update_translations.py; new texts: {sorted(missing)[:10]}"


def test_every_message_is_translated():
    unfinished = [
        f"{context}|{source}"
        for (context, source), translation in _messages(update_translations.TS_FILE).items()
        if translation is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(translation.itertext()).strip()
    ]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_qm_is_built_from_the_committed_ts(tmp_path):
    ts_copy = tmp_path / "copy.ts"
    shutil.copy(update_translations.TS_FILE, ts_copy)
    qm = tmp_path / "copy.qm"
    update_translations.run_lrelease(ts_copy, qm)
    assert qm.read_bytes() == update_translations.QM_FILE.read_bytes()


def test_chinese_window_shows_chinese(qtbot, window):
    assert window.tabs.tabText(0) == "概览"
    assert window.tabs.tabText(1) == "顾客档案"
    assert (
        window.customers_tab.model.headerData(
            1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal
        )
        == "名称"
    )
    assert window.menuBar().actions()[0].text() == "文件(&F)"
