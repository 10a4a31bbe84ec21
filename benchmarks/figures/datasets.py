"""The benchmark data sets (1k, 10k, 100k complaints), built once into a cache folder.

A data set is a data folder (qualitydesk.sqlite3 and its attachments/) made by the large demo
generator (app.services.demo_scale) or, where that module is missing, by the older bulk filler
of benchmarks/complaint_list.py plus actions. Its cache key is the builder, its plan (with the
generator's VERSION) and the newest migration: a schema change, a new generator or a different
plan builds a new one, never reuses a stale file. The cached folder is never opened by a figure: each run works on copies.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.config import DB_FILENAME

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def size_name(complaints: int) -> str:
    """1000 → "1k", 100000 → "100k", 250 → "250": a data set's name from its size."""
    return f"{complaints // 1000}k" if complaints % 1000 == 0 else str(complaints)


def size_of(name: str) -> int:
    return SIZES.get(name) or (int(name[:-1]) * 1000 if name.endswith("k") else int(name))


SEED = 1
BENCH_DIR = Path(__file__).resolve().parent.parent


def default_cache() -> Path:
    return Path(platformdirs.user_cache_dir("QualityDesk")) / "benchmarks"


def migration_head() -> str:
    from alembic.script import ScriptDirectory

    from app.db import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or "none"


def _committed(path: Path) -> bool:
    """Whether git knows the file (a generator half-written in a working tree is not used)."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "--error-unmatch", str(path)],
            cwd=path.parent, capture_output=True, check=False,
        )  # fmt: skip
    except OSError:
        return path.exists()  # no git: a plain copy of the sources
    return done.returncode == 0


def _builder(choice: str = "auto") -> tuple[str, object]:
    """("demo_scale", module) when the large demo generator is there, else ("fill", None)."""
    if choice == "fill":
        return "fill", None
    source = BENCH_DIR.parent / "app" / "services" / "demo_scale.py"
    if choice == "auto" and not _committed(source):
        return "fill", None
    from app.services import demo_scale

    return "demo_scale", demo_scale


@dataclass(frozen=True)
class DataSet:
    name: str  # "1k", "10k", "100k" (or "250": see size_name)
    complaints: int
    folder: Path  # the cached data folder (never written after it was built)
    builder: str
    counts: dict[str, int]
    build_seconds: float

    @property
    def database(self) -> Path:
        return self.folder / DB_FILENAME

    def copy_to(self, target: Path) -> Path:
        """A private copy of the data folder (for figures that write or lock it)."""
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.folder, target, ignore=shutil.ignore_patterns("meta.json"))
        return target


def _plan_text(builder: str, module: object, complaints: int) -> str:
    if builder == "demo_scale":
        plan = module.ScalePlan.for_complaints(complaints, seed=SEED)  # type: ignore[attr-defined]
        # the generator's VERSION changes when what it makes changes: a new data set then
        return f"{plan!r} version={getattr(module, 'VERSION', '')}"
    return f"complaint_list.fill({complaints}, seed=7) + actions(seed=7)"


def _key(builder: str, plan_text: str, head: str) -> str:
    return hashlib.sha256(f"{builder}\n{plan_text}\n{head}".encode()).hexdigest()[:12]


def _build_with_fill(engine, complaints: int) -> dict[str, int]:  # noqa: ANN001
    sys.path.insert(0, str(BENCH_DIR))
    try:
        from complaint_list import fill
        from summaries import _complete
    finally:
        sys.path.remove(str(BENCH_DIR))
    fill(engine, complaints)
    _complete(engine, seed=7)
    return {"complaints": complaints}


def _build(folder: Path, builder: str, module: object, complaints: int) -> dict[str, int]:
    from app.db import open_database

    engine = open_database(folder)
    try:
        if builder == "demo_scale":
            plan = module.ScalePlan.for_complaints(complaints, seed=SEED)  # type: ignore[attr-defined]
            counts = dict(module.build(engine, plan))  # type: ignore[attr-defined]
        else:
            counts = _build_with_fill(engine, complaints)
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    # one self-contained file: the journal folded in, so a copy is the whole data set
    connection = sqlite3.connect(folder / DB_FILENAME)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        side = folder / f"{DB_FILENAME}{suffix}"
        if side.exists() and side.stat().st_size == 0:
            side.unlink()
    shutil.rmtree(folder / "backups", ignore_errors=True)
    return counts


def get(name: str, cache: Path, rebuild: bool = False, log=print, builder: str = "auto") -> DataSet:  # noqa: ANN001
    """The cached data set `name`, built first when missing (or when rebuild is asked).

    builder: "demo_scale", "fill", or "auto" (demo_scale once it is committed)."""
    complaints = size_of(name)
    builder, module = _builder(builder)
    plan_text = _plan_text(builder, module, complaints)
    head = migration_head()
    folder = cache / f"{name}-{builder}-{_key(builder, plan_text, head)}"
    meta_path = folder / "meta.json"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not meta_path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".building-{name}-", dir=cache))
        log(f"building data set {name} ({complaints:,} complaints, {builder}) in {folder} …")
        start = time.perf_counter()
        try:
            counts = _build(work, builder, module, complaints)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        seconds = time.perf_counter() - start
        meta = {"name": name, "complaints": complaints, "builder": builder, "plan": plan_text,
                "migration_head": head, "counts": counts, "build_seconds": round(seconds, 1)}  # fmt: skip
        (work / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(work, folder)
        log(f"  built in {seconds:.0f} s")
    meta = json.loads(meta_path.read_text())
    return DataSet(name, complaints, folder, builder, meta["counts"], meta["build_seconds"])
