"""field service reports, parts, visit reports and visit plans, sync bookkeeping

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 02:14:27.351902
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_base",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peer", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("peer", "entity", "uuid"),
    )
    with op.batch_alter_table("sync_base", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_base_peer"), ["peer"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_base_uuid"), ["uuid"], unique=False)

    op.create_table(
        "sync_tombstone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity", "uuid"),
    )
    with op.batch_alter_table("sync_tombstone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_tombstone_uuid"), ["uuid"], unique=False)

    op.create_table(
        "visit_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("every_months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_plan_customer_id"), ["customer_id"], unique=True)

    op.create_table(
        "visit_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visitors", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("attendees", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("topics", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("feedback", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("requests", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("next_visit_on", sa.Date(), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visit_report_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_report_next_visit_on"), ["next_visit_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_report_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_visit_report_uuid"), ["uuid"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_visit_report_visited_on"), ["visited_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_report_year"), ["year"], unique=False)

    op.create_table(
        "service_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("site_address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("engineers", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("arrived_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("departed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("product_model", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("serial_no", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("problem_found", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("work_done", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("customer_opinion", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("customer_rating", sa.Integer(), nullable=True),
        sa.Column(
            "customer_signatory", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False
        ),
        sa.Column("travel_cost", sa.Float(), nullable=False),
        sa.Column("labour_cost", sa.Float(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_report_arrived_at"), ["arrived_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_report_complaint_id"), ["complaint_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_report_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_report_number"), ["number"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_service_report_product_model"), ["product_model"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_report_result"), ["result"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_report_uuid"), ["uuid"], unique=True)
        batch_op.create_index(batch_op.f("ix_service_report_year"), ["year"], unique=False)

    op.create_table(
        "service_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("part_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("charged", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["service_report.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_part", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_part_part_no"), ["part_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_part_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_part_uuid"), ["uuid"], unique=True)

    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_corrective_action_visit_id"), ["visit_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_corrective_action_visit_id",
            "visit_report",
            ["visit_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.drop_constraint("fk_corrective_action_visit_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_corrective_action_visit_id"))
        batch_op.drop_column("visit_id")

    with op.batch_alter_table("service_part", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_part_uuid"))
        batch_op.drop_index(batch_op.f("ix_service_part_report_id"))
        batch_op.drop_index(batch_op.f("ix_service_part_part_no"))

    op.drop_table("service_part")
    with op.batch_alter_table("service_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_report_year"))
        batch_op.drop_index(batch_op.f("ix_service_report_uuid"))
        batch_op.drop_index(batch_op.f("ix_service_report_result"))
        batch_op.drop_index(batch_op.f("ix_service_report_product_model"))
        batch_op.drop_index(batch_op.f("ix_service_report_number"))
        batch_op.drop_index(batch_op.f("ix_service_report_customer_id"))
        batch_op.drop_index(batch_op.f("ix_service_report_complaint_id"))
        batch_op.drop_index(batch_op.f("ix_service_report_arrived_at"))

    op.drop_table("service_report")
    with op.batch_alter_table("visit_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_report_year"))
        batch_op.drop_index(batch_op.f("ix_visit_report_visited_on"))
        batch_op.drop_index(batch_op.f("ix_visit_report_uuid"))
        batch_op.drop_index(batch_op.f("ix_visit_report_number"))
        batch_op.drop_index(batch_op.f("ix_visit_report_next_visit_on"))
        batch_op.drop_index(batch_op.f("ix_visit_report_customer_id"))

    op.drop_table("visit_report")
    with op.batch_alter_table("visit_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_plan_customer_id"))

    op.drop_table("visit_plan")
    with op.batch_alter_table("sync_tombstone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_tombstone_uuid"))

    op.drop_table("sync_tombstone")
    with op.batch_alter_table("sync_base", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_base_uuid"))
        batch_op.drop_index(batch_op.f("ix_sync_base_peer"))

    op.drop_table("sync_base")
