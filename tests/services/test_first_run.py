"""First run: when a database counts as empty, and the welcome page's dismissal per database."""

from __future__ import annotations

from app.config import Preferences
from app.services import demo_service, first_run, settings_service


def test_an_empty_database_is_welcomed_until_it_holds_a_record(engine):
    assert not first_run.has_records(engine)
    assert first_run.should_welcome(engine)
    # settings are not records: a company name typed on the welcome page keeps it
    settings = settings_service.load(engine)
    settings.company_name = "精工"
    settings_service.save(engine, settings, user="李静")
    assert first_run.should_welcome(engine)
    demo_service.load_demo(engine, customers=1, user="李静")
    assert first_run.has_records(engine)
    assert not first_run.should_welcome(engine)


def test_a_dismissal_is_remembered_for_this_database_only(engine):
    key = first_run.database_key(engine)
    assert "password" not in key.lower()
    assert not first_run.welcome_dismissed(engine)
    first_run.dismiss_welcome(engine)
    first_run.dismiss_welcome(engine)  # once is enough
    assert first_run.welcome_dismissed(engine)
    assert not first_run.should_welcome(engine)
    assert Preferences.load().welcome_dismissed.count(key) == 1
    prefs = Preferences.load()
    prefs.welcome_dismissed.remove(key)
    prefs.save()
    assert first_run.should_welcome(engine)


def test_a_database_is_named_by_its_file_or_its_server(engine):
    key = first_run.database_key(engine)
    if engine.dialect.name == "sqlite":
        assert key.endswith("qualitydesk.sqlite3")
    else:
        assert key.startswith("PostgreSQL ") and engine.url.database in key


def test_the_preferences_keep_only_text_keys():
    import json

    from app.config import config_dir

    path = config_dir() / "preferences.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        path.write_text(json.dumps({"welcome_dismissed": "not a list"}), encoding="utf-8")
        assert Preferences.load().welcome_dismissed == []
        path.write_text(json.dumps({"welcome_dismissed": ["a", "", None, 3]}), encoding="utf-8")
        assert Preferences.load().welcome_dismissed == ["a", "3"]
    finally:
        if kept is None:
            path.unlink()
        else:
            path.write_text(kept, encoding="utf-8")


def test_demo_data_report_progress_and_stop_between_kinds_when_cancelled(engine):
    seen: list[tuple[int, int]] = []
    added = first_run.load_demo_data(
        engine,
        "李静",
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: bool(seen) and seen[-1][0] >= first_run.DEMO_CUSTOMERS,
    )
    assert added == {"customers": first_run.DEMO_CUSTOMERS}
    assert seen[-1] == (first_run.DEMO_CUSTOMERS, first_run.DEMO_STEPS)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert first_run.has_records(engine)
