"""What the waiting-room board shows: the latest calls, and who still waits for each service.

The board never asks "what changed?" of the tickets: calls and recalls are events, and event
ids are gap-free and committed in order, so "calls with an event id above the last one I saw"
is exactly the list of announcements still owed, whether one counter called or five did at
once, and whether the board was briefly offline or not. Every query here is bounded by the
chain head read first, so one snapshot is consistent even under READ COMMITTED (PostgreSQL):
a call that commits while the snapshot is read belongs to the next one, never to neither.
Between full reads the board brings its snapshot up to date from the changes alone
(:mod:`khiw.engine.board_update`, the same result for the parts a change touches).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from khiw.clock import day_bounds, local_day, resolve
from khiw.engine import lookup
from khiw.engine.alerts import PrinterAlert, latest_printer_alert
from khiw.engine.estimates import queue_estimates
from khiw.engine.eventlog import last_event_id
from khiw.engine.results import QueueEstimate, _Result
from khiw.engine.tickets import ticket_settings
from khiw.models import (
    Counter,
    CounterState,
    Event,
    EventKind,
    Office,
    Service,
    Ticket,
    TicketStatus,
)

CALL_KINDS = (EventKind.CALLED, EventKind.RECALLED)
NEW_CALLS_LIMIT = 30  # after a long outage, only the newest calls are still worth announcing


@dataclass(frozen=True, slots=True)
class BoardCall(_Result):
    """One call or recall of a ticket to a counter; ``event_id`` tells every call apart."""

    event_id: int
    recall: bool
    ticket_code: str
    counter_number: int
    service_code: str
    service_name_th: str
    service_name_en: str
    color: str
    at: datetime
    transferred_from: str | None = None  # the code on the citizen's paper, if transferred
    live: bool = True  # the ticket is still called or served and its counter is open


@dataclass(frozen=True, slots=True)
class BoardState(_Result):
    """A consistent snapshot of the board, tagged with the newest event id it includes.

    ``latest``: the most recent call or recall today. ``per_counter``: the latest call of each
    counter that is signed in (open or paused), by counter number. ``recent``: today's calls
    and recalls, newest first. ``new_calls``: calls and recalls after the ``after`` id the
    caller gave, oldest first (what to announce). ``waiting``: every active service's queue.
    ``timezone``: the office's, for the board's clock and Thai date.
    """

    office_code: str
    office_name_th: str
    office_name_en: str
    timezone: str
    latest: BoardCall | None
    per_counter: tuple[BoardCall, ...]
    recent: tuple[BoardCall, ...]
    new_calls: tuple[BoardCall, ...]
    waiting: tuple[QueueEstimate, ...]
    alert: PrinterAlert | None
    event_id: int
    at: datetime
    show_standard_time: bool = True  # the office's ``[ticket] show_standard_time``


def board_state(
    session: Session,
    *,
    after: int | None = None,
    recent: int = 10,
    alerts: bool = True,
    office: str | None = None,
    now: datetime | None = None,
) -> BoardState:
    """Everything the board draws, in one read; ``after`` (an event id) asks for the new calls."""
    now = resolve(now)
    head = last_event_id(session)  # first: every later query is bounded by it
    where = lookup.office(session, office)
    start, end = day_bounds(local_day(now, where.timezone), where.timezone)
    # The ids first, then only their rows joined (by primary key), both lists at once: as one
    # statement each, with the ids in a subquery under the joins, PostgreSQL joined every call
    # of the day to its ticket, counter and service before choosing (most of the board's
    # database time per read).
    call_ids = select(Event.id).where(Event.office_id == where.id, Event.kind.in_(CALL_KINDS), Event.id <= head, Event.at >= start, Event.at < end)
    # Each counter's last call of any day, a few entries of its own index read backwards (a
    # group-by over today's calls walked all of today's events); one of an earlier day is
    # dropped below, and since event ids follow time no call of today is older than it.
    last_call = (
        select(Event.id)
        .where(Event.counter_id == Counter.id, Event.kind.in_(CALL_KINDS), Event.id <= head)
        .order_by(Event.id.desc())
        .limit(1)
        .correlate(Counter)
        .scalar_subquery()
    )
    latest_per_counter = [i for i in session.execute(select(last_call).where(Counter.office_id == where.id)).scalars() if i is not None]
    newest_ids = session.execute(call_ids.order_by(Event.id.desc()).limit(max(recent, 1))).scalars().all()
    # By id alone: the ids are calls up to the head already, and with the day's bounds too
    # PostgreSQL read the whole day through the (office, at) index to find these few.
    rows = [row for row in session.execute(CALLS_BY_ID, {"office_id": where.id, "ids": sorted({*latest_per_counter, *newest_ids})}).all() if start <= row[2] < end]
    calls = {int(row[0]): _call(row) for row in rows}
    signed_in = {int(row[0]) for row in rows if row.active and row.state != CounterState.CLOSED}
    per_counter = tuple(sorted((calls[i] for i in latest_per_counter if i in signed_in), key=lambda call: call.counter_number))
    newest = tuple(calls[i] for i in newest_ids if i in calls)
    fresh: tuple[BoardCall, ...] = ()
    if after is not None:
        # Today's only (a board that saw nothing yet must not announce yesterday), which also
        # keeps the read on today's rows of the (office, at) index however old the log is.
        fresh = _rows(session, _calls(where).where(Event.id > after, Event.id <= head, Event.at >= start, Event.at < end).order_by(Event.id.desc()).limit(NEW_CALLS_LIMIT))[::-1]
    return BoardState(
        office_code=where.code,
        office_name_th=where.name_th,
        office_name_en=where.name_en,
        timezone=where.timezone,
        latest=newest[0] if newest else None,
        per_counter=per_counter,
        recent=newest[:recent],
        new_calls=fresh,
        waiting=tuple(q for q in queue_estimates(session, where, now) if q.closed_reason != "inactive"),
        alert=latest_printer_alert(session, office=where.code) if alerts else None,
        event_id=head,
        at=now,
        show_standard_time=ticket_settings(where).show_standard_time,
    )


_Original = aliased(Ticket)
_LIVE_TICKET = (TicketStatus.CALLED, TicketStatus.SERVING)
_CallRow = tuple[int, EventKind, datetime, str, int, str, str, str, str, str | None, TicketStatus, bool, CounterState]


# Every call of the board with what it draws of its ticket, counter and service; built once.
_CALLS: Select[_CallRow] = (
    select(
        Event.id, Event.kind, Event.at, Ticket.code, Counter.number, Service.code, Service.name_th, Service.name_en, Service.color,
        _Original.code, Ticket.status, Counter.active, Counter.state,
    )  # fmt: skip
    .join(Ticket, Ticket.id == Event.ticket_id)
    .join(Counter, Counter.id == Event.counter_id)
    .join(Service, Service.id == Event.service_id)
    .outerjoin(_Original, _Original.id == Ticket.transferred_from_id)
    .where(Event.kind.in_(CALL_KINDS))
)


# Chosen calls by event id. ``office_id + 0`` keeps the office's ``(office_id, at)`` index out
# of the choice: SQLite, planning this shape without statistics, walked every event the office
# ever logged through it (380 ms over a 1,000,000-event past) instead of fetching these few
# ids by primary key.
CALLS_BY_ID: Select[_CallRow] = _CALLS.where((Event.office_id + 0) == bindparam("office_id"), Event.id.in_(bindparam("ids", expanding=True)))


def _calls(office: Office) -> Select[_CallRow]:
    return _CALLS.where(Event.office_id == office.id)


def _rows(session: Session, query: Select[_CallRow]) -> tuple[BoardCall, ...]:
    return tuple(_call(row) for row in session.execute(query).all())


def _call(row: Row[_CallRow]) -> BoardCall:
    event_id, kind, at, code, number, service_code, name_th, name_en, color, original, status, active, state = row
    return BoardCall(
        event_id=int(event_id),
        recall=kind == EventKind.RECALLED,
        ticket_code=code,
        counter_number=number,
        service_code=service_code,
        service_name_th=name_th,
        service_name_en=name_en,
        color=color,
        at=at,
        transferred_from=original,
        live=status in _LIVE_TICKET and active and state != CounterState.CLOSED,
    )
