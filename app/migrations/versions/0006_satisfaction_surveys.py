"""satisfaction surveys: templates, campaigns, invitees, responses, answers; actions from a survey

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 01:09:58.298762
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("lineage", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("scale", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("five_scores", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("ask_importance", sa.Boolean(), nullable=False),
        sa.Column("ask_competitor", sa.Boolean(), nullable=False),
        sa.Column("ask_loyalty", sa.Boolean(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lineage", "version"),
    )
    with op.batch_alter_table("survey_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_template_lineage"), ["lineage"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_template_uuid"), ["uuid"], unique=True)

    op.create_table(
        "survey_campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("answer_by", sa.Date(), nullable=True),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("target_pct", sa.Float(), nullable=False),
        sa.Column("threshold_pct", sa.Float(), nullable=False),
        sa.Column("volume_year", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["template_id"], ["survey_template.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("survey_campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_campaign_number"), ["number"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_survey_campaign_period_start"), ["period_start"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_campaign_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_survey_campaign_template_id"), ["template_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_campaign_uuid"), ["uuid"], unique=True)
        batch_op.create_index(batch_op.f("ix_survey_campaign_year"), ["year"], unique=False)

    op.create_table(
        "survey_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["template_id"], ["survey_template.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("survey_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_item_template_id"), ["template_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_item_uuid"), ["uuid"], unique=True)

    op.create_table(
        "survey_invitee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("tier", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("contact_name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("contact_phone", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "customer_id"),
    )
    with op.batch_alter_table("survey_invitee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_invitee_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_invitee_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_invitee_uuid"), ["uuid"], unique=True)

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("respondent_title", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("surveyor", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("keep_buying", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("recommend", sa.Integer(), nullable=True),
        sa.Column("comments", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("index_pct", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["campaign_id"], ["survey_campaign.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("campaign_id", "customer_id"),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_response_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_response_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_response_uuid"), ["uuid"], unique=True)

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("importance", sa.Integer(), nullable=True),
        sa.Column("competitor", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["survey_item.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["response_id"], ["survey_response.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("response_id", "item_id"),
    )
    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_answer_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_survey_answer_response_id"), ["response_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_answer_uuid"), ["uuid"], unique=True)

    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "survey_item_key",
                sqlmodel.sql.sqltypes.AutoString(length=36),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_index(
            batch_op.f("ix_corrective_action_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_corrective_action_campaign_id",
            "survey_campaign",
            ["campaign_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("corrective_action", schema=None) as batch_op:
        batch_op.drop_constraint("fk_corrective_action_campaign_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_corrective_action_campaign_id"))
        batch_op.drop_column("survey_item_key")
        batch_op.drop_column("campaign_id")

    with op.batch_alter_table("survey_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answer_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_answer_response_id"))
        batch_op.drop_index(batch_op.f("ix_survey_answer_item_id"))

    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_response_customer_id"))
        batch_op.drop_index(batch_op.f("ix_survey_response_campaign_id"))

    op.drop_table("survey_response")
    with op.batch_alter_table("survey_invitee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_invitee_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_invitee_customer_id"))
        batch_op.drop_index(batch_op.f("ix_survey_invitee_campaign_id"))

    op.drop_table("survey_invitee")
    with op.batch_alter_table("survey_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_item_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_item_template_id"))

    op.drop_table("survey_item")
    with op.batch_alter_table("survey_campaign", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_campaign_year"))
        batch_op.drop_index(batch_op.f("ix_survey_campaign_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_campaign_template_id"))
        batch_op.drop_index(batch_op.f("ix_survey_campaign_status"))
        batch_op.drop_index(batch_op.f("ix_survey_campaign_period_start"))
        batch_op.drop_index(batch_op.f("ix_survey_campaign_number"))

    op.drop_table("survey_campaign")
    with op.batch_alter_table("survey_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_template_uuid"))
        batch_op.drop_index(batch_op.f("ix_survey_template_lineage"))

    op.drop_table("survey_template")
