"""Number prefixes of returns, service reports and visits: set in the settings, used for new
numbers only, checked like the complaint prefix, audited, carried to a laptop by its starter."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from app.models import AuditEntry, Setting
from app.services import complaint_settings, machine, number_prefixes, sync_starter
from app.services.number_prefixes import NumberPrefixes
from app.services.sync_format import SyncFileError
from app.services.validation import ValidationError
from tests.services import sync_factory
from tests.services.complaint_factory import customer
from tests.services.field_factory import write_report, write_visit
from tests.services.return_factory import book
from tests.trail import trail_changes


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages("en")


def trail(engine, key: str = "number_prefixes") -> list[tuple[str, str, str | None, str | None]]:
    rows = trail_changes(engine, AuditEntry.entity_uuid == key)
    return [(r.action, r.field, r.old_value, r.new_value) for r in rows]


def test_defaults_until_set_and_nothing_stored_for_no_change(engine):
    assert number_prefixes.load(engine) == NumberPrefixes("TH", "FW", "ZF")
    number_prefixes.save(engine, NumberPrefixes(), "clerk")
    with Session(engine) as session:
        assert session.get(Setting, "number_prefixes") is None
    assert trail(engine) == []


def test_a_new_return_prefix_numbers_the_next_return_and_old_numbers_stay(engine):
    c = customer(engine)
    old = book(engine, c)
    assert old.number == "TH-2026-0001"
    number_prefixes.save(engine, NumberPrefixes(returns=" RT "), "clerk")
    new = book(engine, c)
    assert new.number == "RT-2026-0001"
    assert book(engine, c).number == "RT-2026-0002"
    from app.services import return_service

    assert return_service.get(engine, old.id).number == "TH-2026-0001"
    assert trail(engine) == [("update", "returns", "TH", "RT")]
    # back to the old prefix: its sequence goes on, no number is given twice
    number_prefixes.save(engine, NumberPrefixes(returns="TH"), "clerk")
    assert book(engine, c).number == "TH-2026-0002"


def test_service_and_visit_prefixes_with_the_laptop_code(engine):
    c = customer(engine)
    before = write_report(engine, c)
    number_prefixes.save(engine, NumberPrefixes(service="SR", visit="VS"), "clerk")
    assert write_report(engine, c).number == "SR-2026-0001"
    assert write_visit(engine, c).number == "VS-2026-0001"
    machine.set_machine_code(engine, "L1", "admin")
    assert write_report(engine, c).number == "SR-L1-2026-0001"
    assert machine.prefix_for(engine, machine.VISIT_PREFIX) == "VS-L1"
    assert machine.prefix_for("L2", machine.VISIT_PREFIX) == "ZF-L2"  # a code alone: default
    assert before.number == "FW-2026-0001"


def test_prefixes_are_shaped_like_the_complaint_prefix_and_distinct(engine):
    shape = "The prefix is 1–10 letters or digits, starting with a letter."
    assert errors_of(
        lambda: number_prefixes.save(engine, NumberPrefixes("1TH", "F-W", "ABCDEFGHIJK"), "x")
    ) == {"returns": shape, "service": shape, "visit": shape}
    assert errors_of(
        lambda: number_prefixes.save(engine, NumberPrefixes("ks", "MY", "ZF"), "x")
    ) == {
        "returns": "The prefix ks already numbers other records; choose another.",
        "service": "The prefix MY already numbers other records; choose another.",
    }
    assert errors_of(
        lambda: number_prefixes.save(engine, NumberPrefixes("TH", "FW", "fw"), "x")
    ) == {"visit": "The prefix fw already numbers other records; choose another."}
    assert number_prefixes.load(engine) == NumberPrefixes()
    # the complaint prefix may not take one of theirs either
    settings = complaint_settings.load(engine)
    settings.number_prefix = "TH"
    assert errors_of(lambda: complaint_settings.save(engine, settings, "x")) == {
        "number_prefix": "The prefix TH already numbers other records; choose another."
    }
    settings.number_prefix = "1KS"
    assert errors_of(lambda: complaint_settings.save(engine, settings, "x")) == {
        "number_prefix": shape
    }


def test_the_starter_file_carries_the_offices_prefixes_to_the_laptop(tmp_path):
    office = sync_factory.open_machine(tmp_path / "office")
    laptop = sync_factory.open_machine(tmp_path / "laptop")
    try:
        sync_factory.add_customer(office)
        number_prefixes.save(office, NumberPrefixes(service="SR", visit="VS"), "office clerk")
        starter = tmp_path / "starter.qdsync"
        sync_starter.make_starter(office, starter, machine_code="L1", user="office clerk")
        sync_starter.import_starter(laptop, starter, "engineer")
        assert number_prefixes.load(laptop) == NumberPrefixes(service="SR", visit="VS")
        assert machine.prefix_for(laptop, machine.SERVICE_PREFIX) == "SR-L1"
        assert trail(laptop) == [("sync", "service", "FW", "SR"), ("sync", "visit", "ZF", "VS")]
        # a second starter with the same prefixes changes nothing
        sync_starter.make_starter(office, starter, machine_code="L1", user="office clerk")
        sync_starter.import_starter(laptop, starter, "engineer")
        assert len(trail(laptop)) == 2
    finally:
        office.dispose()
        laptop.dispose()


def test_an_older_starter_without_prefixes_keeps_the_laptops(tmp_path, monkeypatch):
    office = sync_factory.open_machine(tmp_path / "office")
    laptop = sync_factory.open_machine(tmp_path / "laptop")
    try:
        sync_factory.add_customer(office)
        number_prefixes.save(laptop, NumberPrefixes(service="SR"), "engineer")
        real_write = sync_starter.write

        def old_write(path, **kwargs):  # noqa: ANN001, ANN202
            kwargs["records"]["assign"].pop("prefixes")
            return real_write(path, **kwargs)

        monkeypatch.setattr(sync_starter, "write", old_write)
        starter = tmp_path / "starter.qdsync"
        sync_starter.make_starter(office, starter, machine_code="L1", user="office clerk")
        sync_starter.import_starter(laptop, starter, "engineer")
        assert number_prefixes.load(laptop).service == "SR"

        def bad_write(path, **kwargs):  # noqa: ANN001, ANN202
            kwargs["records"]["assign"]["prefixes"] = {"service": "F-W"}
            return real_write(path, **kwargs)

        monkeypatch.setattr(sync_starter, "write", bad_write)
        sync_starter.make_starter(office, starter, machine_code="L1", user="office clerk")
        with pytest.raises(SyncFileError):
            sync_starter.import_starter(laptop, starter, "engineer")
        assert number_prefixes.load(laptop).service == "SR"
    finally:
        office.dispose()
        laptop.dispose()


def test_a_stored_value_that_is_not_a_prefix_reads_as_the_defaults(engine):
    with Session(engine) as session:
        session.add(Setting(key="number_prefixes", value=json.dumps({"returns": "??"})))
        session.commit()
    assert number_prefixes.load(engine) == NumberPrefixes()
