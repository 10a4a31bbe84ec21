"""Customer-loss analysis: annual volume year on year, each kind, biggest decline first."""

from __future__ import annotations

import pytest

from app.services.customer_loss import customer_loss, loss_kind
from tests.services.survey_factory import customer


@pytest.mark.parametrize(
    ("previous", "current", "status", "kind"),
    [
        (100.0, None, "active", "lost"),  # bought last year, nothing recorded this year
        (100.0, 0.0, "active", "lost"),
        (100.0, 120.0, "lost", "lost"),  # marked lost wins
        (100.0, 60.0, "active", "fell"),
        (100.0, 100.0, "active", "stable"),
        (100.0, 100.5, "active", "grew"),
        (None, 30.0, "active", "new"),
        (None, 30.0, "lost", "lost"),  # bought only this year, then marked lost
        (0.0, 30.0, "active", "new"),
        (None, None, "active", None),
        (0.0, 0.0, "lost", None),
    ],
)
def test_each_kind(previous, current, status, kind):
    assert loss_kind(previous, current, status) == kind


def test_rows_by_biggest_decline_with_totals(engine):
    customer(engine, "LOST", volumes={2025: 80}, sales_rep="王")
    customer(engine, "FELL", volumes={2025: 100, 2026: 70})
    customer(engine, "FLAT", volumes={2025: 50, 2026: 50})
    customer(engine, "GREW", volumes={2025: 10, 2026: 40})
    customer(engine, "NEW", volumes={2026: 5})
    customer(engine, "GONE", volumes={2025: 200, 2026: 90}, status="lost")
    customer(engine, "OLD", volumes={2023: 500})  # nothing in either year: left out
    customer(engine, "NONE")
    loss = customer_loss(engine, 2026)
    assert [(r.customer_code, r.kind, r.change_wan) for r in loss.rows] == [
        ("GONE", "lost", -110.0),
        ("LOST", "lost", -80.0),
        ("FELL", "fell", -30.0),
        ("FLAT", "stable", 0.0),
        ("NEW", "new", 5.0),
        ("GREW", "grew", 30.0),
    ]
    assert (loss.year, loss.previous_total, loss.current_total) == (2026, 440.0, 255.0)
    assert (loss.count("lost"), loss.count("fell"), loss.count("new")) == (2, 1, 1)
    fell = loss.rows[2]
    assert (fell.previous_wan, fell.current_wan, fell.change_pct) == (100.0, 70.0, -30.0)
    assert loss.rows[1].sales_rep == "王" and loss.rows[1].current_wan is None
    assert loss.rows[4].change_pct is None  # new: no base to compare with


def test_no_volumes_no_rows(engine):
    customer(engine, "A")
    loss = customer_loss(engine, 2026)
    assert (loss.rows, loss.previous_total, loss.current_total) == ([], 0.0, 0.0)
