"""report day cache

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

One row per office and local day holding that day's report facts (see
khiw.reports.daycache): a cache of the event log, rebuilt from it whenever it is missing or
older than the events. Dropping it loses nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_days",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("watermark", sa.BigInteger(), nullable=False),
        sa.Column("tickets", sa.LargeBinary(), nullable=False),
        sa.Column("counter_events", sa.LargeBinary(), nullable=False),
        sa.Column("calls", sa.LargeBinary(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], name=op.f("fk_report_days_office_id_offices")),
        sa.PrimaryKeyConstraint("office_id", "day", name=op.f("pk_report_days")),
    )


def downgrade() -> None:
    op.drop_table("report_days")
