"""indexes the management summaries count by

The summaries and the overview count tickets closed in a period and open at a moment
(complaint.closed_at), and actions not done by a day (corrective_action.done_on). Without
these indexes each count reads every ticket or action (benchmarks/summaries.py).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_complaint_closed_at", "complaint", ["closed_at"])
    op.create_index("ix_corrective_action_done_on", "corrective_action", ["done_on"])


def downgrade() -> None:
    op.drop_index("ix_corrective_action_done_on", table_name="corrective_action")
    op.drop_index("ix_complaint_closed_at", table_name="complaint")
