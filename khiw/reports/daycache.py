"""A cache of each local day's facts, so a year's report reads 365 rows, not 5 million events.

The event log is append-only, so a day's facts change only when a later event concerns that
day (a late expiry, today's new tickets). Each cached day records the newest event id it had
seen (its watermark); before a report, :func:`refresh` looks at the events after the oldest
watermark of the period, rebuilds the days they touch, builds the days not cached yet, and
moves the other days' watermarks up. The report is therefore always exactly what the event
log says; the cache only saves reading it again. ``VERSION`` changes whenever the facts'
layout or their SQL does, which rebuilds every day.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from khiw.clock import day_bounds, local_day
from khiw.engine import upsert
from khiw.engine.eventlog import last_event_id
from khiw.metrics.facts import CALL, COUNTER_EVENT, TICKET, Facts
from khiw.models import Event, EventKind, Office, report_days
from khiw.reports.extract import COUNTER_KINDS, day_facts, to_ms

VERSION = 2  # 2: exact milliseconds on SQLite (no strftime('%s') rounding)

def refresh(session: Session, office: Office, days: list[date]) -> int:
    """Bring the cached facts of ``days`` up to the newest event; returns days (re)built."""
    if not days:
        return 0
    head = int(last_event_id(session))
    cached = dict(
        session.execute(
            select(report_days.c.day, report_days.c.watermark).where(
                report_days.c.office_id == office.id,
                report_days.c.day.between(days[0], days[-1]),
                report_days.c.version == VERSION,
            )
        ).all()
    )
    wanted = set(days)
    stale = wanted - set(cached)
    if cached and min(cached.values()) < head:
        latest = latest_event_per_day(session, office, min(cached.values()))
        stale |= {d for d, last in latest.items() if d in wanted and d in cached and last > cached[d]}
    quiet = _quiet_days(session, office, sorted(stale - set(cached))) if len(stale) > 7 else set()
    for day in sorted(stale):
        _store(session, office, day, head, empty=day in quiet)
    clean = [d for d in cached if d not in stale and cached[d] < head]
    if clean:
        session.execute(
            update(report_days)
            .where(report_days.c.office_id == office.id, report_days.c.day.in_(clean))
            .values(watermark=head)
        )
    return len(stale)


def refresh_through(session: Session, office: Office, day: date) -> int:
    """Called as ``day`` closes: build its facts and bring every cached day up to the newest
    event, so that the next report scans only the events written after this close."""
    first = session.execute(select(func.min(report_days.c.day)).where(report_days.c.office_id == office.id)).scalar()
    start = min(first, day) if first is not None else day
    return refresh(session, office, [start + timedelta(days=n) for n in range((day - start).days + 1)])


def latest_event_per_day(session: Session, office: Office, after: int) -> dict[date, int]:
    """For each local day whose facts the events after id ``after`` change, the newest such id.

    A ticket event belongs to the day its ticket was issued; a counter event to its own day.
    """
    e, i = Event.__table__.alias("e"), Event.__table__.alias("i")
    per_ticket = session.execute(
        select(func.min(i.c.at), func.max(e.c.id))
        .select_from(e.join(i, and_(i.c.ticket_id == e.c.ticket_id, i.c.kind == EventKind.ISSUED.value)))
        .where(e.c.id > after, e.c.office_id == office.id)
        .group_by(e.c.ticket_id)
    ).all()
    counters = session.execute(
        select(Event.at, Event.id).where(Event.id > after, Event.office_id == office.id, Event.kind.in_(list(COUNTER_KINDS)))
    ).all()
    latest: dict[date, int] = {}
    for at, event_id in [*per_ticket, *counters]:
        day = local_day(at, office.timezone)
        latest[day] = max(latest.get(day, 0), int(event_id))
    return latest


def _quiet_days(session: Session, office: Office, days: list[date]) -> set[date]:
    """Of ``days``, those without a ticket issued or a counter event: no need to query them.

    One query lists the UTC dates that have such events; a local day can only have events
    if its own UTC date or a neighbour does (no office is more than a day from UTC).
    """
    if not days:
        return set()
    start, end = day_bounds(days[0], office.timezone)[0], day_bounds(days[-1], office.timezone)[1]
    utc_date = func.substr(Event.at, 1, 10) if session.get_bind().dialect.name == "sqlite" else func.to_char(Event.at, "YYYY-MM-DD")
    busy = {
        date.fromisoformat(value)
        for value in session.execute(
            select(utc_date)
            .where(Event.office_id == office.id, Event.at >= start, Event.at < end, Event.kind.in_([EventKind.ISSUED, *COUNTER_KINDS]))
            .distinct()
        ).scalars()
    }
    near = {d + timedelta(days=k) for d in busy for k in (-1, 0, 1)}
    return {d for d in days if d not in near}


def _store(session: Session, office: Office, day: date, head: int, *, empty: bool = False) -> None:
    facts = Facts() if empty else day_facts(session, office.id, day, office.timezone)
    values = {
        "office_id": office.id,
        "day": day,
        "version": VERSION,
        "watermark": head,
        "tickets": facts.tickets.tobytes(),
        "counter_events": facts.counter_events.tobytes(),
        "calls": facts.calls.tobytes(),
        "reasons": {str(k): v for k, v in facts.reasons.items()},
    }
    stmt = upsert.insert(session, report_days).values(**values)
    session.execute(stmt.on_conflict_do_update(index_elements=["office_id", "day"], set_={k: stmt.excluded[k] for k in values if k not in ("office_id", "day")}))


def load(session: Session, office: Office, days: list[date]) -> tuple[Facts, int]:
    """The cached facts of ``days`` (call :func:`refresh` first), joined in day order, and
    the id of the newest event they all reflect (the oldest watermark among them)."""
    if not days:
        return Facts(), int(last_event_id(session))
    rows = session.execute(
        select(report_days.c.day, report_days.c.tickets, report_days.c.counter_events, report_days.c.calls, report_days.c.reasons, report_days.c.watermark)
        .where(report_days.c.office_id == office.id, report_days.c.day.between(days[0], days[-1]), report_days.c.version == VERSION)
        .order_by(report_days.c.day)
    ).all()
    def joined(blobs: list[bytes], dtype: np.dtype) -> np.ndarray:
        # One bytes join and one view: far cheaper than concatenating record arrays.
        return np.frombuffer(b"".join(blobs), dtype).copy()

    tickets = joined([r.tickets for r in rows], TICKET)
    counters = joined([r.counter_events for r in rows], COUNTER_EVENT)
    index = np.arange(len(rows), dtype=np.int32)
    tickets["day"] = np.repeat(index, [len(r.tickets) // TICKET.itemsize for r in rows])
    counters["day"] = np.repeat(index, [len(r.counter_events) // COUNTER_EVENT.itemsize for r in rows])
    reasons: dict[int, str] = {}
    for r in rows:
        stored = r.reasons if isinstance(r.reasons, dict) else json.loads(r.reasons)
        reasons.update({int(k): v for k, v in stored.items()})
    facts = Facts(
        tickets=tickets,
        counter_events=counters,
        calls=joined([r.calls for r in rows], CALL),
        day_ordinals=np.array([r.day.toordinal() for r in rows], dtype=np.int64),
        day_starts=np.array([to_ms(day_bounds(r.day, office.timezone)[0]) for r in rows], dtype=np.int64),
        reasons=reasons,
    )
    return facts, min((int(r.watermark) for r in rows), default=int(last_event_id(session)))
