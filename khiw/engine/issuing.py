"""Issuing a ticket: the kiosk's one operation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import eventlog, lookup
from khiw.engine.estimates import closed_reason, estimate_for
from khiw.engine.numbering import new_ticket
from khiw.engine.results import TicketIssued
from khiw.errors import PriorityNotOffered, ServiceClosed
from khiw.models import EventKind, Office, Priority, Ticket, TicketStatus


def issue(
    session: Session,
    *,
    service: str,
    priority: Priority = Priority.NONE,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketIssued:
    """Issue the next ticket of ``service`` (a service code) in the given priority class.

    Raises :class:`ServiceClosed` when the service is switched off, outside its hours or at
    its daily cap, and :class:`PriorityNotOffered` for a class the office has not switched on.
    """
    now = resolve(now)
    where = lookup.office(session, office)
    svc = lookup.service(session, where, service)
    priority = Priority(priority)
    if priority.is_priority and priority not in lookup.policy(where).offered:
        raise PriorityNotOffered(priority.value)
    reason = closed_reason(where, svc, now)
    if reason is not None:
        raise ServiceClosed(svc.code, reason)
    day = local_day(now, where.timezone)
    # Everything that can be known before the number is allocated is read first: the upsert
    # locks the service's day row until commit, so the lock covers only insert and append.
    ahead = session.execute(_AHEAD_PRIORITY if priority.is_priority else _AHEAD_ALL, {"service_id": svc.id, "day": day}).scalar_one()
    wait = estimate_for(session, where, svc, ahead, now)
    ticket = new_ticket(session, service=svc, day=day, priority=priority, issued_at=now, queued_at=now)
    if svc.daily_cap is not None and ticket.number > svc.daily_cap:
        raise ServiceClosed(svc.code, "cap")  # rolls the allocation back with the transaction
    shown = lookup.view(session, ticket)
    event_id = eventlog.append(session, kind=EventKind.ISSUED, at=now, office_id=where.id, ticket=ticket, data={"number": ticket.number})
    return TicketIssued(ticket=shown, ahead=ahead, estimated_wait_minutes=wait, event_id=event_id)


def people_ahead(session: Session, office: Office, ticket: Ticket) -> int:
    """Waiting tickets of the same service that will normally be called before ``ticket``.

    A priority ticket counts only the priority tickets before it; a normal one counts all.
    """
    query = (_AHEAD_PRIORITY if ticket.priority.is_priority else _AHEAD_ALL).where(
        or_(Ticket.queued_at < ticket.queued_at, and_(Ticket.queued_at == ticket.queued_at, Ticket.id < ticket.id))
    )
    return int(session.execute(query, {"service_id": ticket.service_id, "day": ticket.service_day}).scalar_one())


# Waiting tickets a newcomer queues behind: all of them, or the priority lane for a priority
# ticket. Built once: a kiosk tap runs one.
_AHEAD_ALL = select(func.count()).where(
    Ticket.service_id == bindparam("service_id"), Ticket.service_day == bindparam("day"), Ticket.status == TicketStatus.WAITING
)
_AHEAD_PRIORITY = _AHEAD_ALL.where(Ticket.priority != Priority.NONE)
