"""Where a ticket stands in the call order and how long it will wait: one answer for every surface.

The kiosk's slip, the board and the citizen's phone page all show these numbers, so they are
computed here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine.estimates import estimate_for
from khiw.engine.issuing import people_ahead
from khiw.errors import NotFound
from khiw.models import Office, Service, Ticket, TicketStatus


@dataclass(frozen=True, slots=True)
class TicketPosition:
    """People who will normally be called before the ticket, and the estimated wait in minutes
    (both 0 once the ticket is no longer waiting)."""

    ahead: int
    estimated_wait_minutes: int


def ticket_position(session: Session, *, ticket_id: int, now: datetime | None = None) -> TicketPosition:
    """The position of ticket ``ticket_id`` now; :class:`NotFound` if there is no such ticket."""
    now = resolve(now)
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound("ticket", ticket_id)
    if ticket.status != TicketStatus.WAITING:
        return TicketPosition(0, 0)
    office = session.get_one(Office, ticket.office_id)
    ahead = people_ahead(session, office, ticket)
    return TicketPosition(ahead, estimate_for(session, office, session.get_one(Service, ticket.service_id), ahead, now))
