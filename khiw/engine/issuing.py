"""Issuing a ticket: the kiosk's one operation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import eventlog, lookup
from khiw.engine.estimates import closed_reason
from khiw.engine.numbering import new_ticket
from khiw.engine.position import newcomer_position
from khiw.engine.results import TicketIssued
from khiw.errors import PriorityNotOffered, ServiceClosed
from khiw.models import EventKind, Priority


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
    position = newcomer_position(session, where, svc, priority=priority.is_priority, now=now)
    ticket = new_ticket(session, service=svc, day=day, priority=priority, issued_at=now, queued_at=now)
    if svc.daily_cap is not None and ticket.number > svc.daily_cap:
        raise ServiceClosed(svc.code, "cap")  # rolls the allocation back with the transaction
    shown = lookup.view(session, ticket)
    event_id = eventlog.append(session, kind=EventKind.ISSUED, at=now, office_id=where.id, ticket=ticket, data={"number": ticket.number}, waiting=+1)
    return TicketIssued(ticket=shown, ahead=position.ahead, estimated_wait_minutes=position.estimated_wait_minutes, event_id=event_id)

