"""Start-up pauses the cycle collector (it would walk the start-up objects hundreds of times);
it must run again afterwards, whatever happened during start-up."""

from __future__ import annotations

import argparse
import gc

import pytest

from app import main
from app.ui import application


@pytest.fixture(autouse=True)
def _collector_restored():
    yield
    gc.unfreeze()
    gc.enable()


def _gui_args() -> argparse.Namespace:
    return argparse.Namespace(data_dir=None, lang=None)


def test_the_collector_is_paused_during_start_up_and_runs_again_after_it(monkeypatch):
    seen: list[bool] = []

    def start(_data_dir, _language, _db_url=None):  # noqa: ANN001, ANN202
        seen.append(gc.isenabled())
        return None  # the window must not open (e.g. the data file is in use)

    monkeypatch.setattr(application, "start_application", start)
    assert main.run_gui(_gui_args()) == 1
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # start-up's objects are set aside, not walked again


def test_the_collector_runs_again_when_start_up_fails(monkeypatch):
    def start(_data_dir, _language, _db_url=None):  # noqa: ANN001, ANN202
        raise RuntimeError("the data file cannot be opened")

    monkeypatch.setattr(application, "start_application", start)
    with pytest.raises(RuntimeError):
        main.run_gui(_gui_args())
    assert gc.isenabled()
