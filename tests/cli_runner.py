"""Running the command line as a user does: a separate process, an English system by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(
    *args: str, env_extra: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.pop("QUALITYDESK_DATA_DIR", None)
    env["LC_ALL"] = "C.UTF-8"  # an English system unless --lang says otherwise
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(env_extra or {})
    env["PYTHONPATH"] = str(ROOT)  # `-m app.cli` from any folder
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def one_line(text: str) -> str:
    lines = text.strip("\n").split("\n")
    assert len(lines) == 1, text
    return lines[0]
