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


def _start_seconds(env: dict[str, str], *arguments: str) -> tuple[float, float]:
    """(seconds to the window's first paint, to its overview's first paint: filled); a bare
    window has no overview: its filled is its painted."""
    start, lines = run_child(env, *arguments)
    painted = float(lines["painted"]) - start  # perf_counter is the same clock in both processes
    return painted, float(lines.get("filled", lines["painted"])) - start


def cold_start(data: DataSet, work: Path, env: dict[str, str], runs: int, unclean: bool = False) -> list[Figure]:  # fmt: skip
    """Process start to the main window's first paint (offscreen) against a bare window, and
    to the window filled: its overview painted (the frame is painted before the data layer
    loads, app/ui/application.py).

    unclean: every run ends as a crash does, so each start checks the whole data file."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    mode = "app-window-unclean" if unclean else "app-window"
    filled: list[float] = []

    def app() -> float:
        painted, full = _start_seconds(env, mode, str(folder))
        filled.append(full)
        return painted

    app_samples, bare = paired(app, lambda: _start_seconds(env, "bare-window")[0], runs)
    filled = filled[-runs:]  # not the warm-up start's
    if unclean:
        name = f"  … after an unclean exit (start-up check reads the {data.name} file)"
        note = "each run ends as a crash does, so the next start checks the file (quick_check)"
    else:
        name = f"cold start to painted main window, {data.name} data file (offscreen)"
        note = (
            "closed as a user closes it after each run; a warm-up start first (it checks the "
            "fresh copy and makes the start-up backup); painted: the window's first paint (its "
            "frame: tabs, menus, status bar, before the data layer loads)"
        )
    painted_figure = Figure(
        name,
        "(for comparison)" if unclean else "≤ 0.6 s; ≤ 4× bare",
        median(app_samples),
        "s",
        limit=None if unclean else 0.6,
        baseline=median(bare),
        baseline_name="bare PySide6 window, four tabs",
        ratio_limit=None if unclean else 4.0,
        runs=runs,
        samples=app_samples,
        baseline_samples=bare,
        note=note,
    )
    filled_figure = Figure(
        f"  … the window filled: its overview painted{' (unclean exit)' if unclean else ''}",
        "(for comparison)",
        median(filled),
        "s",
        baseline=median(bare),
        baseline_name="bare PySide6 window, four tabs",
        runs=runs,
        samples=filled,
        baseline_samples=bare,
        note="the overview tab's first paint; its figures are read right after it",
    )
    return [painted_figure, filled_figure]


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


def closed_cleanly(folder: Path) -> None:
    """The data file as the app leaves it when the user closes the window (its note of a clean
    close): the ledger export, which only reads, then opens it without the start-up check, as
    on a user's PC after the app was closed. (After a crash it would first check the whole
    file, quick_check, as the app's start does; the cold start's second row measures that.)
    The export keeps the note, so every run finds the file alike."""
    from app.db import record_clean_close

    record_clean_close(folder / "qualitydesk.sqlite3")


def ledger_export(data: DataSet, work: Path, env: dict[str, str], runs: int) -> tuple[list[Figure], list[float]]:  # fmt: skip
    """Writing every ticket's ledger row to .xlsx, a process each: the process's peak resident
    memory (the target) and what the export adds to it above the process before the export
    (against the same cells written by bare sqlite3 + openpyxl write-only, whose process holds
    far fewer modules); also the app's export seconds (growth table)."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    closed_cleanly(folder)
    out = work / "ledger.xlsx"
    seconds: list[float] = []
    peaks: list[float] = []
    bare_peaks: list[float] = []

    def export_growth(lines: dict[str, str]) -> float:
        """The export's peak above the resident memory before it (the peak is reset then, so
        a higher one reached while the modules loaded does not count)."""
        return (int(lines["export_hwm_kb"]) - int(lines["base_kb"])) / 1024

    def app() -> float:
        lines = run_child(env, "ledger", str(folder), str(out))[1]
        seconds.append(float(lines["seconds"]))
        peaks.append(int(lines["hwm_kb"]) / 1024)
        return export_growth(lines)

    def bare() -> float:
        lines = run_child(env, "ledger-bare", str(folder), str(out))[1]
        bare_peaks.append(int(lines["hwm_kb"]) / 1024)
        return export_growth(lines)

    growth, bare_growth = paired(app, bare, runs, warm=False)
    out.unlink(missing_ok=True)
    peak = Figure(
        f"complaint ledger, {data.name} rows to .xlsx: peak memory of the process",
        "≤ 150 MB",
        median(peaks),
        "MB",
        limit=150,
        baseline=median(bare_peaks),
        baseline_name="same cells, sqlite3 + bare openpyxl write-only",
        runs=runs,
        samples=peaks,
        baseline_samples=bare_peaks,
        note="peak resident memory of the whole process (Python, every module, the export)",
    )
    added = Figure(
        "  … memory the export adds above the process before it",
        "≤ 1.2× bare",
        median(growth),
        "MB",
        baseline=median(bare_growth),
        baseline_name="the same for the bare write-only export",
        ratio_limit=1.2,
        runs=runs,
        samples=growth,
        baseline_samples=bare_growth,
    )
    return [peak, added], seconds


def ledger_seconds(data: DataSet, work: Path, env: dict[str, str], runs: int) -> list[float]:
    """The app's ledger export of every ticket, seconds inside the process (growth table)."""
    folder = work / "start"
    if not folder.exists():
        data.copy_to(folder)
    closed_cleanly(folder)
    out = work / "ledger.xlsx"
    samples = [float(run_child(env, "ledger", str(folder), str(out))[1]["seconds"]) for _ in range(runs)]  # fmt: skip
    out.unlink(missing_ok=True)
    return samples
