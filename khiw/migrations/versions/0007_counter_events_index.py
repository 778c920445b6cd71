"""an index of each counter's events, newest first

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

The board's "latest call at each counter" and the counter's "last tickets handled" read a
counter's newest events; through the office's ``(office_id, at)`` index they walked all of
today's events on every change, so their cost grew through the day (issue #11).
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_counter", "events", ["counter_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_counter", table_name="events")
