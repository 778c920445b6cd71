"""Reading one local day's facts out of the event log, in three SQL statements.

The tickets issued that day are pivoted in the database (one GROUP BY over their events),
so a day of 4,000 tickets comes back as 4,000 rows, not 20,000 events. Timestamps come back
as integer milliseconds since the epoch, computed exactly on both databases (SQLite keeps
them as ISO text with microseconds; PostgreSQL as ``timestamp``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import BigInteger, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from khiw.clock import day_bounds
from khiw.metrics.facts import (
    CALL,
    COUNTER_EVENT,
    MISSING,
    PAUSE_REASONS,
    PRIORITIES,
    TICKET,
    CounterKind,
    Facts,
    Outcome,
)
from khiw.models import Event, EventKind

EVENTS = Event.__table__
PACK = 1 << 20  # event id × PACK + counter/staff id picks the last call's counter in one MAX()

ENDINGS = {
    EventKind.FINISHED: Outcome.SERVED,
    EventKind.NO_SHOW: Outcome.NO_SHOW,
    EventKind.TRANSFERRED: Outcome.TRANSFERRED,
    EventKind.CANCELLED: Outcome.CANCELLED,
    EventKind.EXPIRED: Outcome.EXPIRED,
    EventKind.REACTIVATED: Outcome.OPEN,
}
COUNTER_KINDS = {
    EventKind.COUNTER_OPENED: CounterKind.OPENED,
    EventKind.COUNTER_PAUSED: CounterKind.PAUSED,
    EventKind.COUNTER_RESUMED: CounterKind.RESUMED,
    EventKind.COUNTER_CLOSED: CounterKind.CLOSED,
}


def epoch_ms(session: Session, column: ColumnElement) -> ColumnElement:
    """``column`` (a UTC timestamp) as integer ms since 1970, exact on both databases."""
    if session.get_bind().dialect.name == "sqlite":
        # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff'. strftime('%s') of the whole value rounds
        # .9995 s and more up to the next second, so the whole seconds are read from the text
        # without its fraction (nothing to round), then the first 3 digits of the µs added.
        seconds = cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger)
        return seconds * 1000 + cast(func.substr(column, 21, 3), BigInteger)
    return cast(func.floor(func.extract("epoch", column) * 1000), BigInteger)


_I = EVENTS.alias("i")  # the ISSUED event that puts a ticket in the day
_E = EVENTS.alias("e")  # every event of that ticket


def _when(kind: EventKind | tuple[EventKind, ...], value: ColumnElement, else_: object = None) -> ColumnElement:
    """``value`` for events of ``kind``, else ``else_``: one column of the pivot."""
    test = _E.c.kind.in_([k.value for k in kind]) if isinstance(kind, tuple) else _E.c.kind == kind.value
    return case((test, value), else_=else_)


def _priority_code(column: ColumnElement) -> ColumnElement:
    return case({p: i for i, p in enumerate(PRIORITIES)}, value=column, else_=0)


def day_facts(session: Session, office_id: int, day: date, tz: str) -> Facts:
    """Tickets issued on local ``day``, with all their events; the day's counter events."""
    start, end = day_bounds(day, tz)
    ms = epoch_ms(session, _E.c.at)
    endings = tuple(ENDINGS)
    last_end = case(*((_E.c.kind == k.value, _E.c.id * 8 + int(v)) for k, v in ENDINGS.items()), else_=None)
    issued_here = and_(_I.c.office_id == office_id, _I.c.kind == EventKind.ISSUED.value, _I.c.at >= start, _I.c.at < end)
    pivot = (
        select(
            _E.c.ticket_id,
            func.max(_when(EventKind.ISSUED, _E.c.data["number"].as_integer())),
            func.min(_E.c.service_id),
            func.max(_when(EventKind.ISSUED, _priority_code(_E.c.priority))),
            func.max(_when(EventKind.ISSUED, case((_E.c.data["from_ticket"].as_integer().is_not(None), 1), else_=0))),
            func.max(last_end),
            func.min(_when(EventKind.ISSUED, ms)),
            func.min(_when(EventKind.CALLED, ms)),
            func.max(_when(EventKind.CALLED, ms)),
            func.max(_when(EventKind.STARTED, ms)),
            func.max(_when(EventKind.FINISHED, ms)),
            func.max(_when(endings, ms)),
            func.max(_when(EventKind.CALLED, _E.c.id * PACK + func.coalesce(_E.c.counter_id, 0))),
            func.max(_when(EventKind.CALLED, _E.c.id * PACK + func.coalesce(_E.c.staff_id, 0))),
            func.sum(_when(EventKind.CALLED, literal(1), 0)),
            func.sum(_when(EventKind.RECALLED, literal(1), 0)),
            func.sum(_when(EventKind.CALLED, func.coalesce(_E.c.data["overtook"].as_integer(), 0), 0)),
            func.sum(_when(EventKind.CALLED, func.coalesce(_E.c.data["unjustified"].as_integer(), 0), 0)),
        )
        .select_from(_I.join(_E, _E.c.ticket_id == _I.c.ticket_id))
        .where(issued_here)
        .group_by(_E.c.ticket_id)
        .order_by(_E.c.ticket_id)
    )
    rows = session.execute(pivot).all()
    tickets = np.zeros(len(rows), TICKET)
    if rows:
        raw = np.array([tuple(MISSING if v is None else v for v in r) for r in rows], dtype=np.int64)
        tickets["ticket"], tickets["number"], tickets["service"] = raw[:, 0], raw[:, 1], raw[:, 2]
        tickets["priority"], tickets["transfer"] = raw[:, 3], raw[:, 4]
        last = raw[:, 5]
        tickets["outcome"] = np.where(last == MISSING, Outcome.OPEN, last % 8)
        for i, name in enumerate(("issued", "first_call", "last_call", "start", "finish", "end"), start=6):
            tickets[name] = raw[:, i]
        tickets["end"] = np.where(tickets["outcome"] == Outcome.OPEN, MISSING, tickets["end"])
        tickets["counter"] = np.where(raw[:, 12] == MISSING, MISSING, raw[:, 12] % PACK)
        staff = np.where(raw[:, 13] == MISSING, MISSING, raw[:, 13] % PACK)
        tickets["staff"] = np.where(staff == 0, MISSING, staff)
        tickets["calls"], tickets["recalls"] = raw[:, 14], raw[:, 15]
        tickets["overtook"], tickets["unjustified"] = raw[:, 16], raw[:, 17]

    counter_rows = session.execute(
        select(
            _E.c.id,
            epoch_ms(session, _E.c.at),
            _E.c.counter_id,
            func.coalesce(_E.c.staff_id, MISSING),
            _E.c.kind,
            func.coalesce(_E.c.reason, ""),
        )
        .where(_E.c.office_id == office_id, _E.c.at >= start, _E.c.at < end, _E.c.kind.in_([k.value for k in COUNTER_KINDS]))
        .order_by(_E.c.id)
    ).all()
    counters = np.zeros(len(counter_rows), COUNTER_EVENT)
    for i, (event_id, at, counter_id, staff_id, kind, reason) in enumerate(counter_rows):
        code = PAUSE_REASONS.index(reason) if reason in PAUSE_REASONS else PAUSE_REASONS.index("other")
        counters[i] = (event_id, at, 0, counter_id, staff_id, COUNTER_KINDS[EventKind(kind)], code)

    overtook = _E.c.data["overtook"].as_integer()
    out_of_order = _E.c.data["rule"].as_string() == "out_of_order"
    call_rows = session.execute(
        select(
            _E.c.id,
            _E.c.ticket_id,
            ms,
            _E.c.service_id,
            func.coalesce(_E.c.counter_id, MISSING),
            func.coalesce(_E.c.staff_id, MISSING),
            _priority_code(_E.c.priority),
            case((out_of_order, 1), else_=0),
            func.coalesce(overtook, 0),
            func.coalesce(_E.c.data["unjustified"].as_integer(), 0),
            _E.c.reason,
        )
        .select_from(_I.join(_E, _E.c.ticket_id == _I.c.ticket_id))
        .where(issued_here, _E.c.kind == EventKind.CALLED.value, or_(overtook > 0, out_of_order))
        .order_by(_E.c.id)
    ).all()
    calls = np.zeros(len(call_rows), CALL)
    reasons: dict[int, str] = {}
    for i, row in enumerate(call_rows):
        calls[i] = tuple(int(v) for v in row[:10])
        if row[7] and row[10]:
            reasons[int(row[0])] = str(row[10])
    return Facts(
        tickets=tickets,
        counter_events=counters,
        calls=calls,
        day_ordinals=np.array([day.toordinal()], dtype=np.int64),
        day_starts=np.array([to_ms(start)], dtype=np.int64),
        reasons=reasons,
    )


def to_ms(moment: datetime) -> int:
    """An aware instant as integer ms since the epoch."""
    delta = moment.astimezone(UTC) - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000

