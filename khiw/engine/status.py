"""What a supervisor, a board or ``khiw status`` sees: every queue and every counter.

Stations that show it (the kiosk, each counter) bring their last read up to date from the
changes since (:func:`update_office_status`), re-reading only the queues and counters the
changes name: with thirty stations on two cores, a full read per change per station was what
saturated the office PC (issue #11).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from khiw.changes import Change
from khiw.clock import resolve
from khiw.engine import lookup
from khiw.engine.counters import counter_views
from khiw.engine.estimates import queue_estimates
from khiw.engine.eventlog import last_event_id
from khiw.engine.results import CounterView, QueueEstimate, _Result
from khiw.engine.tickets import ticket_settings
from khiw.engine.touches import AT_COUNTER, COUNTER_STATES, QUEUE_KINDS, STATUS_UNSEEN
from khiw.models import Counter, CounterService, EventKind, Office, Priority


@dataclass(frozen=True, slots=True)
class OfficeStatus(_Result):
    """A consistent snapshot, tagged with the newest event id it includes.

    ``counters`` is empty when it was read without them (the kiosk shows only the queues).
    """

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


_DESKS = select(Counter).where(Counter.office_id == bindparam("office_id"), Counter.active).order_by(Counter.number)


def office_status(session: Session, *, office: str | None = None, now: datetime | None = None, counters: bool = True) -> OfficeStatus:
    """Queues with estimates and counters with their current tickets, in one read
    (``counters=False``: the queues alone, for a screen that shows no counter)."""
    now = resolve(now)
    where = lookup.office(session, office)
    desks = list(session.execute(_DESKS, {"office_id": where.id}).scalars()) if counters else []
    return OfficeStatus(
        office_code=where.code,
        office_name_th=where.name_th,
        office_name_en=where.name_en,
        timezone=where.timezone,
        queues=tuple(queue_estimates(session, where, now)),
        counters=counter_views(session, desks) if desks else (),
        priority_classes=tuple(lookup.policy(where).offered),
        event_id=last_event_id(session),
        at=now,
        show_standard_time=ticket_settings(where).show_standard_time,
    )


# -- bringing a status up to date from the changes ------------------------------------------


@dataclass(slots=True)
class Touched:
    """What a run of changes touches: ``services`` whose figures, ``counters`` whose views,
    ``staffed`` counters whose state changed (their services' open counters), the ``kinds``
    seen (the counter snapshot's printer alert decides on them) and the ``newest`` event."""

    services: set[int] = field(default_factory=set)
    counters: set[int] = field(default_factory=set)
    staffed: set[int] = field(default_factory=set)
    kinds: set[EventKind] = field(default_factory=set)
    newest: int = 0


def touched(changes: Iterable[Change]) -> Touched | None:
    """What ``changes`` touch, or None if one of them may have changed anything."""
    out = Touched()
    for change in changes:
        kind = change.kind
        if kind in QUEUE_KINDS:
            if change.service_id is None:
                return None
            out.services.add(change.service_id)
        elif kind in COUNTER_STATES:
            if change.counter_id is None:
                return None
            out.staffed.add(change.counter_id)
        elif kind not in AT_COUNTER and kind not in STATUS_UNSEEN:
            return None  # settings, a configuration, the day closed, a kind added later: anything
        if change.counter_id is not None and kind not in STATUS_UNSEEN:
            out.counters.add(change.counter_id)
        out.kinds.add(kind)
        out.newest = max(out.newest, change.event_id)
    return out


def update_office_status(
    session: Session,
    *,
    previous: OfficeStatus,
    changes: Iterable[Change],
    office: str | None = None,
    now: datetime | None = None,
    counters: bool = True,
) -> OfficeStatus:
    """What :func:`office_status` would return now, from ``previous`` and the changes since
    (oldest first): only the queues and counters they name are read again; a change that may
    alter anything else (settings, a closed day) makes it a full read.

    Figures that move with the clock alone (how long the oldest has waited, the recent rate)
    stay as ``previous`` had them for the queues no change named: the stations' safety timer
    reads everything every half minute."""
    now = resolve(now)
    plan = touched(changes)
    if plan is None:
        return office_status(session, office=office, now=now, counters=counters)
    return refreshed(session, previous, plan, office=office, now=now, counters=counters) or office_status(
        session, office=office, now=now, counters=counters
    )


_COUNTERS_SERVICES = select(CounterService.service_id).where(CounterService.counter_id.in_(bindparam("ids", expanding=True)))
_COUNTERS_BY_ID = select(Counter).where(Counter.id.in_(bindparam("ids", expanding=True)))


def refreshed(
    session: Session, previous: OfficeStatus, plan: Touched, *, office: str | None, now: datetime, counters: bool
) -> OfficeStatus | None:
    """``previous`` with the queues and counters of ``plan`` read again (None: the office or
    a counter is not the one ``previous`` shows, so only a full read will do)."""
    showing = bool(previous.counters) if counters else False
    desks = plan.counters | plan.staffed if showing else set()
    services = set(plan.services)
    if plan.staffed:
        services |= set(session.execute(_COUNTERS_SERVICES, {"ids": sorted(plan.staffed)}).scalars())
    queues, views = previous.queues, previous.counters
    if services or desks:
        where = lookup.office(session, office)
        if where.code != previous.office_code:
            return None
        if services:
            queues = _merged_queues(session, where, previous.queues, services, now)
            if queues is None:
                return None
        if desks:
            views = _merged_counters(session, where, previous.counters, desks)
            if views is None:
                return None
    return replace(previous, queues=queues, counters=views, event_id=max(previous.event_id, plan.newest), at=now)


def _merged_queues(
    session: Session, where: Office, queues: tuple[QueueEstimate, ...], services: set[int], now: datetime
) -> tuple[QueueEstimate, ...] | None:
    fresh = {q.service_code: q for q in queue_estimates(session, where, now, only=services)}
    if not fresh.keys() <= {q.service_code for q in queues}:
        return None  # a service the previous read did not show
    return tuple(fresh.get(q.service_code, q) for q in queues)


def _merged_counters(session: Session, where: Office, views: tuple[CounterView, ...], ids: set[int]) -> tuple[CounterView, ...] | None:
    desks = [d for d in session.execute(_COUNTERS_BY_ID, {"ids": sorted(ids)}).scalars() if d.active and d.office_id == where.id]
    fresh = {v.number: v for v in counter_views(session, desks)}
    if not fresh.keys() <= {v.number for v in views}:
        return None  # a counter the previous read did not show
    return tuple(fresh.get(v.number, v) for v in views)
