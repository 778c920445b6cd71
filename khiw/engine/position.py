"""Where a ticket stands in the call order and how long it will wait: one answer for every surface.

The kiosk's slip, the board and the citizen's phone page all show these numbers, so they are
computed here and nowhere else. :func:`ticket_positions` answers for many tickets at once (the
web station refreshes every open page of a queue after each call) with the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine.estimates import service_rate, wait_minutes
from khiw.errors import NotFound
from khiw.models import Office, Service, Ticket, TicketStatus
from khiw.models.ids import ServiceId


@dataclass(frozen=True, slots=True)
class TicketPosition:
    """People who will normally be called before the ticket, and the estimated wait in minutes
    (both 0 once the ticket is no longer waiting)."""

    ahead: int
    estimated_wait_minutes: int


def ticket_position(session: Session, *, ticket_id: int, now: datetime | None = None) -> TicketPosition:
    """The position of ticket ``ticket_id`` now; :class:`NotFound` if there is no such ticket."""
    found = ticket_positions(session, ticket_ids=[ticket_id], now=now)
    if ticket_id not in found:
        raise NotFound("ticket", ticket_id)
    return found[ticket_id]


def ticket_positions(session: Session, *, ticket_ids: Iterable[int], now: datetime | None = None) -> dict[int, TicketPosition]:
    """The positions of the tickets that exist among ``ticket_ids``.

    The rule (as :func:`khiw.engine.issuing.people_ahead`): a waiting ticket has ahead of it
    the waiting tickets of its service and day queued before it (earlier ``queued_at``, then
    lower id); a priority ticket counts only the priority ones. One read of each queue and
    one of each service's rate, however many tickets are asked about.
    """
    now = resolve(now)
    tickets = list(session.execute(select(Ticket).where(Ticket.id.in_(list(ticket_ids)))).scalars())
    out = {t.id: TicketPosition(0, 0) for t in tickets}
    waiting = [t for t in tickets if t.status == TicketStatus.WAITING]
    queues: dict[tuple[ServiceId, date], list[Ticket]] = defaultdict(list)
    for t in waiting:
        queues[(t.service_id, t.service_day)].append(t)
    for (service_id, day), mine in queues.items():
        line = session.execute(
            select(Ticket.id, Ticket.priority)
            .where(Ticket.service_id == service_id, Ticket.service_day == day, Ticket.status == TicketStatus.WAITING)
            .order_by(Ticket.queued_at, Ticket.id)
        ).all()
        before_all, before_priority, ahead = 0, 0, {}
        for row_id, priority in line:
            ahead[row_id] = (before_all, before_priority)
            before_all += 1
            before_priority += int(priority.is_priority)
        svc = session.get_one(Service, service_id)
        per_ticket, counters = service_rate(session, session.get_one(Office, svc.office_id), svc, now)
        for t in mine:
            all_, prio = ahead.get(t.id, (0, 0))
            count = prio if t.priority.is_priority else all_
            out[t.id] = TicketPosition(count, wait_minutes(count, per_ticket, counters))
    return out
