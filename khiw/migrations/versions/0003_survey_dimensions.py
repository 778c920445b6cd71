"""survey dimensions and published service standards

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

The satisfaction survey asks the four dimensions Thai local governments report on
(process, staff, facilities, outcome; 1..5 each); ``score`` stays as the overall answer
(the rounded mean of the four) so that reports written for it keep working. Rows written
before this revision have only ``score``: their dimensions stay NULL.

``services.published`` holds what the office publishes about a service (steps, fee,
documents, responsible unit, in Thai and English) for the public page and the standards chart.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

DIMENSIONS = ("process", "staff", "facilities", "outcome")


def upgrade() -> None:
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        for name in DIMENSIONS:
            batch_op.add_column(sa.Column(name, sa.SmallInteger(), nullable=True))
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("published")
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        for name in reversed(DIMENSIONS):
            batch_op.drop_column(name)
