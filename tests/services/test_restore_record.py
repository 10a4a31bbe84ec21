"""A restore is written into the restored data's audit trail: which backup, by whom, and where
the data as they were before are kept."""

from __future__ import annotations

import pytest

from app.config import database_path
from app.db import open_database
from app.services import audit_service, backup_service, customer_service
from app.services.audit_export import trail_lines
from app.services.customer_service import CustomerData
from app.services.restore_record import DATA_FILE_UUID, ENTITY, record_restore


@pytest.mark.sqlite_only  # a data file restored from its backup
def test_the_restored_data_tell_where_they_came_from(engine, data_dir):
    customer_service.create(engine, CustomerData(code="KH1", name="甲"), "clerk")
    path = database_path(data_dir)
    backup = backup_service.make_backup(path, reason="manual")
    customer_service.create(engine, CustomerData(code="KH2", name="乙"), "clerk")
    engine.dispose()
    before = backup_service.restore(backup.path, path)
    restored = open_database(data_dir)
    try:
        record_restore(restored, backup.path, before, user="admin", reason="误删")
        assert customer_service.get_by_code(restored, "KH2") is None
        rows = audit_service.history(restored, ENTITY, DATA_FILE_UUID)
        fields = {row.field: row.new_value for row in rows}
        assert {row.action for row in rows} == {"restore"} and rows[0].user == "admin"
        assert fields["restored_from"] == str(backup.path)
        assert fields["data_before_kept_in"] == str(before.path)
        assert fields["reason"] == "误删"
        assert trail_lines(restored, record=backup.path.name)  # exportable like any record
    finally:
        restored.dispose()
