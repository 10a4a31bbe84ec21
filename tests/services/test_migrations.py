"""Migrations at start-up: an older data file is brought up to date without losing a row."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import exc, text

from app.config import database_path
from app.db import alembic_config, make_engine, migrate, sqlite_url
from app.services import customer_service
from app.services.customer_service import ContactData, CustomerData, VolumeData


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
    customer = CustomerData(
        code="KH001",
        name="一汽解放",
        contacts=[ContactData("张伟")],
        volumes=[VolumeData(2024, 100)],
    )
    from sqlmodel import Session

    from app.services.customer_service import _insert  # the first release wrote rows the same way

    with Session(engine) as session:
        _insert(session, customer, "old")
        session.commit()

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
                " 'active', 0, '')"
            )
        )
