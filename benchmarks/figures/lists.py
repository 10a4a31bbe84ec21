"""The complaint list and search as the user sees them (offscreen Qt, in this process).

"Shown" means: the list's view has painted its rows while the model answered the first row of
the expected result (its number) with the expected row count, by the event loop as on a screen
(the offscreen platform paints into the window's backing store). Until 2026-11-22 the figure
ended with a `grab` of the whole tab instead, which paints every widget of the tab once more
(see RESULTS.md). Lists that load off the GUI thread are waited for by running the event loop;
their worker's time is in the figure.

Baselines, on the same data in the same run: the raw SQL of that first page through sqlite3
(list), and the raw text-index query through sqlite3 for the same text (search).
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from figures.timing import Figure, median, paired

PAGE = 200
SHOWN_TIMEOUT = 120.0

PAGE_SQL = """
SELECT c.id, c.number, cu.code, cu.name, c.product_model, c.part_no, c.received_at, c.severity,
       c.urgency, c.status, c.current_step, c.next_due, c.next_due_key, c.owner,
       c.defect_category, c.responsible_department, c.calendar_estimated
FROM complaint AS c JOIN customer AS cu ON cu.id = c.customer_id
{where}
ORDER BY c.year DESC, c.seq DESC, c.reopen_index DESC, c.number DESC, c.id DESC
LIMIT {limit}
"""


def qt_application():  # noqa: ANN201
    """The QApplication, with the bundled CJK font as the app installs it (without it Qt looks
    for a fallback font for every Chinese text it paints)."""
    from PySide6.QtWidgets import QApplication

    application = QApplication.instance()
    if application is None:
        from app.ui.application import install_font

        application = QApplication([])
        install_font(application)
    return application


def wait_until(condition: Callable[[], bool], timeout: float = SHOWN_TIMEOUT) -> None:
    """Run the event loop until condition() holds (the list's worker delivers through it)."""
    application = qt_application()
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the list did not show the expected rows")
        application.processEvents()
        time.sleep(0.0005)


def settle() -> None:
    """Let background list loads finish (all ids after the first page, counts)."""
    from PySide6.QtCore import QThreadPool

    application = qt_application()
    pool = QThreadPool.globalInstance()
    for _ in range(3):
        application.processEvents()
        pool.waitForDone(30_000)
        application.processEvents()


class PaintedWith:
    """Notes when the view's viewport is painted while shown(): a view paints in the event
    loop, and an event filter sees the paint just before it is done, so the paint is over once
    the event loop's turn that delivered it has returned."""

    def __init__(self, view, shown: Callable[[], bool]) -> None:  # noqa: ANN001
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            def eventFilter(self, _obj, event) -> bool:  # noqa: ANN001, N802
                if event.type() == paint and not watch.painted and shown():
                    watch.painted = True
                return False

        watch = self
        self.painted = False
        self.viewport = view.viewport()
        self.filter = Filter()
        self.viewport.installEventFilter(self.filter)

    def remove(self) -> None:
        self.viewport.removeEventFilter(self.filter)


def _first_number(model) -> str:  # noqa: ANN001
    from PySide6.QtCore import Qt

    if model.rowCount() == 0:
        return ""
    value = model.data(model.index(0, model.COL_NUMBER), Qt.ItemDataRole.DisplayRole)
    return value or ""


def raw_connection(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def raw_page(connection: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[tuple]:
    return connection.execute(PAGE_SQL.format(where=where, limit=PAGE), params).fetchall()


def list_first_page(engine, database: Path, runs: int, label: str) -> Figure:  # noqa: ANN001
    """Opening the complaints tab until its first page is painted, against the raw page SQL.

    As for the search: the first page (its first ticket, all its rows) painted is the figure;
    the list shows it before the count and the ids of every ticket arrive, which are noted."""
    from app.ui.complaints.tab import ComplaintsTab
    from app.ui.signals import DataHub

    connection = raw_connection(database)
    expected = raw_page(connection)[0][1]
    total = connection.execute("SELECT count(*) FROM complaint").fetchone()[0]
    page_rows = min(PAGE, total)
    application = qt_application()
    counted: list[float] = []  # until the count is known too (the list's full length)

    def open_tab() -> float:
        settle()
        start = time.perf_counter()
        tab = ComplaintsTab(engine, DataHub())
        watch = PaintedWith(tab.view, lambda: tab.model.rowCount() >= page_rows and _first_number(tab.model) == expected)  # fmt: skip
        tab.resize(1280, 700)
        tab.show()
        wait_until(lambda: watch.painted)
        seconds = time.perf_counter() - start
        watch.remove()
        wait_until(lambda: tab.model.rowCount() == total and not tab.model.loading)
        counted.append(time.perf_counter() - start)
        settle()
        tab.close()
        tab.deleteLater()
        application.processEvents()
        return seconds

    def baseline() -> float:
        start = time.perf_counter()
        raw_page(connection)
        return time.perf_counter() - start

    app, base = paired(open_tab, baseline, runs)
    connection.close()
    return Figure(
        f"complaint list: first page shown after opening the tab, {label}",
        "≤ 50 ms",
        median(app),
        "s",
        limit=0.050,
        baseline=median(base),
        baseline_name="raw SQL of that page via sqlite3",
        runs=runs,
        samples=app,
        baseline_samples=base,
        note="from building the tab until its first page is painted; the count and every id "
        f"known after {median(counted[-runs:]) * 1000:.1f} ms (median)",
    )


# ---------------------------------------------------------------- search


# typed searches: a defect phrase of 3+ characters and a 2-character word (common in Chinese)
# the demo's defects first (rare enough to page through), then words of nearly every ticket
# for small data sets that hold none of them
THREE_CHARACTERS = ("单向器", "碳刷磨损", "减震器", "制动卡钳", "发电机", "起动机")
TWO_CHARACTERS = ("碳刷", "卡钳", "汽车", "不良")


def search_terms(databases: list[Path]) -> dict[str, str]:
    """The first word of each list that every data set's tickets contain (the demo's defects;
    the older bulk filler's product names), so that each size searches the same word."""
    connections = [raw_connection(database) for database in databases]
    try:

        def found(word: str) -> bool:
            sql = "SELECT 1 FROM complaint WHERE description LIKE ? OR product_model LIKE ? LIMIT 1"
            return all(c.execute(sql, (f"%{word}%",) * 2).fetchone() for c in connections)

        three = next((w for w in THREE_CHARACTERS if found(w)), THREE_CHARACTERS[0])
        two = next((w for w in TWO_CHARACTERS if found(w)), TWO_CHARACTERS[0])
    finally:
        for connection in connections:
            connection.close()
    return {"3": three, "2": two}


def fts_tables(connection: sqlite3.Connection) -> set[str]:
    return {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"
        )
    }


def raw_search(connection: sqlite3.Connection, text: str) -> tuple[Callable[[], list], str]:
    """The raw text query: the app's index through sqlite3 when the data file has one
    (figures.text_index), else LIKE over the searched columns for the first page."""
    from figures.text_index import raw_index_query

    indexed = raw_index_query(connection, text)
    if indexed is not None:
        return indexed
    like = f"%{text}%"
    columns = ("c.number", "cu.code", "cu.name", "cu.short_name", "c.product_model", "c.part_no",
               "c.batch_no", "c.description", "c.owner")  # fmt: skip
    where = "WHERE " + " OR ".join(f"{c} LIKE ?" for c in columns)
    params = (like,) * len(columns)
    return (lambda: raw_page(connection, where, params)), "LIKE via sqlite3 (no text index)"


def search_keystroke(engine, database: Path, text: str, runs: int, label: str) -> Figure:  # noqa: ANN001
    """Typing into the complaints tab's search box until the first page of results is painted
    (from the search starting, i.e. after the typing pause), against the raw text query."""
    from app.services import complaint_service
    from app.services.complaint_data import ComplaintFilter
    from app.ui.complaints.tab import ComplaintsTab
    from app.ui.signals import DataHub

    qt_application()  # the search may be the only figure of the run
    now = datetime.now(UTC)
    flt = ComplaintFilter(text=text)
    expected_ids = complaint_service.search_ids(engine, flt, "number", True, now)
    total = complaint_service.search_ids(engine, None, "number", True, now)
    connection = raw_connection(database)
    query, how = raw_search(connection, text)
    first = connection.execute("SELECT number FROM complaint WHERE id = ?", (expected_ids[0],)).fetchone()[0]  # fmt: skip
    all_first = connection.execute("SELECT number FROM complaint WHERE id = ?", (total[0],)).fetchone()[0]  # fmt: skip
    tab = ComplaintsTab(engine, DataHub())
    tab.resize(1280, 700)
    tab.show()
    wait_until(lambda: _first_number(tab.model) == all_first)
    settle()

    page_rows = min(PAGE, len(expected_ids))
    counted: list[float] = []  # until the count is known too (the list's full length)
    pages = [0]  # first pages shown: the search's own, not the whole list's, must be painted
    tab.model.pageShown.connect(lambda: pages.__setitem__(0, pages[0] + 1))

    def keystroke() -> float:
        # the first page: its first ticket, all its rows (the count may follow it)
        before = pages[0]
        watch = PaintedWith(tab.view, lambda: pages[0] > before and tab.model.rowCount() >= page_rows and _first_number(tab.model) == first)  # fmt: skip
        start = time.perf_counter()
        tab.search.setText(text)
        tab.apply_filter()  # what the typing pause's timer calls
        wait_until(lambda: watch.painted)
        seconds = time.perf_counter() - start
        watch.remove()
        wait_until(lambda: tab.model.rowCount() == len(expected_ids) and not tab.model.loading)
        counted.append(time.perf_counter() - start)
        settle()
        tab.search.setText("")
        tab.apply_filter()
        wait_until(lambda: tab.model.rowCount() == len(total) and _first_number(tab.model) == all_first)  # fmt: skip
        settle()
        return seconds

    def baseline() -> float:
        start = time.perf_counter()
        query()
        return time.perf_counter() - start

    app, base = paired(keystroke, baseline, runs)
    tab.close()
    tab.deleteLater()
    qt_application().processEvents()
    connection.close()
    return Figure(
        f"search keystroke → first page shown, '{text}' ({len(text)} characters, "
        f"{len(expected_ids):,} hits), {label}",
        "≤ 50 ms",
        median(app),
        "s",
        limit=0.050,
        baseline=median(base),
        baseline_name=how,
        runs=runs,
        samples=app,
        baseline_samples=base,
        note="from the search starting (the 250 ms typing pause excluded); the count and "
        f"every id known after {median(counted) * 1000:.1f} ms (median)",
    )


def overview_opener(engine) -> Callable[[], float]:  # noqa: ANN001
    """Building the overview tab until its figures and charts are painted, in seconds."""
    from app.ui.overview.tab import OverviewTab
    from app.ui.signals import DataHub

    application = qt_application()

    def open_tab() -> float:
        settle()
        start = time.perf_counter()
        tab = OverviewTab(engine, DataHub())
        tab.resize(1280, 700)
        shown: list[bool] = []
        tab.loaded.connect(lambda: shown.append(True))
        tab.show()
        wait_until(lambda: bool(shown))
        tab.grab()
        seconds = time.perf_counter() - start
        tab.close()
        tab.deleteLater()
        application.processEvents()
        return seconds

    return open_tab


def ticket_window_opener(engine) -> Callable[[], float]:  # noqa: ANN001
    """Opening a stored ticket's window (a double-click in the list) until it is painted, in
    seconds; the newest tickets in turn, a different one each run."""
    from sqlalchemy import text

    from app.ui.complaints.complaint_dialog import ComplaintDialog
    from app.ui.signals import DataHub

    with engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM complaint ORDER BY id DESC LIMIT 20"))
        queue = itertools.cycle([row[0] for row in ids])
    application = qt_application()

    def open_window() -> float:
        settle()
        start = time.perf_counter()
        dialog = ComplaintDialog(engine, DataHub(), next(queue))
        dialog.show()
        dialog.grab()
        seconds = time.perf_counter() - start
        dialog.done(0)
        dialog.deleteLater()
        application.processEvents()
        return seconds

    return open_window
