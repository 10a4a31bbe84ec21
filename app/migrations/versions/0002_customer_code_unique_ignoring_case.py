"""customer code unique ignoring case

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ux_customer_code_lower", "customer", [sa.text("lower(code)")], unique=True)


def downgrade() -> None:
    op.drop_index("ux_customer_code_lower", table_name="customer")
