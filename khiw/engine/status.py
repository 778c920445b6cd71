"""What a supervisor, a board or ``khiw status`` sees: every queue and every counter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import lookup
from khiw.engine.counters import counter_views
from khiw.engine.estimates import queue_estimates
from khiw.engine.eventlog import last_event_id
from khiw.engine.results import CounterView, QueueEstimate, _Result
from khiw.engine.tickets import ticket_settings
from khiw.models import Counter, Priority


@dataclass(frozen=True, slots=True)
class OfficeStatus(_Result):
    """A consistent snapshot, tagged with the newest event id it includes."""

    office_code: str
    office_name_th: str
    office_name_en: str
    timezone: str
    queues: tuple[QueueEstimate, ...]
    counters: tuple[CounterView, ...]
    priority_classes: tuple[Priority, ...]
    event_id: int
    at: datetime
    show_standard_time: bool = True  # the office's ``[ticket] show_standard_time``


def office_status(session: Session, *, office: str | None = None, now: datetime | None = None) -> OfficeStatus:
    """Queues with estimates and counters with their current tickets, in one read."""
    now = resolve(now)
    where = lookup.office(session, office)
    desks = list(
        session.execute(select(Counter).where(Counter.office_id == where.id, Counter.active).order_by(Counter.number)).scalars()
    )
    return OfficeStatus(
        office_code=where.code,
        office_name_th=where.name_th,
        office_name_en=where.name_en,
        timezone=where.timezone,
        queues=tuple(queue_estimates(session, where, now)),
        counters=counter_views(session, desks),
        priority_classes=tuple(lookup.policy(where).offered),
        event_id=last_event_id(session),
        at=now,
        show_standard_time=ticket_settings(where).show_standard_time,
    )
