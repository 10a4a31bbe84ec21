"""A laptop's field trip brought home: 1,000 records and 200 photos imported at the office.

Set up once per office data set (not timed): the office makes the laptop's starter file, the
laptop takes it, writes 800 service reports (two parts each) and 200 visit reports (an action
each) for the office's customers, 200 of the reports with a photo (a JPEG of a few hundred kB
as a phone takes it, scaled down), and exports them. Timed, on a fresh copy of the office's
data folder each run: preview (the three-way merge plan) and apply (the verified backup
before the sync, the photos, the records, the audit trail) — what the office's import does.
"""

from __future__ import annotations

import io
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from figures.datasets import DataSet
from figures.timing import Figure, median

USER = "benchmark"
REPORTS, VISITS, PHOTOS = 800, 200, 200


_PHOTOS: dict[int, bytes] = {}
_NOISE: list = []  # the sensor noise, drawn once: it makes the JPEGs as large as a phone's


def _photo(index: int) -> bytes:
    """The trip's photo number `index`: the same on every data set, made once per run."""
    if index not in _PHOTOS:
        _PHOTOS[index] = _draw_photo(random.Random(1000 + index))
    return _PHOTOS[index]


def _draw_photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("RGB", (1600, 1200), (rng.randrange(90, 160),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(1600), rng.randrange(1200)
        color = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300)), fill=color)
    if not _NOISE:
        _NOISE.append(Image.effect_noise((1600, 1200), 24).convert("RGB"))
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(2)), _NOISE[0], 0.15)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _laptop_trip(laptop, folder: Path) -> None:  # noqa: ANN001
    """Write the trip's records straight into the laptop's data file (as sync tests do)."""
    from sqlmodel import Session, select

    from app.models import CorrectiveAction, Customer, ServicePart, ServiceReport, VisitReport
    from app.services import attachment_service, machine

    rng = random.Random(9)
    me = machine.get_machine(laptop)
    service_prefix = machine.prefix_for(me.code, "FW")
    visit_prefix = machine.prefix_for(me.code, "ZF")
    start = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    with Session(laptop) as session:
        customers = [c.id for c in session.exec(select(Customer)).all()]
        reports = []
        for seq in range(1, REPORTS + 1):
            arrived = start + timedelta(hours=seq * 5)
            report = ServiceReport(
                number=machine.format_number(service_prefix, 2026, seq), prefix=service_prefix,
                year=2026, seq=seq, origin=me.id, customer_id=rng.choice(customers),
                arrived_at=arrived, departed_at=arrived + timedelta(hours=6), engineers="张工 李工",
                product_model=rng.choice(["QD-2500 起动机", "JF-1512 发电机", "QD-1800 起动机"]),
                problem_found="装车后起动无力,电刷磨损严重", work_done="更换电刷总成并试车三次正常",
            )  # fmt: skip
            session.add(report)
            reports.append(report)
        session.flush()
        for report in reports:
            for part_no, name in (("DS-12", "电刷总成"), ("ZC-6204", "轴承")):
                session.add(ServicePart(report_id=report.id, part_no=part_no, name=name, quantity=rng.randrange(1, 5)))  # fmt: skip
        for seq in range(1, VISITS + 1):
            visit = VisitReport(
                number=machine.format_number(visit_prefix, 2026, seq), prefix=visit_prefix,
                year=2026, seq=seq, origin=me.id, customer_id=rng.choice(customers),
                visited_on=date(2026, 3, 2) + timedelta(days=seq // 3), visitors="李经理",
                topics="季度质量回顾,交付与包装问题",
            )  # fmt: skip
            session.add(visit)
            session.flush()
            session.add(CorrectiveAction(visit_id=visit.id, description="提供出厂检验报告", owner="质量部", due=date(2026, 4, 1)))  # fmt: skip
        session.commit()
        uuids = [r.uuid for r in reports[:PHOTOS]]
    source = folder / "photo.jpg"
    for index, uuid in enumerate(uuids):
        source.write_bytes(_photo(index))
        attachment_service.add(
            laptop, entity="service_report", entity_uuid=uuid, label="",
            source=source, user=USER, caption=f"现场照片 {index + 1}",
        )  # fmt: skip


def prepare(data: DataSet, work: Path) -> tuple[Path, Path]:
    """(the office's data folder after it made the starter, the laptop's export file)."""
    from app.db import open_database
    from app.services import sync_export, sync_starter

    office_folder = data.copy_to(work / "office")
    laptop_folder = work / "laptop"
    office = open_database(office_folder)
    laptop = open_database(laptop_folder)
    try:
        starter = work / "starter.qdsync"
        sync_starter.make_starter(office, starter, machine_code="L1", user=USER)
        sync_starter.import_starter(laptop, starter, USER)
        _laptop_trip(laptop, work)
        trip = work / "trip.qdsync"
        sync_export.export_for_office(laptop, trip, user=USER)
    finally:
        office.dispose()
        laptop.dispose()
    return office_folder, trip


def import_seconds(office_folder: Path, trip: Path, work: Path) -> float:
    """Preview and apply the trip file on a fresh copy of the office's data folder."""
    import shutil

    from app.db import open_database
    from app.services import sync_import

    target = work / "office-run"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(office_folder, target)
    engine = open_database(target)
    try:
        start = time.perf_counter()
        plan = sync_import.preview(engine, trip)
        done = sync_import.apply(engine, plan, {}, USER)
        seconds = time.perf_counter() - start
    finally:
        engine.dispose()
    if done.get("added", 0) != REPORTS + VISITS:
        raise RuntimeError(f"the trip was not imported as expected: {done}")
    return seconds


def sync_import_figure(large: DataSet, small: DataSet | None, work: Path, runs: int) -> Figure:
    office, trip = prepare(large, work / f"sync-{large.name}")
    reference = prepare(small, work / f"sync-{small.name}") if small is not None else None
    app: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        if reference is not None:
            base.append(import_seconds(*reference, work / f"sync-{small.name}"))
        app.append(import_seconds(office, trip, work / f"sync-{large.name}"))
    size = trip.stat().st_size / 1e6
    # every run shown: the backup reads and writes the whole data file, so the runs move with
    # the state of the disk cache more than those of any other figure
    each = ", ".join(f"{seconds:.2f}" for seconds in app)
    return Figure(
        f"laptop sync import, {REPORTS + VISITS:,} records + {PHOTOS} photos, into {large.name}",
        "≤ 5 s",
        median(app),
        "s",
        limit=5.0,
        baseline=median(base),
        baseline_name=f"the same into the {small.name} data set" if small else "",
        runs=runs,
        samples=app,
        baseline_samples=base,
        note=f"trip file {size:.0f} MB; includes the verified backup before the sync; runs {each} s",
    )
