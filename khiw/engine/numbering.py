"""Ticket numbers: per service and local day, from 1, allocated atomically.

One upsert both creates the day's row and increments it, and returns the new value; the
row lock it takes (PostgreSQL) or the write lock already held (SQLite ``BEGIN IMMEDIATE``)
makes concurrent kiosks queue for a microsecond instead of sharing a number. The unique
constraint on tickets backs it up.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy.orm import Session

from khiw.engine import queue_counts, upsert
from khiw.models import DayNumber, Priority, Service, Ticket, TicketStatus
from khiw.models.ids import ServiceId, TicketId


def next_number(session: Session, service_id: ServiceId, day: date) -> int:
    """The next free number of ``service_id`` on ``day`` (1 for the day's first ticket)."""
    stmt = upsert.insert(session, DayNumber).values(service_id=service_id, day=day, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[DayNumber.service_id, DayNumber.day],
        set_={"last": DayNumber.last + 1},
    ).returning(DayNumber.last)
    return int(session.execute(stmt).scalar_one())


def format_code(prefix: str, number: int) -> str:
    """``A`` and 12 → ``A012``: the code printed, shown on the board and spoken."""
    return f"{prefix}{number:03d}"


def new_ticket(
    session: Session,
    *,
    service: Service,
    day: date,
    priority: Priority,
    issued_at: datetime,
    queued_at: datetime,
    transferred_from: TicketId | None = None,
) -> Ticket:
    """Allocate the next number of ``service`` on ``day`` and add its waiting ticket (flushed).

    ``queued_at`` is its place in the queue: ``issued_at`` for a new arrival, the original
    arrival for a transfer. The token makes the QR code's URL unguessable.
    """
    number = next_number(session, service.id, day)
    lane_seq = queue_counts.place(session, service.id, day, priority, queued_at)  # under the numbering row: see there
    ticket = Ticket(
        office_id=service.office_id,
        service_id=service.id,
        service_day=day,
        number=number,
        code=format_code(service.prefix, number),
        priority=priority,
        status=TicketStatus.WAITING,
        token=secrets.token_urlsafe(16),
        issued_at=issued_at,
        queued_at=queued_at,
        recalls=0,
        transferred_from_id=transferred_from,
        lane_seq=lane_seq,
    )
    session.add(ticket)
    session.flush()
    return ticket
