"""Migrations at start-up: an older data file is brought up to date without losing a row."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import exc, text

from app.config import database_path
from app.db import alembic_config, make_engine, migrate, sqlite_url
from app.services import audit_service, customer_service
from app.services.customer_service import ContactData, CustomerData, VolumeData
from tests.services.old_release import OldFile


def _upgrade_to(engine, revision):
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        connection.commit()


def test_upgrading_an_old_file_keeps_customers_children_and_trail(data_dir):
    engine = make_engine(sqlite_url(database_path(data_dir)))
    _upgrade_to(engine, "0001")
    # a file made by the first release, with child rows that a careless batch migration would cascade away
    old = OldFile(engine)
    customer_id = old.customer("KH001", "一汽解放")
    old.insert("customer_contact", customer_id=customer_id, position=0, name="张伟")
    old.insert("customer_annual_volume", customer_id=customer_id, year=2024, amount_wan=100)

    migrate(engine)
    with engine.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            == ScriptDirectory.from_config(alembic_config()).get_current_head()
        )
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("SELECT count(*) FROM audit_entry").scalar() > 0
    stored = customer_service.get_by_code(engine, "KH001")
    assert stored.contacts == [ContactData("张伟")] and stored.volumes == [VolumeData(2024, 100)]
    engine.dispose()


def test_the_database_itself_refuses_a_code_differing_only_in_case(engine):
    customer_service.create(engine, CustomerData(code="KH001", name="甲"), "t")
    with pytest.raises(exc.IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO customer (uuid, created_at, updated_at, code, name, short_name, type, address, phone,"
                " fax, email, sales_rep, grade, status, potential, notes)"
                " VALUES ('u', '2026-01-01', '2026-01-01', 'kh001', '乙', '', 'oem', '', '', '', '', '', '',"
                " 'active', false, '')"
            )
        )


@pytest.mark.filterwarnings("ignore:.*expression-based index")  # as in app.db.migrate
def test_the_chain_migration_hashes_the_trail_already_there_and_guards_it(data_dir):
    engine = make_engine(sqlite_url(database_path(data_dir)))
    _upgrade_to(engine, "0006")
    old = OldFile(engine)  # a 0006 file with trail rows of every kind
    ids = {i: old.customer(f"KH{i:03}", f"顾客{i}") for i in range(1, 8)}
    old.rename_customer(ids[2], "乙方")
    old.delete_customer(ids[5])
    with engine.connect() as connection:
        before = connection.exec_driver_sql(
            "SELECT id, at, entity_uuid, field, old_value, new_value FROM audit_entry ORDER BY id"
        ).fetchall()
    assert len(before) > 20

    migrate(engine)
    with engine.connect() as connection:
        after = connection.exec_driver_sql(
            "SELECT id, at, entity_uuid, field, old_value, new_value FROM audit_entry ORDER BY id"
        ).fetchall()
        chain = connection.exec_driver_sql(
            "SELECT prev_hash, row_hash FROM audit_entry ORDER BY id"
        ).fetchall()
    assert after == before  # nothing lost or changed, ids kept
    assert chain[0][0] == audit_service.GENESIS
    assert all(prev == earlier[1] for earlier, (prev, _) in zip(chain, chain[1:], strict=False))
    assert audit_service.verify_chain(engine) == []
    with pytest.raises(exc.IntegrityError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_entry SET user = 'x' WHERE id = 1"))

    customer_service.create(engine, CustomerData(code="KH100", name="新"), "new")
    assert audit_service.verify_chain(engine) == []
    engine.dispose()


@pytest.mark.filterwarnings("ignore:.*expression-based index")  # as in app.db.migrate
def test_the_chain_migration_goes_down_and_up_again(data_dir):
    engine = make_engine(sqlite_url(database_path(data_dir)))
    migrate(engine)
    customer_service.create(engine, CustomerData(code="KH001", name="甲"), "t")
    with engine.connect() as connection:
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0006")
        connection.commit()
        columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(audit_entry)")}
        triggers = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        ).scalar()
    assert "row_hash" not in columns and triggers == 0
    migrate(engine)
    assert audit_service.verify_chain(engine) == []
    engine.dispose()
