"""Closing the day: tickets still waiting expire, and open counters are signed out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import eventlog, lookup
from khiw.engine.auth import require
from khiw.models import Counter, CounterState, EventKind, Role, Ticket, TicketStatus
from khiw.models.ids import StaffId


def close_day(session: Session, *, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None) -> int:
    """Expire every waiting ticket of the office (today's and any left from earlier days).

    Returns how many expired. Tickets still at a counter are left for their counter to
    finish; a supervisor's action. The day's report facts are cached as it closes.
    """
    now = resolve(now)
    where = lookup.office(session, office)
    require(session, actor, Role.SUPERVISOR, "close the day")
    waiting = session.execute(
        select(Ticket)
        .where(Ticket.office_id == where.id, Ticket.status == TicketStatus.WAITING)
        .order_by(Ticket.id)
        .with_for_update()
    ).scalars().all()
    for ticket in waiting:
        ticket.status = TicketStatus.EXPIRED
        eventlog.append(session, kind=EventKind.EXPIRED, at=now, office_id=where.id, ticket=ticket, staff_id=actor)
    counters = session.execute(
        select(Counter).where(Counter.office_id == where.id, Counter.state != CounterState.CLOSED).with_for_update()
    ).scalars().all()
    for desk in counters:
        eventlog.append(
            session, kind=EventKind.COUNTER_CLOSED, at=now, office_id=where.id, counter_id=desk.id, staff_id=desk.staff_id, data={"day_closed": True}
        )
        desk.state, desk.staff_id, desk.state_since = CounterState.CLOSED, None, now
    eventlog.append(session, kind=EventKind.DAY_CLOSED, at=now, office_id=where.id, staff_id=actor, data={"expired": len(waiting)})
    # The finished day's report facts are built now, from the events, so that a year's report
    # reads 365 cached days instead of millions of events (imported here: stations that never
    # close a day need not load the report code).
    from khiw.reports.daycache import refresh_through

    refresh_through(session, where, local_day(now, where.timezone))
    return len(waiting)
