"""First run: is this database still empty, was its welcome page dismissed, the demo data.

The welcome page (app/ui/welcome.py) is shown while the database holds no records and its
user has not dismissed it. The dismissal is remembered on this PC per database (the data
file's path or the server's user@host:port/db), in the preferences, not in the database: an
empty server database must stay empty for `qualitydesk migrate-to`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select

from app.config import Preferences, data_file_key
from app.db import describe_database
from app.models import (
    Complaint,
    Customer,
    ReturnReceipt,
    ServiceReport,
    SurveyCampaign,
    VisitReport,
)

# the records a clerk keeps; settings, the audit trail and templates are not "records"
RECORD_MODELS = (Customer, Complaint, ReturnReceipt, SurveyCampaign, ServiceReport, VisitReport)

# what "Load demo data" adds: the demo command's defaults (qualitydesk demo)
DEMO_CUSTOMERS = 200
DEMO_COMPLAINTS = 60
DEMO_RETURNS = 40
DEMO_SURVEYS = 4
DEMO_STEPS = DEMO_CUSTOMERS + DEMO_COMPLAINTS + DEMO_RETURNS + DEMO_SURVEYS + 1  # 1: field work


def has_records(engine: Engine) -> bool:
    """True as soon as one customer, ticket, return, survey or field report is stored.

    Asked while the window is built: plain table reads, which do not need SQLAlchemy's ORM
    set up first (its first use configures every mapper, ~20 ms before the first paint)."""
    with engine.connect() as connection:
        for model in RECORD_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            if connection.execute(select(table.c.id).limit(1)).first() is not None:
                return True
    return False


def database_key(engine: Engine) -> str:
    """How this database is named among the dismissed welcome pages."""
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return data_file_key(Path(engine.url.database))
    return describe_database(engine.url)


def welcome_dismissed(engine: Engine) -> bool:
    return database_key(engine) in Preferences.load().welcome_dismissed


def dismiss_welcome(engine: Engine) -> None:
    """This PC does not show this database's welcome page again."""
    prefs = Preferences.load()
    key = database_key(engine)
    if key not in prefs.welcome_dismissed:
        prefs.welcome_dismissed.append(key)
        prefs.save()


def should_welcome(engine: Engine) -> bool:
    return not welcome_dismissed(engine) and not has_records(engine)


def load_demo_data(
    engine: Engine,
    user: str,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """The demo command's records: customers, complaints, returns, surveys and a month of
    field work, each through its service (validation, audit trail as user). Records already
    there are kept (the loaders skip them). progress(done, DEMO_STEPS) after each record;
    cancelled() is asked between the kinds. Returns how many of each kind were added."""
    from app.services import (
        demo_complaints,
        demo_field,
        demo_returns,
        demo_service,
        demo_surveys,
    )

    added: dict[str, int] = {}
    base = 0

    def step(done: int) -> None:
        if progress is not None:
            progress(base + done, DEMO_STEPS)

    steps: list[tuple[str, int, Callable[[], int]]] = [
        (
            "customers",
            DEMO_CUSTOMERS,
            lambda: demo_service.load_demo(
                engine, customers=DEMO_CUSTOMERS, user=user, progress=step
            ),
        ),
        (
            "complaints",
            DEMO_COMPLAINTS,
            lambda: demo_complaints.load_demo_complaints(
                engine, count=DEMO_COMPLAINTS, user=user, progress=step
            ),
        ),
        (
            "returns",
            DEMO_RETURNS,
            lambda: demo_returns.load_demo_returns(
                engine, count=DEMO_RETURNS, user=user, progress=step
            ),
        ),
        (
            "surveys",
            DEMO_SURVEYS,
            lambda: demo_surveys.load_demo_surveys(
                engine, campaigns=DEMO_SURVEYS, user=user, progress=step
            ),
        ),
        ("field", 1, lambda: demo_field.load_demo_field(engine, user=user)),
    ]
    for kind, size, load in steps:
        if cancelled is not None and cancelled():
            break
        added[kind] = load()
        base += size
        step(0)
    return added
