"""an index of each service's finished tickets of a day, newest first

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

A service's recent minutes per ticket come from its last 20 tickets finished today. Through
the queue index every station's read after a change ranked all of the service's tickets
finished that day, so its cost grew through the day (issue #11); through this one it reads 20.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_finished", "tickets", ["service_id", "status", "service_day", "finished_at"])


def downgrade() -> None:
    op.drop_index("ix_tickets_finished", table_name="tickets")
