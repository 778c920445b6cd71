"""Device alerts (a kiosk's printer failing) that counters and the board show to staff.

An alert is an event, so it is logged, chained and delivered by the same change feed as
every ticket change. Each kiosk's last print event is also kept in its ``printer_states``
row, written in the same transaction: "the latest alert" is read from those few rows, never
by searching the log (which grows for as long as the office runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup, upsert
from khiw.engine.results import _Result
from khiw.models import EventKind, PrinterState


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
    _remember(session, where.id, kiosk, problem, t.id if t else None, now, event_id)
    return PrinterAlert(problem is None, kiosk, problem or "", t.code if t else None, now, event_id)


def _remember(session: Session, office_id: int, kiosk: str, problem: str | None, ticket_id: int | None, at: datetime, event_id: int) -> None:
    """Upsert the kiosk's row (one statement: two kiosks reporting at once never collide)."""
    row = {"office_id": office_id, "kiosk": kiosk, "problem": problem, "ticket_id": ticket_id, "at": at, "event_id": event_id}
    statement = upsert.insert(session, PrinterState).values(row)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[PrinterState.office_id, PrinterState.kiosk],
            set_={key: statement.excluded[key] for key in ("problem", "ticket_id", "at", "event_id")},
        )
    )


_LATEST = select(PrinterState).order_by(PrinterState.event_id.desc()).limit(1)


def latest_printer_alert(session: Session, *, office: str | None = None) -> PrinterAlert | None:
    """The newest print event of any kiosk if it was a failure (a later success clears the
    alert), read from the kiosks' rows through their (office, event) index."""
    where = lookup.office(session, office)
    state = session.execute(_LATEST.where(PrinterState.office_id == where.id)).scalar_one_or_none()
    if state is None or state.problem is None:
        return None
    code = None
    if state.ticket_id is not None:
        code = lookup.ticket(session, where, state.ticket_id, state.at).code
    return PrinterAlert(False, state.kiosk, state.problem or "error", code, state.at, int(state.event_id))
