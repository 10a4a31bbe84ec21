"""Who else is editing a record: begin, heartbeat, end, and editors that went quiet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.services import editing_presence as presence

T0 = datetime(2026, 11, 21, 2, 32, tzinfo=UTC)
PC_A, PC_B, PC_C = "pc-a/1", "pc-b/2", "pc-c/3"


def test_another_client_sees_who_opened_the_record_and_since_when(engine):
    presence.begin(engine, "complaint", "u1", user="李四", client=PC_B, now=T0)
    seen = presence.others(engine, "complaint", "u1", client=PC_A, now=T0 + timedelta(seconds=5))
    assert [(e.user, e.client, e.started_at) for e in seen] == [("李四", PC_B, T0)]
    # not the client itself, not another record, not another kind of record
    assert presence.others(engine, "complaint", "u1", client=PC_B, now=T0) == []
    assert presence.others(engine, "complaint", "u2", client=PC_A, now=T0) == []
    assert presence.others(engine, "customer", "u1", client=PC_A, now=T0) == []


def test_an_editor_without_heartbeat_goes_stale_and_one_with_heartbeats_stays(engine):
    presence.begin(engine, "complaint", "u1", user="李四", client=PC_B, now=T0)
    presence.begin(engine, "complaint", "u1", user="王五", client=PC_C, now=T0)
    later = T0 + presence.STALE_AFTER + timedelta(seconds=30)
    for step in range(1, 6):  # 王五's window stays open and says so every 30 seconds
        presence.heartbeat(
            engine, "complaint", "u1", user="王五", client=PC_C, now=T0 + step * presence.HEARTBEAT
        )
    users = [e.user for e in presence.others(engine, "complaint", "u1", client=PC_A, now=later)]
    assert users == ["王五"]


def test_end_removes_the_editor_and_a_heartbeat_after_cleanup_comes_back(engine):
    presence.begin(engine, "visit_report", "v1", user="李四", client=PC_B, now=T0)
    presence.end(engine, "visit_report", "v1", client=PC_B)
    assert presence.others(engine, "visit_report", "v1", client=PC_A, now=T0) == []
    # a window whose row was cleared as stale (the PC slept) writes it again on its heartbeat
    presence.begin(engine, "visit_report", "v1", user="李四", client=PC_B, now=T0)
    much_later = T0 + timedelta(hours=1)
    presence.begin(engine, "visit_report", "v9", user="王五", client=PC_C, now=much_later)
    presence.heartbeat(engine, "visit_report", "v1", user="李四", client=PC_B, now=much_later)
    seen = presence.others(engine, "visit_report", "v1", client=PC_A, now=much_later)
    assert [(e.user, e.started_at) for e in seen] == [("李四", much_later)]


def test_a_list_reads_the_editors_of_its_rows_in_one_call(engine):
    presence.begin(engine, "return", "r1", user="李四", client=PC_B, now=T0)
    presence.begin(engine, "return", "r1", user="王五", client=PC_C, now=T0 + timedelta(seconds=1))
    presence.begin(engine, "return", "r3", user="王五", client=PC_C, now=T0)
    presence.begin(engine, "return", "r2", user="我", client=PC_A, now=T0)
    editing = presence.editing(engine, "return", ["r1", "r2", "r3", "r4"], client=PC_A, now=T0)
    assert {uuid: [e.user for e in editors] for uuid, editors in editing.items()} == {
        "r1": ["李四", "王五"],
        "r3": ["王五"],
    }
    presence.end_client(engine, PC_C)
    editing = presence.editing(engine, "return", ["r1", "r3"], client=PC_A, now=T0)
    assert {uuid: [e.user for e in editors] for uuid, editors in editing.items()} == {
        "r1": ["李四"]
    }
