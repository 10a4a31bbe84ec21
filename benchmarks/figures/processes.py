"""Figures taken in fresh processes: cold start, resident memory, the ledger's peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from figures.datasets import DataSet
from figures.timing import Figure, median, paired

CHILD = Path(__file__).resolve().parent / "child.py"


class ChildFailed(RuntimeError):
    pass


def child_env(cache: Path, config: Path) -> dict[str, str]:
    """Offscreen Qt, a private preferences folder, and compiled bytecode as an installed app has
    (PYTHONDONTWRITEBYTECODE would make every start compile the sources again)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("QUALITYDESK_DATA_DIR", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QUALITYDESK_CONFIG_DIR"] = str(config)
    return env


def run_child(env: dict[str, str], *arguments: str, timeout: float = 900) -> tuple[float, dict[str, str]]:  # fmt: skip
    """Start child.py; (perf_counter at the start, its `key value` lines)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(CHILD), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise ChildFailed(f"{' '.join(arguments)} exited {done.returncode}: " + " | ".join(tail))
    return start, lines


def _paint_seconds(env: dict[str, str], *arguments: str) -> float:
    start, lines = run_child(env, *arguments)
    return float(lines["painted"]) - start  # perf_counter is the same clock in both processes


def cold_start(data: DataSet, work: Path, env: dict[str, str], runs: int) -> Figure:
    """Process start to the main window's first paint (offscreen) against a bare window."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    app, bare = paired(
        lambda: _paint_seconds(env, "app-window", str(folder)),
        lambda: _paint_seconds(env, "bare-window"),
        runs,
    )
    return Figure(
        f"cold start to painted main window, {data.name} data file (offscreen)",
        "≤ 0.6 s; ≤ 4× bare",
        median(app),
        "s",
        limit=0.6,
        baseline=median(bare),
        baseline_name="bare PySide6 window, four tabs",
        ratio_limit=4.0,
        runs=runs,
        samples=app,
        baseline_samples=bare,
        note="a warm-up start first (it makes the start-up backup, as the first start of a day does)",
    )


def resident_memory(data: DataSet, work: Path, env: dict[str, str], runs: int) -> Figure:
    """Resident memory after every tab was visited and its list loaded, against a bare window."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)

    def app() -> float:
        return int(run_child(env, "app-tabs", str(folder))[1]["rss_kb"]) / 1024

    def bare() -> float:
        return int(run_child(env, "bare-window")[1]["rss_kb"]) / 1024

    app_samples, bare_samples = paired(app, bare, runs, warm=False)
    return Figure(
        f"resident memory after visiting every tab, {data.name}",
        "≤ 250 MB",
        median(app_samples),
        "MB",
        limit=250,
        baseline=median(bare_samples),
        baseline_name="bare window (≈ 60 MB)",
        runs=runs,
        samples=app_samples,
        baseline_samples=bare_samples,
    )


def ledger_export(data: DataSet, work: Path, env: dict[str, str], runs: int) -> tuple[Figure, list[float]]:  # fmt: skip
    """Peak resident memory of writing every ticket's ledger row to .xlsx (a process each), against
    the same cells written by bare openpyxl write-only; also the app's export seconds."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    out = work / "ledger.xlsx"
    seconds: list[float] = []

    def app() -> float:
        lines = run_child(env, "ledger", str(folder), str(out))[1]
        seconds.append(float(lines["seconds"]))
        return int(lines["hwm_kb"]) / 1024

    def bare() -> float:
        return int(run_child(env, "ledger-bare", str(folder), str(out))[1]["hwm_kb"]) / 1024

    app_samples, bare_samples = paired(app, bare, runs, warm=False)
    out.unlink(missing_ok=True)
    figure = Figure(
        f"complaint ledger, {data.name} rows to .xlsx: peak memory",
        "≤ 150 MB; ≤ 1.2× bare",
        median(app_samples),
        "MB",
        limit=150,
        baseline=median(bare_samples),
        baseline_name="same cells, sqlite3 + bare openpyxl write-only",
        ratio_limit=1.2,
        runs=runs,
        samples=app_samples,
        baseline_samples=bare_samples,
        note="peak resident memory of the whole process (Python, imports and all)",
    )
    return figure, seconds


def ledger_seconds(data: DataSet, work: Path, env: dict[str, str], runs: int) -> list[float]:
    """The app's ledger export of every ticket, seconds inside the process (growth table)."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    out = work / "ledger.xlsx"
    samples = [float(run_child(env, "ledger", str(folder), str(out))[1]["seconds"]) for _ in range(runs)]  # fmt: skip
    out.unlink(missing_ok=True)
    return samples
