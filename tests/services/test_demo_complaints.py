"""Demo tickets: every state, actions with history, reopenings and photos, through the services."""

from __future__ import annotations

from collections import Counter

from app.services import attachment_service, complaint_service, demo_service
from app.services.demo_complaints import demo_photo, load_demo_complaints


def test_demo_tickets_cover_every_state_and_top_up_only(engine):
    demo_service.load_demo(engine, 20)
    assert load_demo_complaints(engine, 30, seed=3) == 30
    tickets = complaint_service.list_complaints(engine)
    states = Counter(t.status for t in tickets)
    assert {"open", "closed", "reopened", "cancelled"} <= set(states)
    assert any(t.number.endswith("-1") and t.origin is not None for t in tickets)
    assert any(a.history for t in tickets for a in t.actions)  # a not-effective verification
    assert any(t.attachments for t in tickets)
    # the photos' bytes are stored (beside a data file, in a server's database)
    assert all(attachment_service.read_bytes(engine, a) for t in tickets for a in t.attachments)
    assert any(t.current_step == 1 for t in tickets if t.status == "open")
    assert load_demo_complaints(engine, 30, seed=3) == 0
    # some problems come back (the summaries' repeat problems 经常)
    problems = Counter(
        (t.customer_id, t.part_no, t.defect_category) for t in tickets if t.reopen_index == 0
    )
    assert max(problems.values()) >= 2


def test_no_customers_no_tickets(engine):
    assert load_demo_complaints(engine, 10) == 0


def test_demo_photo_is_a_png():
    assert demo_photo(1, "KS-2026-0001 异响").startswith(b"\x89PNG")
