"""A save that fails on the disk (full, read-only) says so in the form and keeps what was typed.

The failures are SQLite's own: a page limit makes the file "full", query_only makes it
read-only, exactly as a full disk or a read-only share does for the running app.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from app.services import customer_service


def _fill(dialog, **values):
    for key, value in values.items():
        dialog.fields[key].editor.setText(value)


def _refuse_writes(engine, pragma: str):
    """Every connection from now on runs `pragma` first (the pool is emptied)."""
    engine.dispose()

    def on_connect(connection, _record):
        connection.execute(pragma)

    event.listen(engine, "connect", on_connect)
    return lambda: (event.remove(engine, "connect", on_connect), engine.dispose())


def _page_count(engine) -> int:
    """The file's size in pages with no free page left: the next new page is one too many."""
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM")
        return connection.execute(text("PRAGMA page_count")).scalar_one()


@pytest.mark.parametrize(
    ("make_failure", "words"),
    [
        (lambda engine: "PRAGMA query_only = 1", "只读"),
        (lambda engine: f"PRAGMA max_page_count = {_page_count(engine)}", "磁盘已满"),
    ],
    ids=["read-only", "disk-full"],
)
def test_a_failed_save_keeps_the_form_and_says_why(qtbot, window, engine, make_failure, words):
    dialog = window.customers_tab.new_customer()
    qtbot.addWidget(dialog)
    _fill(dialog, code="KH-7001", name="磁盘测试顾客", phone="0571-88886666")
    dialog.notes.setPlainText("备注" * 1900)  # more than the free room in the file's pages
    restore = _refuse_writes(engine, make_failure(engine))
    try:
        assert not dialog.save()
        assert words in dialog.message.text()
        assert "未受影响" in dialog.message.text()
        assert dialog.fields["code"].editor.text() == "KH-7001"  # nothing typed is lost
        assert dialog.isVisible() or not dialog.isHidden()
    finally:
        restore()
    assert customer_service.get_by_code(engine, "KH-7001") is None  # and nothing half-written
    assert dialog.save()  # once the disk is fine again, the same form saves
    assert customer_service.get_by_code(engine, "KH-7001").phone == "0571-88886666"


def test_a_survey_template_on_a_read_only_file_keeps_the_form(qtbot, engine, answers):
    from app.services import survey_service
    from app.ui.signals import DataHub
    from app.ui.surveys.template_dialog import TemplateDialog

    dialog = TemplateDialog(engine, DataHub(), None)
    qtbot.addWidget(dialog)
    dialog.name.setText("Read-only test")
    restore = _refuse_writes(engine, "PRAGMA query_only = 1")
    try:
        assert not dialog.save()
        assert "只读" in dialog.message.text()
        assert dialog.name.text() == "Read-only test"
    finally:
        restore()
    assert survey_service.list_templates(engine) == []
    assert dialog.save()
    assert [t.name for t in survey_service.list_templates(engine)] == ["Read-only test"]
