"""printer states and the indexes that keep hot paths to today's rows

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-30

``printer_states`` holds each kiosk's last print event (see khiw.models.printer), so the
board and the counters no longer search the whole log for it; it is filled here from the
log once. ``queue_counts`` holds how many wait in each lane of each queue-day (see
khiw.models.queue_count), filled here from the tickets. The indexes bound every query that runs on each change (issue, call, the
stations' reads) by today's rows, however old the office is (issue #11).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "printer_states",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("kiosk", sa.String(length=255), nullable=False),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], name=op.f("fk_printer_states_office_id_offices")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_printer_states_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("office_id", "kiosk", name=op.f("pk_printer_states")),
    )
    op.create_index("ix_printer_states_office_event", "printer_states", ["office_id", "event_id"])
    op.create_index("ix_events_service_kind_at", "events", ["service_id", "kind", "at"])
    op.create_index("ix_tickets_lane", "tickets", ["service_id", "status", "service_day", "priority", "queued_at", "id"])
    op.create_index("ix_tickets_status_counter", "tickets", ["status", "counter_id"])
    op.create_index("ix_tickets_transferred_from", "tickets", ["transferred_from_id"])
    op.create_table(
        "queue_counts",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("waiting", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_queue_counts_service_id_services")),
        sa.PrimaryKeyConstraint("service_id", "day", "priority", name=op.f("pk_queue_counts")),
    )
    op.execute(
        "INSERT INTO queue_counts (service_id, day, priority, waiting)"
        " SELECT service_id, service_day, priority <> 'none', count(*) FROM tickets WHERE status = 'waiting'"
        " GROUP BY service_id, service_day, priority <> 'none'"
    )
    _fill_printer_states()


def _fill_printer_states() -> None:
    """Each kiosk's last print event, read from the log once (the only full read of it)."""
    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("id", sa.BigInteger()),
        sa.column("at", sa.DateTime()),
        sa.column("kind", sa.String()),
        sa.column("office_id", sa.Integer()),
        sa.column("ticket_id", sa.Integer()),
        sa.column("reason", sa.Text()),
        sa.column("data", sa.JSON()),
    )
    latest: dict[tuple[int, str], dict[str, object]] = {}
    rows = bind.execute(
        sa.select(events).where(events.c.kind.in_(["printed", "print_failed"])).order_by(events.c.id)
    )
    for e in rows:
        kiosk = str((e.data or {}).get("kiosk", ""))
        latest[(e.office_id, kiosk)] = {
            "office_id": e.office_id,
            "kiosk": kiosk,
            "problem": None if e.kind == "printed" else (e.reason if e.reason is not None else ""),
            "ticket_id": e.ticket_id,
            "at": e.at,
            "event_id": e.id,
        }
    if latest:
        op.bulk_insert(sa.table("printer_states", *(sa.column(c) for c in ("office_id", "kiosk", "problem", "ticket_id", "at", "event_id"))), list(latest.values()))


def downgrade() -> None:
    op.drop_table("queue_counts")
    op.drop_index("ix_tickets_transferred_from", table_name="tickets")
    op.drop_index("ix_tickets_status_counter", table_name="tickets")
    op.drop_index("ix_tickets_lane", table_name="tickets")
    op.drop_index("ix_events_service_kind_at", table_name="events")
    op.drop_index("ix_printer_states_office_event", table_name="printer_states")
    op.drop_table("printer_states")
