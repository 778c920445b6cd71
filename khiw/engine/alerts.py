"""Device alerts (a kiosk's printer failing) that counters and the board show to staff.

An alert is an event, so it is logged, chained and delivered by the same change feed as
every ticket change; "the latest alert" is read from the log, not kept anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup
from khiw.engine.results import _Result
from khiw.models import Event, EventKind


@dataclass(frozen=True, slots=True)
class PrinterAlert(_Result):
    """A printer problem at a kiosk; ``ok`` is True once it printed again."""

    ok: bool
    kiosk: str
    problem: str
    ticket_code: str | None
    at: datetime
    event_id: int


def record_print(
    session: Session,
    *,
    ticket: str | int | None,
    kiosk: str,
    problem: str | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> PrinterAlert:
    """Log that a ticket failed to print (``problem`` says why: ``offline``, ``paper_out``,
    ``cover_open``, ``timeout``, ``error``; the ticket stays valid), or, with ``problem`` None,
    that the kiosk prints again. Kiosks log a success only after a failure, not every ticket."""
    now = resolve(now)
    where = lookup.office(session, office)
    t = lookup.ticket(session, where, ticket, now) if ticket is not None else None
    event_id = eventlog.append(
        session,
        kind=EventKind.PRINTED if problem is None else EventKind.PRINT_FAILED,
        at=now,
        office_id=where.id,
        ticket=t,
        reason=problem,
        data={"kiosk": kiosk},
    )
    return PrinterAlert(problem is None, kiosk, problem or "", t.code if t else None, now, event_id)


def latest_printer_alert(session: Session, *, office: str | None = None) -> PrinterAlert | None:
    """The newest print event if it was a failure (a later success clears the alert)."""
    where = lookup.office(session, office)
    event = session.execute(
        select(Event)
        .where(Event.office_id == where.id, Event.kind.in_([EventKind.PRINTED, EventKind.PRINT_FAILED]))
        .order_by(Event.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if event is None or event.kind == EventKind.PRINTED:
        return None
    code = None
    if event.ticket_id is not None:
        code = lookup.ticket(session, where, event.ticket_id, event.at).code
    return PrinterAlert(False, str(event.data.get("kiosk", "")), event.reason or "error", code, event.at, event.id)
