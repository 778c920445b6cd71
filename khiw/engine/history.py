"""What a counter has handled today: the last few tickets it finished with, newest first.

Read from the event log, not the ticket rows, because the log says what happened *at this
counter* (a ticket reactivated after a no-show and served elsewhere still shows here as the
no-show it was) and because the finish event holds the recorded service time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import day_bounds, local_day, resolve
from khiw.engine import lookup
from khiw.engine.results import _Result
from khiw.models import Event, EventKind, Priority, Service, Ticket, TicketStatus

#: Events that end a ticket's time at a counter: the outcomes a counter's history shows.
OUTCOMES = (EventKind.FINISHED, EventKind.NO_SHOW, EventKind.TRANSFERRED, EventKind.CANCELLED)


@dataclass(frozen=True, slots=True)
class HandledTicket(_Result):
    """One ticket a counter finished with.

    ``outcome`` is the event that ended it (one of :data:`OUTCOMES`);
    ``service_seconds`` is the recorded start-to-finish time of a finished ticket (else None);
    ``status`` is the ticket's status now, so a no-show that came back reads ``waiting``.
    """

    ticket_id: int
    code: str
    service_code: str
    service_name_th: str
    service_name_en: str
    priority: Priority
    outcome: EventKind
    status: TicketStatus
    at: datetime
    service_seconds: float | None
    event_id: int


def handled_at_counter(
    session: Session,
    *,
    counter: int,
    limit: int = 5,
    office: str | None = None,
    now: datetime | None = None,
) -> tuple[HandledTicket, ...]:
    """The last ``limit`` tickets ``counter`` finished, marked no-show, transferred or
    cancelled today (the office's local day), newest first."""
    now = resolve(now)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter)
    start, end = day_bounds(local_day(now, where.timezone), where.timezone)
    # The counter's last outcomes of any day through its own index (a few entries read
    # backwards), then today's kept: bounding the day in SQL walked all of today's events of the
    # office instead. Event ids follow time, so none of today's is older than one of an earlier day.
    rows = session.execute(
        select(Event, Ticket, Service)
        .join(Ticket, Ticket.id == Event.ticket_id)
        .join(Service, Service.id == Ticket.service_id)
        .where(Event.counter_id == desk.id, Event.kind.in_(list(OUTCOMES)))
        .order_by(Event.id.desc())
        .limit(limit)
    ).all()
    rows = [(event, ticket, svc) for event, ticket, svc in rows if start <= event.at < end]
    return tuple(
        HandledTicket(
            ticket_id=ticket.id,
            code=ticket.code,
            service_code=svc.code,
            service_name_th=svc.name_th,
            service_name_en=svc.name_en,
            priority=ticket.priority,
            outcome=event.kind,
            status=ticket.status,
            at=event.at,
            service_seconds=_seconds(event),
            event_id=event.id,
        )
        for event, ticket, svc in rows
    )


def _seconds(event: Event) -> float | None:
    value = (event.data or {}).get("service_s")
    return float(value) if value is not None else None
