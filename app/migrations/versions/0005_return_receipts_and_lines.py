"""return receipts, their lines, and actions opened from a return

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 00:26:51.302369
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "return_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column(
            "warehouse_receipt_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False
        ),
        sa.Column("received_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("bulk", sa.Boolean(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("analysis_result", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("analysis_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("analysis_on", sa.Date(), nullable=True),
        sa.Column("archived_on", sa.Date(), nullable=True),
        sa.Column("archived_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("cancel_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("responsibility", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("urgent_production", sa.Boolean(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("qty_returned", sa.Float(), nullable=False),
        sa.Column("qty_defective", sa.Float(), nullable=False),
        sa.Column("items", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_return_receipt_bulk"), ["bulk"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_return_receipt_complaint_id"), ["complaint_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_return_receipt_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_receipt_number"), ["number"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_return_receipt_received_on"), ["received_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_return_receipt_responsibility"), ["responsibility"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_receipt_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_return_receipt_urgent_production"), ["urgent_production"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_receipt_uuid"), ["uuid"], unique=True)
        batch_op.create_index(batch_op.f("ix_return_receipt_year"), ["year"], unique=False)

    op.create_table(
        "return_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("material_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("material_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("batch_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("customer_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("inspector", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=True),
        sa.Column("qty_inspected", sa.Float(), nullable=True),
        sa.Column("qty_good", sa.Float(), nullable=True),
        sa.Column("qty_defective", sa.Float(), nullable=True),
        sa.Column("defect_found", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("defect_category", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("responsibility", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("explanation", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("qty_rework", sa.Float(), nullable=False),
        sa.Column("rework_order_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column(
            "rework_instruction", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False
        ),
        sa.Column("rework_notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("qty_scrap", sa.Float(), nullable=False),
        sa.Column("scrap_report_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("qty_return", sa.Float(), nullable=False),
        sa.Column("qty_accept", sa.Float(), nullable=False),
        sa.Column("concession_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("qty_replace", sa.Float(), nullable=False),
        sa.Column("stock_short", sa.Boolean(), nullable=False),
        sa.Column("warranty", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("disposed_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("disposed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["return_id"], ["return_receipt.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("return_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_return_line_defect_category"), ["defect_category"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_return_line_material_no"), ["material_no"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_return_line_return_id"), ["return_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_return_line_uuid"), ["uuid"], unique=True)

    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("return_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_corrective_action_return_id"), ["return_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_corrective_action_return_id",
            "return_receipt",
            ["return_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.drop_constraint("fk_corrective_action_return_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_corrective_action_return_id"))
        batch_op.drop_column("return_id")

    with op.batch_alter_table("return_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_line_uuid"))
        batch_op.drop_index(batch_op.f("ix_return_line_return_id"))
        batch_op.drop_index(batch_op.f("ix_return_line_material_no"))
        batch_op.drop_index(batch_op.f("ix_return_line_defect_category"))

    op.drop_table("return_line")
    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_receipt_year"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_uuid"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_urgent_production"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_status"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_responsibility"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_received_on"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_number"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_customer_id"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_complaint_id"))
        batch_op.drop_index(batch_op.f("ix_return_receipt_bulk"))

    op.drop_table("return_receipt")
