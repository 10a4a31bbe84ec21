"""Demo returns: every state, links to complaints, photos, through the services."""

from __future__ import annotations

from collections import Counter

from app.services import demo_service, return_service
from app.services.demo_complaints import load_demo_complaints
from app.services.demo_returns import load_demo_returns


def test_demo_returns_cover_every_state_and_top_up_only(engine):
    demo_service.load_demo(engine, 20)
    load_demo_complaints(engine, 20, seed=2)
    assert load_demo_returns(engine, 30, seed=2) == 30
    returns = return_service.list_returns(engine)
    states = Counter(r.status for r in returns)
    assert {"open", "disposed", "archived", "cancelled"} <= set(states)
    assert any(r.bulk for r in returns)
    assert any(r.urgent_production for r in returns)
    assert any(r.complaint is not None for r in returns)
    assert all(r.complaint is None or r.complaint.number.startswith("KS-") for r in returns)
    assert any(line.attachments for r in returns for line in r.lines)
    assert any(not line.inspected for r in returns if r.status == "open" for line in r.lines)
    assert load_demo_returns(engine, 30, seed=2) == 0


def test_no_customers_no_returns(engine):
    assert load_demo_returns(engine, 10) == 0
