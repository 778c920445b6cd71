"""each ticket's place at the back of its lane, and the indexes of the tickets out of line

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

The phone page counted the people ahead of a ticket through the queue index up to it, so its
cost grew with the queue (issue #11). ``tickets.lane_seq`` numbers the arrivals at the back of
each lane, in queue order (``queue_counts.entered`` counts them; ``tail_queued_at`` is when
the last one queued); two partial indexes hold the few tickets out of that line (see
khiw.engine.position). Filled here as if every ticket waiting now had arrived in queue order:
each lane's waiting tickets are numbered 1, 2, 3…; tickets no longer waiting keep none, as if
they had never been placed, which the counting does not need.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

OUT_OF_LINE = "status = 'waiting' AND (lane_seq IS NULL OR called_at IS NOT NULL)"
PLACE_LEFT = "lane_seq IS NOT NULL AND (status <> 'waiting' OR called_at IS NOT NULL)"


def upgrade() -> None:
    op.add_column("tickets", sa.Column("lane_seq", sa.Integer(), nullable=True))
    op.add_column("queue_counts", sa.Column("entered", sa.Integer(), server_default="0", nullable=False))
    op.add_column("queue_counts", sa.Column("tail_queued_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE tickets SET lane_seq = placed.n FROM ("
        " SELECT id, row_number() OVER (PARTITION BY service_id, service_day, priority <> 'none' ORDER BY queued_at, id) AS n"
        " FROM tickets WHERE status = 'waiting') AS placed"
        " WHERE tickets.id = placed.id"
    )
    # Only the lanes where someone waits have places (one lane-day row each, through the lane index).
    lane = (
        "tickets.service_id = queue_counts.service_id AND tickets.status = 'waiting' AND tickets.service_day = queue_counts.day"
        " AND (tickets.priority <> 'none') = queue_counts.priority"
    )
    last = f"SELECT queued_at FROM tickets WHERE {lane} AND tickets.lane_seq = queue_counts.entered"
    op.execute(f"UPDATE queue_counts SET entered = (SELECT count(*) FROM tickets WHERE {lane}) WHERE waiting > 0")
    op.execute(f"UPDATE queue_counts SET tail_queued_at = ({last}) WHERE entered > 0")
    for name, columns, where in (
        ("ix_tickets_out_of_line", ["service_id", "status", "service_day", "priority", "queued_at", "id"], OUT_OF_LINE),
        ("ix_tickets_place_left", ["service_id", "service_day", "priority", "lane_seq"], PLACE_LEFT),
    ):
        op.create_index(name, "tickets", columns, postgresql_where=sa.text(where), sqlite_where=sa.text(where))


def downgrade() -> None:
    op.drop_index("ix_tickets_place_left", table_name="tickets")
    op.drop_index("ix_tickets_out_of_line", table_name="tickets")
    for column in ("tail_queued_at", "entered"):
        op.drop_column("queue_counts", column)
    op.drop_column("tickets", "lane_seq")  # SQLite drops it in place (3.35+): no copy of the table
