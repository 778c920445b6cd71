"""Closing the day: tickets still waiting expire, and open counters are signed out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup, queue_counts
from khiw.engine.auth import require
from khiw.models import Counter, CounterState, EventKind, Role, Ticket, TicketStatus
from khiw.models.ids import StaffId


def close_day(session: Session, *, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None) -> int:
    """Expire every waiting ticket of the office (today's and any left from earlier days).

    Returns how many expired. Tickets still at a counter are left for their counter to
    finish; a supervisor's action. ``khiw close-day`` also caches the day's report facts
    (:func:`khiw.reports.closing.close_day_and_cache`); the engine does not know reports.
    """
    now = resolve(now)
    where = lookup.office(session, office)
    require(session, actor, Role.SUPERVISOR, "close the day")
    # Lock order, as everywhere: counters, then tickets, then (with the first event) the chain head.
    counters = session.execute(
        select(Counter).where(Counter.office_id == where.id, Counter.state != CounterState.CLOSED).order_by(Counter.id).with_for_update()
    ).scalars().all()
    waiting = session.execute(
        select(Ticket)
        .where(Ticket.office_id == where.id, Ticket.status == TicketStatus.WAITING)
        .order_by(Ticket.id)
        .with_for_update()
    ).scalars().all()
    for ticket in waiting:
        ticket.status = TicketStatus.EXPIRED
        eventlog.append(session, kind=EventKind.EXPIRED, at=now, office_id=where.id, ticket=ticket, staff_id=actor)
    queue_counts.moved_many(session, waiting, -1)  # the chain head is held: see khiw.engine.queue_counts
    for desk in counters:
        eventlog.append(
            session, kind=EventKind.COUNTER_CLOSED, at=now, office_id=where.id, counter_id=desk.id, staff_id=desk.staff_id, data={"day_closed": True}
        )
        desk.state, desk.staff_id, desk.state_since = CounterState.CLOSED, None, now
    eventlog.append(session, kind=EventKind.DAY_CLOSED, at=now, office_id=where.id, staff_id=actor, data={"expired": len(waiting)})
    return len(waiting)
