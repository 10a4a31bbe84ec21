"""Shared fixtures. Qt must be told to run offscreen before it is imported anywhere."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import traceback
from datetime import datetime, timedelta
from time import sleep

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# keep the developer's own preferences and data out of the tests
os.environ["QUALITYDESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="qd-config-")
os.environ.pop("QUALITYDESK_DATA_DIR", None)
# the processes the tests start (the command line, crash trials) run as an installed app does,
# from compiled bytecode (kept in the temp folder), also where the machine turns writing it off
# (PYTHONDONTWRITEBYTECODE): else each one compiles SQLAlchemy and the app anew, ~2 s a start
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault(
    "PYTHONPYCACHEPREFIX",
    os.path.join(
        tempfile.gettempdir(), f"qualitydesk-test-bytecode-{getattr(os, 'getuid', str)()}"
    ),
)

import pytest  # noqa: E402

from app.db import make_engine, open_database  # noqa: E402
from app.i18n import set_language  # noqa: E402
from tests import pg_server  # noqa: E402


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


# the service and report suites run on both database engines when a PostgreSQL server is given
BOTH_ENGINES = ("tests/services/", "tests/reports/")


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames or not pg_server.server_url():
        return
    path = metafunc.definition.path.as_posix()
    if not any(part in path for part in BOTH_ENGINES):
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request, data_dir):
    if getattr(request, "param", "sqlite") == "postgresql":
        url = pg_server.create_database()
        eng = make_engine(url)
        yield eng
        eng.dispose()
        pg_server.drop_database(url)
        return
    eng = open_database(data_dir)
    yield eng
    _background_jobs_ended()
    eng.dispose()


def _background_jobs_ended() -> None:
    """Qt's background jobs a test started (a list's load, an export, a backup) read its data
    file: they end before it is closed, not beside the next test's jobs."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        qtcore.QThreadPool.globalInstance().waitForDone(60_000)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A wait that timed out shows what every thread was doing at that moment."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and call.excinfo is not None:
        if call.excinfo.typename == "TimeoutError":
            report.sections.append(("threads when the wait timed out", _thread_stacks()))


def _thread_stacks() -> str:
    """The innermost frames of every thread but the test's own."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return "\n".join(
        f"--- {names.get(ident, 'a thread Python did not start')}\n"
        + "".join(traceback.format_stack(frame)[-12:])
        for ident, frame in sys._current_frames().items()
        if ident != threading.get_ident()
    )


def pytest_sessionfinish(session):
    if pg_server.server_url():
        pg_server.drop_template()


@pytest.fixture(autouse=True)
def _chinese_texts():
    """Texts made outside Qt default to Chinese, as on the clerk's PC."""
    set_language("zh_CN")
    yield
    set_language("zh_CN")


SECONDS_KEPT_CLEAR_OF_MIDNIGHT = 60  # longer than any one test's dated part takes


@pytest.fixture(autouse=True)
def _one_day_per_test():
    """A test and the app it drives read today's date separately; a test started in the last
    minute of a day waits for the next one, so both read the same date."""
    now = datetime.now()
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
    left = (midnight - now).total_seconds()
    if left < SECONDS_KEPT_CLEAR_OF_MIDNIGHT:
        sleep(left + 0.5)
