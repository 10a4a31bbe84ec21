"""The user name per client: what the audit trail records for everything this PC does."""

from __future__ import annotations

import getpass

import pytest

from app import config
from app.config import Preferences
from app.services import audit_service, customer_service, settings_service
from app.services.customer_service import CustomerData


@pytest.fixture
def prefs(tmp_path, monkeypatch):
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    return Preferences.load()


def _name_clerk(engine, name: str) -> None:
    settings = settings_service.load(engine)
    settings.clerk_name = name
    settings_service.save(engine, settings, user="admin")


def test_this_pcs_user_name_is_recorded_in_the_trail(engine, prefs):
    _name_clerk(engine, "李静")
    prefs.user_name = "王五"
    prefs.save()
    assert settings_service.current_user(engine) == "王五"
    made = customer_service.create(
        engine, CustomerData(code="KH001", name="长春华通"), settings_service.current_user(engine)
    )
    entries = audit_service.history(engine, "customer", made.uuid)
    assert {entry.user for entry in entries} == {"王五"}


def test_without_a_name_on_this_pc(engine, prefs):
    _name_clerk(engine, "李静")
    if engine.dialect.name == "sqlite":  # a data file: the clerk's name, as always
        assert settings_service.current_user(engine) == "李静"
    else:  # a server: the clerk's name is everyone's, each client is its own login
        assert settings_service.current_user(engine) == getpass.getuser()
