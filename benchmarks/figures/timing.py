"""Figures, medians and verdicts shared by every benchmark module."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One row of the table: a median of several runs and, where there is one, its baseline."""

    name: str
    target: str  # as the issue states it, e.g. "≤ 50 ms" or "≤ 4× bare"
    value: float | None  # median, in `unit` (seconds are shown as ms or s)
    unit: str  # "s", "MB", "KB"
    limit: float | None = None  # the absolute target in `unit`, if any
    baseline: float | None = None  # median of the baseline, in `unit`
    baseline_name: str = ""
    ratio_limit: float | None = None  # the ratio target, if any
    runs: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        if self.limit is None and self.ratio_limit is None:
            return "—"
        absolute = self.limit is None or self.value <= self.limit
        relative = self.ratio_limit is None or (self.ratio is not None and self.ratio <= self.ratio_limit)  # fmt: skip
        if absolute and relative:
            return "met"
        if relative and self.ratio_limit is not None:
            return f"ratio met; {self.value / self.limit:.2f}× the time"
        if absolute:
            return f"ratio missed ({self.ratio:.2f}×)"
        return f"MISSED ({self.value / self.limit:.2f}× target)"


def show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":  # a few MB (what an export adds) with its decimals, a process's whole
        return f"{value:.2f} MB" if value < 10 else f"{value:.0f} MB"
    if unit == "KB":
        return f"{value:.2f} KB"
    return f"{value:g} {unit}"


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes (garbage collection before it, so a collection owed by earlier
    work does not land in this figure)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(
    app: Callable[[], float],
    baseline: Callable[[], float] | None,
    runs: int,
    warm: bool = True,
) -> tuple[list[float], list[float]]:
    """Alternate baseline and app run by run, so both see the same load of a shared machine.

    app and baseline return their own measurement (seconds, or MB for memory figures)."""
    if warm:
        if baseline is not None:
            baseline()
        app()
    app_samples: list[float] = []
    base_samples: list[float] = []
    for _ in range(runs):
        if baseline is not None:
            base_samples.append(baseline())
        app_samples.append(app())
    return app_samples, base_samples


def median(samples: list[float]) -> float | None:
    return statistics.median(samples) if samples else None
