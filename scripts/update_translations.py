"""Regenerate resources/i18n from the source: pyside6-lupdate, fill from the glossary, pyside6-lrelease.

The .ts file is never edited by hand: lupdate extracts every self.tr() text, this script
fills the Chinese translation from resources/i18n/zh_CN.json (source text -> translation,
or "Context|source" for a context-specific one), and lrelease builds the .qm the app loads.
Texts missing from the glossary stay "unfinished" and the translation test fails.

    uv run python scripts/update_translations.py            # update .ts and .qm
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"
TS_FILE = I18N / f"qualitydesk_{LANGUAGE}.ts"
QM_FILE = I18N / f"qualitydesk_{LANGUAGE}.qm"
GLOSSARY = I18N / f"{LANGUAGE}.json"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def ui_sources() -> list[Path]:
    return sorted((ROOT / "app" / "ui").rglob("*.py"))


def run_lupdate(ts_file: Path) -> None:
    sources = [str(p.relative_to(ROOT)) for p in ui_sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def fill(ts_file: Path, glossary: dict[str, str]) -> list[str]:
    """Write translations from the glossary into ts_file; return the texts still missing."""
    tree = ET.parse(ts_file)
    missing: list[str] = []
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            text = glossary.get(f"{context_name}|{source}", glossary.get(source))
            if text is None:
                translation.set("type", "unfinished")
                missing.append(f"{context_name}|{source}")
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return missing


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )


def main() -> int:
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    run_lupdate(TS_FILE)
    missing = fill(TS_FILE, glossary)
    run_lrelease(TS_FILE, QM_FILE)
    if missing:
        print("Untranslated texts (add them to resources/i18n/zh_CN.json):")
        for text in missing:
            print("  " + json.dumps(text, ensure_ascii=False))
        return 1
    print(f"{TS_FILE.name}: all texts translated; {QM_FILE.name} built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
