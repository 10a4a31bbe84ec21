"""QualityDesk at 1,000 / 10,000 / 100,000 complaints: every figure of issue 9 in one table.

    uv run python benchmarks/run.py [--quick | --sizes N …] [--runs N] [--cache DIR] [--only WORDS] [--markdown FILE]

The data sets are built once into a cache folder (default: the user cache folder's
QualityDesk/benchmarks; keyed by the generator's plan and the newest migration) and copied
before use. Each figure is the median of several runs and, where the issue names one, is
divided by a baseline measured in the same run on the same data, alternating run by run
with the app's: on a shared or slow machine the ratio still says how the app does.
--quick: the 1k and 10k data sets only (the "large" figures then run on 10k).
--server URL: the list and search figures also on a PostgreSQL server holding the large data set.
--sizes: other data sets, by their complaints (the smallest is the baseline, the largest the
"large"); the test suite runs every figure on two small ones so that the command keeps working.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import datasets, lists, pdfs, processes, reports, server, storage, sync_trip  # noqa: E402
from figures.timing import Figure, median, paired, show  # noqa: E402

HERE = Path(__file__).resolve().parent


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
        memory_text = f", {memory:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        memory_text = ""
    from PySide6 import __version__ as pyside

    load = (
        ", load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    )
    return (
        f"{cpu}, {os.cpu_count()} CPUs{memory_text}{load}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, PySide6 {pyside}"
    )


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE, capture_output=True, text=True).stdout.strip()  # fmt: skip
    except OSError:
        return "?"
    return head + (" + uncommitted changes" if dirty else "")


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.runs = args.runs
        self.heavy_runs = max(1, min(args.runs, 3))
        self.cache = Path(args.cache).expanduser() if args.cache else datasets.default_cache()
        if args.sizes:
            self.names = [datasets.size_name(n) for n in sorted(set(args.sizes))]
        else:
            self.names = ["1k", "10k"] if args.quick else ["1k", "10k", "100k"]
        self.large = self.names[-1]
        self.work = Path(tempfile.mkdtemp(prefix="qd-bench-run-"))
        self.env = processes.child_env(self.cache, self.work / "config")
        self.sets: dict[str, datasets.DataSet] = {}
        self.engines: dict = {}
        self.figures: list[Figure] = []
        self.growth: dict[str, dict[str, float | None]] = {}
        self.failures: list[str] = []

    def wanted(self, key: str) -> bool:
        return not self.args.only or any(word in key for word in self.args.only)

    def folder(self, name: str) -> Path:
        return self.work / name

    def engine(self, name: str):  # noqa: ANN201
        """The app's engine on this run's working copy of a data set (opened once)."""
        if name not in self.engines:
            from app.db import open_database

            copy = self.sets[name].copy_to(self.folder(name) / "data")
            self.engines[name] = open_database(copy)
        return self.engines[name]

    def database(self, name: str) -> Path:
        self.engine(name)
        return self.folder(name) / "data" / "qualitydesk.sqlite3"

    def step(self, key: str, label: str, fn: Callable[[], None]) -> None:
        if not self.wanted(key):
            return
        log(f"· {label}")
        start = time.perf_counter()
        try:
            fn()
        except Exception as error:  # noqa: BLE001  (one broken figure must not lose the others)
            traceback.print_exc()
            self.failures.append(f"{label}: {error.__class__.__name__}: {error}")
        log(f"  ({time.perf_counter() - start:.0f} s)")

    # ------------------------------------------------------------------ the figures

    def start_up(self) -> None:
        data, folder = self.sets[self.large], self.folder(self.large)
        self.figures.extend(processes.cold_start(data, folder, self.env, self.runs))
        self.figures.extend(
            processes.cold_start(data, folder, self.env, self.heavy_runs, unclean=True)
        )

    def lists(self) -> None:
        for name in self.names:
            figure = lists.list_first_page(self.engine(name), self.database(name), self.runs, name)
            self.growth.setdefault("complaint list, first page shown", {})[name] = figure.value
            if name == self.large:
                self.figures.append(figure)

    def search(self) -> None:
        terms = lists.search_terms([self.database(name) for name in self.names])
        for name in self.names:
            for size, text in terms.items():
                figure = lists.search_keystroke(self.engine(name), self.database(name), text, self.runs, name)  # fmt: skip
                self.growth.setdefault(f"search '{text}' ({size} characters), first page shown", {})[name] = figure.value  # fmt: skip
                if name == self.large:
                    self.figures.append(figure)

    def on_server(self) -> None:
        """The list and the searches again on a PostgreSQL server holding the large data set;
        the baseline is the same figure on the data file, measured above in this run."""
        engine = server.engine_holding(self.sets[self.large], self.args.server, self.work, self.env, log)  # fmt: skip
        self.engines["server"] = engine
        label = f"{self.large} on PostgreSQL"
        database = self.database(self.large)  # the same records: the expected first rows
        found = [lists.list_first_page(engine, database, self.runs, label)]
        for text in lists.search_terms([self.database(name) for name in self.names]).values():
            found.append(lists.search_keystroke(engine, database, text, self.runs, label))
        for figure in found:
            same = next((f for f in self.figures if f.name == figure.name.replace(label, self.large)), None)  # fmt: skip
            figure.baseline = same.value if same else None
            figure.baseline_samples = same.samples if same else []
            figure.baseline_name = "the same on the data file (SQLite), above" if same else ""
            self.figures.append(figure)

    def eight_d(self) -> None:
        count = 1000 if self.large == "100k" else 200
        count = min(count, max(1, datasets.size_of(self.large) // 5))
        one, bulk = pdfs.eight_d(self.engine(self.large), count, self.large)
        self.figures += [one, bulk]

    def ledger(self) -> None:
        for name in self.names:
            if name == self.large:
                figures, seconds = processes.ledger_export(self.sets[name], self.folder(name), self.env, self.heavy_runs)  # fmt: skip
                self.figures += figures
            else:
                seconds = processes.ledger_seconds(self.sets[name], self.folder(name), self.env, self.heavy_runs)  # fmt: skip
            self.growth.setdefault("complaint ledger, every ticket to .xlsx", {})[name] = median(seconds)  # fmt: skip

    def monthly_summary(self) -> None:
        small, large = self.engine(self.names[0]), self.engine(self.large)
        month_small, month_large = reports.last_whole_month(small), reports.last_whole_month(large)
        app, base = paired(
            lambda: reports.monthly_summary_seconds(large, month_large),
            lambda: reports.monthly_summary_seconds(small, month_small),
            self.runs,
        )
        self.figures.append(
            Figure(
                f"monthly summary workbook on {self.large} ({month_large:%Y-%m})",
                "≤ 3 s",
                median(app),
                "s",
                limit=3.0,
                baseline=median(base),
                baseline_name=f"the same on {self.names[0]}",
                runs=self.runs,
                samples=app,
                baseline_samples=base,
            )  # fmt: skip
        )

    def against_the_smallest(
        self, opener: Callable[[object], Callable[[], float]], name: str, target: str,
        limit: float | None = None,
    ) -> None:  # fmt: skip
        """A figure on the large data set, its baseline the same on the smallest one."""
        app, base = paired(
            opener(self.engine(self.large)), opener(self.engine(self.names[0])), self.runs
        )
        self.figures.append(
            Figure(
                name,
                target,
                median(app),
                "s",
                limit=limit,
                baseline=median(base),
                baseline_name=f"the same on {self.names[0]}",
                runs=self.runs,
                samples=app,
                baseline_samples=base,
            )  # fmt: skip
        )

    def overview(self) -> None:
        self.against_the_smallest(
            lists.overview_opener, f"overview tab open on {self.large}", "≤ 0.5 s", limit=0.5
        )

    def ticket_window(self) -> None:
        # not a figure of the issue: what a double-click in the list costs, which grew with
        # the customers until 2026-11-21 (every customer's list line read for the picker)
        self.against_the_smallest(
            lists.ticket_window_opener,
            f"a stored ticket's window opened and painted, {self.large}",
            "(for comparison)",
        )

    def sync(self) -> None:
        small = self.sets[self.names[0]]
        self.figures.append(
            sync_trip.sync_import_figure(self.sets[self.large], small, self.work, self.heavy_runs)
        )

    def size(self) -> None:
        data = self.sets[self.large]
        ours, whole, _families = storage.bytes_per_complaint(data.database)
        self.figures.append(
            Figure(
                f"data file size per complaint (with actions, no photos), {self.large}",
                "≤ 4 KB",
                ours,
                "KB",
                limit=4.0,
                runs=1,
                note=f"complaint tables, their indexes and their audit rows; the whole file "
                f"is {whole:.2f} KB per complaint ({data.builder} data set: "
                f"{storage.trail_entries_per_complaint(data.database):.1f} trail entries a ticket)",
            )  # fmt: skip
        )
        # the large generator writes each ticket whole, one trail entry; a user saves it in steps
        entered = storage.services_data_file(self.folder("services"))
        ours, whole, _families = storage.bytes_per_complaint(entered)
        self.figures.append(
            Figure(
                f"  … tickets entered through the services ({storage.SERVICE_TICKETS}, with "
                "their whole audit trail)",
                "≤ 4 KB",
                ours,
                "KB",
                limit=4.0,
                runs=1,
                note=f"the same tables; {storage.trail_entries_per_complaint(entered):.1f} trail "
                "entries a ticket (standard demo)",
            )  # fmt: skip
        )

    def memory(self) -> None:
        self.figures.append(
            processes.resident_memory(
                self.sets[self.large], self.folder(self.large), self.env, self.heavy_runs
            )  # fmt: skip
        )

    # ------------------------------------------------------------------ running

    def execute(self) -> None:
        quiet_qt()
        started = datetime.now().astimezone()
        self.machine = machine_line()
        for name in self.names:
            self.sets[name] = datasets.get(
                name, self.cache, rebuild=self.args.rebuild, log=log, builder=self.args.builder
            )
        steps = [
            ("start", "cold start", self.start_up),
            ("list", "complaint list", self.lists),
            ("search", "search as you type", self.search),
            *(
                [("server", "list and search on the PostgreSQL server", self.on_server)]
                if self.args.server
                else []
            ),  # fmt: skip
            ("8d", "8D reports", self.eight_d),
            ("ledger", "ledger export", self.ledger),
            ("summary", "monthly summary workbook", self.monthly_summary),
            ("overview", "overview tab", self.overview),
            ("window", "a ticket's window", self.ticket_window),
            ("sync", "laptop sync import", self.sync),
            ("size", "data file size", self.size),
            ("memory", "resident memory", self.memory),
        ]
        for key, label, fn in steps:
            self.step(key, label, fn)
        for engine in self.engines.values():
            engine.dispose()
        self.finished = datetime.now().astimezone()
        self.started = started

    def table(self, markdown: bool = False) -> str:
        head = ["figure", "target", "measured", "baseline (same run)", "ratio", "verdict"]
        rows = []
        for f in self.figures:
            base = (
                f"{show(f.baseline, f.unit)} {f.baseline_name}" if f.baseline is not None else "—"
            )
            ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
            measured = show(f.value, f.unit) + (f" (n={f.runs})" if f.runs > 1 else "")
            rows.append([f.name, f.target, measured, base, ratio, f.verdict])
        grow_head = ["growth (median)", *self.names, f"{self.names[-1]} / {self.names[0]}"]
        grow_rows = []
        for label, values in self.growth.items():
            cells = [show(values.get(n), "s") for n in self.names]
            first, last = values.get(self.names[0]), values.get(self.names[-1])
            grow_rows.append([label, *cells, f"{last / first:.2f}×" if first and last else "—"])
        return _render(head, rows, markdown) + "\n\n" + _render(grow_head, grow_rows, markdown)

    def notes(self) -> list[str]:
        lines = [f"- {f.name}: {f.note}" for f in self.figures if f.note]
        sets = ", ".join(
            f"{d.name} = {d.complaints:,} complaints ({d.builder}, built in {d.build_seconds:.0f} s)"
            for d in self.sets.values()
        )
        return [f"data sets: {sets}", *lines]


def quiet_qt() -> None:
    """The offscreen platform warns about window size hints at every window; not a finding."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:  # noqa: ANN001
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _render(head: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="1k and 10k data sets only")
    sizes.add_argument(
        "--sizes", nargs="+", type=int, metavar="N",
        help="data sets of these many complaints instead (at least two; the smallest is the baseline)",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    parser.add_argument("--cache", help="the data sets' cache folder")
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument(
        "--builder", choices=("auto", "demo_scale", "fill"), default="auto",
        help="what builds the data sets: the large demo (app.services.demo_scale), the older "
        "bulk filler of benchmarks/complaint_list.py, or auto (the demo once committed)",
    )  # fmt: skip
    parser.add_argument(
        "--only", nargs="+", metavar="WORD",
        help="only these figures: start list search server 8d ledger summary overview window sync size memory",
    )  # fmt: skip
    parser.add_argument("--markdown", help="also write the tables as Markdown to this file")
    parser.add_argument(
        "--server", metavar="URL",
        help="also measure the list and search with the largest data set on this PostgreSQL "
        "database (empty, or holding that data set from an earlier run)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the working copies (printed)")
    args = parser.parse_args(argv)
    if args.sizes and (len(set(args.sizes)) < 2 or min(args.sizes) < 20):
        parser.error("--sizes needs at least two different sizes of 20 complaints or more")
    run = Run(args)
    try:
        run.execute()
    finally:
        if args.keep:
            log(f"working copies kept in {run.work}")
        else:
            shutil.rmtree(run.work, ignore_errors=True)
    header = (
        f"QualityDesk benchmarks, {run.started:%Y-%m-%d %H:%M} – {run.finished:%H:%M %Z}, "
        f"commit {commit()}\n{run.machine}"
    )
    print(header)
    print()
    print(run.table())
    print()
    print("\n".join(run.notes()))
    for failure in run.failures:
        print(f"NOT MEASURED: {failure}")
    if args.markdown:
        text = "\n\n".join([header.replace("\n", "  \n"), run.table(markdown=True), "\n".join(run.notes())])  # fmt: skip
        Path(args.markdown).write_text(text + "\n", encoding="utf-8")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
