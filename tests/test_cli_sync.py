"""`qualitydesk sync …`: a laptop's records brought home through the command line, two data files."""

from __future__ import annotations

from sqlmodel import Session, select

from app.db import open_database
from app.models import ServiceReport
from app.services import machine
from tests.cli_runner import one_line, run
from tests.services.sync_factory import (
    add_customer,
    add_service_report,
    edit,
    get,
    trail_count,
)


def _data(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    return folder


def test_starter_export_import_and_conflicts_on_the_command_line(tmp_path):
    office_dir, laptop_dir = _data(tmp_path, "office"), _data(tmp_path, "laptop")
    office = open_database(office_dir)
    add_customer(office)
    office.dispose()
    starter, trip = tmp_path / "starter.qdsync", tmp_path / "trip.qdsync"

    made = run("--data-dir", str(office_dir), "sync", "starter", "-o", str(starter), "--machine-code", "L1")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "1 customer(s)" in made.stdout
    taken = run("--data-dir", str(laptop_dir), "sync", "starter-import", str(starter))
    assert taken.returncode == 0, taken.stderr
    assert one_line(taken.stdout).startswith("Machine code L1; customers: 1 added")

    laptop = open_database(laptop_dir)
    assert machine.machine_code(laptop) == "L1"
    report = add_service_report(laptop)
    laptop.dispose()
    exported = run("--data-dir", str(laptop_dir), "sync", "export", "-o", str(trip))
    assert exported.returncode == 0, exported.stderr
    assert "1 service report(s)" in exported.stdout

    merged = run("--data-dir", str(office_dir), "sync", "import", str(trip))
    assert merged.returncode == 0, merged.stderr
    assert "service reports: 1 new" in merged.stdout
    office = open_database(office_dir)
    assert get(office, report).number == "FW-L1-2026-0001"

    # changed on both sides: listed, exit 1, nothing written
    edit(office, report, work_done="办公室版本")
    laptop = open_database(laptop_dir)
    edit(laptop, report, work_done="笔记本版本")
    laptop.dispose()
    assert run("--data-dir", str(laptop_dir), "sync", "export", "-o", str(trip)).returncode == 0
    before = trail_count(office)
    office.dispose()
    refused = run("--data-dir", str(office_dir), "sync", "import", str(trip))
    assert refused.returncode == 1
    assert refused.stdout.strip().split("\t") == [
        "conflict", "FW-L1-2026-0001", "changed on both sides", "work_done",
    ]  # fmt: skip
    assert "--keep" in one_line(refused.stderr)
    office = open_database(office_dir)
    assert get(office, report).work_done == "办公室版本"
    assert trail_count(office) == before
    office.dispose()

    kept = run("--data-dir", str(office_dir), "sync", "import", str(trip), "--keep", "laptop")
    assert kept.returncode == 0, kept.stderr
    office = open_database(office_dir)
    assert get(office, report).work_done == "笔记本版本"
    with Session(office) as session:
        assert len(session.exec(select(ServiceReport)).all()) == 1
    office.dispose()

    # nothing new: an ordinary export is empty, --all carries every report again
    again = run("--data-dir", str(laptop_dir), "sync", "export", "-o", str(trip))
    assert "0 service report(s)" in again.stdout
    everything = run("--data-dir", str(laptop_dir), "sync", "export", "--all", "-o", str(trip))
    assert everything.returncode == 0 and "1 service report(s)" in everything.stdout
    same = run("--data-dir", str(office_dir), "sync", "import", str(trip))
    assert same.returncode == 0 and "1 unchanged" in same.stdout


def test_a_damaged_file_is_refused_with_its_reason(tmp_path):
    office_dir = _data(tmp_path, "office")
    damaged = tmp_path / "damaged.qdsync"
    damaged.write_bytes(b"PK\x03\x04 cut short")
    result = run("--data-dir", str(office_dir), "sync", "import", str(damaged))
    assert result.returncode == 1
    assert "damaged.qdsync is not a QualityDesk sync file" in one_line(result.stderr)
    chinese = run("--lang", "zh_CN", "--data-dir", str(office_dir), "sync", "import", str(damaged))
    assert "不是 QualityDesk 同步文件" in one_line(chinese.stderr)


def test_help_names_the_sync_commands():
    result = run("--help")
    for text in ("sync export -o FILE.qdsync", "sync import FILE.qdsync [--keep office|laptop]",
                 "sync starter -o FILE.qdsync --machine-code L1", "sync starter-import"):  # fmt: skip
        assert text in result.stdout, text
    assert "--keep" in run("sync", "import", "--help").stdout


def test_a_bad_machine_code_is_refused(tmp_path):
    office_dir = _data(tmp_path, "office")
    result = run("--data-dir", str(office_dir), "sync", "starter", "-o", str(tmp_path / "s.qdsync"), "--machine-code", "L 1")  # fmt: skip
    assert result.returncode == 1
    assert "machine code" in one_line(result.stderr)
    assert not (tmp_path / "s.qdsync").exists()
