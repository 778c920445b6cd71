"""Where a ticket stands in the call order and how long until it is called: one answer.

Every surface that shows "people ahead" or "about N minutes" (the kiosk's buttons, the printed
ticket, the board, the counter's overview, the citizen's phone page) asks here, so no two can
disagree. The order is :func:`khiw.engine.calling.call_next`'s own, played forward from the
queue as it is now: tickets past the policy's maximum wait first (oldest first, either lane),
then the priority and normal lanes interleaved by :func:`priority_due`, each lane first come,
first served. Within a service that order does not depend on which counter calls, so "ahead"
counts the people of the same service who will be called first.

The wait is the people ahead times the service's recent minutes per ticket (call to finish,
the last :data:`RECENT` tickets finished today within :data:`RECENT_HOURS`; its published
standard time until there are :data:`MIN_SAMPLES`), shared by the counters open for it.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from khiw.clock import day_bounds, local_day, resolve
from khiw.engine import lookup
from khiw.engine.results import _Result
from khiw.errors import NotFound
from khiw.models import (
    Counter,
    CounterService,
    CounterState,
    Event,
    EventKind,
    Office,
    Priority,
    Service,
    Ticket,
    TicketStatus,
)
from khiw.models.ids import OfficeId, ServiceId

RECENT = 20  # finished tickets that make "the recent service rate"
RECENT_HOURS = timedelta(hours=3)  # ... finished within this long
MIN_SAMPLES = 3
_NEWCOMER = sys.maxsize  # the id a ticket issued now would sort by: after every existing one


@dataclass(frozen=True, slots=True)
class TicketPosition(_Result):
    """``ahead``: people called before this ticket; ``estimated_wait_minutes``: until it is called."""

    ahead: int
    estimated_wait_minutes: int


@dataclass(frozen=True, slots=True)
class ServicePositions(_Result):
    """Where a ticket issued now would stand in a service, in each lane, and the queue behind it.

    ``waiting`` (``waiting_priority`` of them in the priority lane) wait today, the longest
    since ``oldest_queued_at``; ``minutes_per_ticket``: the recent (or standard) service time;
    ``open_counters``: the counters open for the service now.
    """

    service_code: str
    normal: TicketPosition
    priority: TicketPosition
    waiting: int
    waiting_priority: int
    oldest_queued_at: datetime | None
    minutes_per_ticket: float
    open_counters: int


@dataclass(frozen=True, slots=True)
class Waiting:
    """A waiting ticket as the call order sees it."""

    id: int
    priority: bool
    queued_at: datetime


def priority_due(recent: Iterable[bool], normal_per_priority: int) -> bool:
    """Whether the priority lane goes first when both lanes wait.

    ``recent``: whether each of the service's last ``normal_per_priority`` calls today (fewer
    early in the day) was a priority ticket. The lane is due when none was.
    """
    return normal_per_priority == 0 or not any(recent)


def call_order(waiting: Sequence[Waiting], recent: Sequence[bool], *, normal_per_priority: int, overdue_at: datetime | None) -> list[int]:
    """The ids of one service's waiting tickets in the order ``call_next`` will call them.

    ``recent``: the service's last calls today, newest first (see :func:`priority_due`);
    ``overdue_at``: tickets queued at or before it have waited past the maximum (None: no
    maximum) and go first.
    """
    queue = sorted(waiting, key=lambda w: (w.queued_at, w.id))
    overdue = [w for w in queue if overdue_at is not None and w.queued_at <= overdue_at]
    first = {w.id for w in overdue}
    lanes = {lane: deque(w for w in queue if w.priority is lane and w.id not in first) for lane in (True, False)}
    window: deque[bool] = deque(recent[:normal_per_priority], maxlen=normal_per_priority)
    order: list[int] = []

    def called(ticket: Waiting) -> None:
        order.append(ticket.id)
        window.appendleft(ticket.priority)

    for ticket in overdue:
        called(ticket)
    while lanes[True] or lanes[False]:
        both = bool(lanes[True]) and bool(lanes[False])
        lane = priority_due(window, normal_per_priority) if both else bool(lanes[True])
        called(lanes[lane].popleft())
    return order


def wait_minutes(ahead: int, per_ticket: float, open_counters: int) -> int:
    """Minutes until ``ahead`` people are served by ``open_counters`` (at least one)."""
    if ahead <= 0:
        return 0
    return math.ceil(ahead * per_ticket / max(open_counters, 1))


def ticket_position(session: Session, *, ticket_id: int, now: datetime | None = None) -> TicketPosition:
    """Where ticket ``ticket_id`` stands now; a ticket no longer waiting has nobody ahead.
    :class:`NotFound` if there is no such ticket (the phone page shows its not-found page)."""
    found = ticket_positions(session, ticket_ids=[ticket_id], now=now)
    if ticket_id not in found:
        raise NotFound("ticket", ticket_id)
    return found[ticket_id]


def ticket_positions(session: Session, *, ticket_ids: Iterable[int], now: datetime | None = None) -> dict[int, TicketPosition]:
    """:func:`ticket_position` of each of ``ticket_ids`` that exists, reading each queue and
    each service's rate once however many tickets are asked about (the web station refreshes
    every open page of a queue after each call)."""
    now = resolve(now)
    tickets = list(session.execute(select(Ticket).where(Ticket.id.in_(list(ticket_ids)))).scalars())
    out = {t.id: TicketPosition(ahead=0, estimated_wait_minutes=0) for t in tickets}
    groups: dict[tuple[OfficeId, date], dict[ServiceId, list[Ticket]]] = defaultdict(lambda: defaultdict(list))
    for t in tickets:
        if t.status == TicketStatus.WAITING:
            groups[(t.office_id, t.service_day)][t.service_id].append(t)
    for (office_id, day), by_service in groups.items():
        office = session.get_one(Office, office_id)
        services = [session.get_one(Service, service_id) for service_id in by_service]
        queues = _queues(session, office, services, day, now)
        ahead = {svc.id: {ticket_id: i for i, ticket_id in enumerate(queues.order(svc.id))} for svc in services}
        moving = [svc for svc in services if any(ahead[svc.id][t.id] for t in by_service[svc.id])]
        rates = _rates(session, moving, day, now) if moving else {}
        for svc in services:
            for t in by_service[svc.id]:
                n = ahead[svc.id][t.id]
                out[t.id] = TicketPosition(ahead=n, estimated_wait_minutes=wait_minutes(n, *rates[svc.id]) if n else 0)
    return out


def newcomer_position(session: Session, office: Office, svc: Service, *, priority: bool, now: datetime) -> TicketPosition:
    """Where a ticket of ``svc`` issued now, in the priority lane or not, would stand: what
    :func:`khiw.engine.issue` tells the citizen (read before the number is allocated)."""
    day = local_day(now, office.timezone)
    ahead = _queues(session, office, [svc], day, now, newcomers=(priority,)).order(svc.id, Waiting(_NEWCOMER, priority, now)).index(_NEWCOMER)
    return _position(session, svc, day, now, ahead)


def service_positions(
    session: Session, *, office_id: int, now: datetime | None = None
) -> dict[str, ServicePositions]:
    """For every service of the office, by code: where a ticket issued now would stand in the
    normal lane and in the priority lane (the kiosk's buttons, the board, the counter)."""
    now = resolve(now)
    office = session.get_one(Office, OfficeId(office_id))
    services = list(
        session.execute(select(Service).where(Service.office_id == office.id).order_by(Service.display_order, Service.code)).scalars()
    )
    return {svc.code: where for svc, where in zip(services, positions_of(session, office, services, now), strict=True)}


def positions_of(session: Session, office: Office, services: list[Service], now: datetime) -> list[ServicePositions]:
    """:func:`service_positions` for ``services`` the caller has already read, in their order."""
    day = local_day(now, office.timezone)
    queues = _queues(session, office, services, day, now, newcomers=(False, True))
    rates = _rates(session, services, day, now)
    out = []
    for svc in services:
        per_ticket, counters = rates[svc.id]
        where = {lane: queues.order(svc.id, Waiting(_NEWCOMER, lane, now)).index(_NEWCOMER) for lane in (False, True)}
        waiting = queues.waiting.get(svc.id, [])
        out.append(
            ServicePositions(
                service_code=svc.code,
                normal=TicketPosition(where[False], wait_minutes(where[False], per_ticket, counters)),
                priority=TicketPosition(where[True], wait_minutes(where[True], per_ticket, counters)),
                waiting=len(waiting),
                waiting_priority=sum(w.priority for w in waiting),
                oldest_queued_at=min((w.queued_at for w in waiting), default=None),
                minutes_per_ticket=per_ticket,
                open_counters=counters,
            )
        )
    return out


def _position(session: Session, svc: Service, day: date, now: datetime, ahead: int) -> TicketPosition:
    """``ahead`` with its wait (nobody ahead: no wait, and no need to read the rates)."""
    if ahead == 0:
        return TicketPosition(ahead=0, estimated_wait_minutes=0)
    per_ticket, counters = _rates(session, [svc], day, now)[svc.id]
    return TicketPosition(ahead=ahead, estimated_wait_minutes=wait_minutes(ahead, per_ticket, counters))


@dataclass(frozen=True, slots=True)
class _Queues:
    """One read of some services' waiting tickets and recent calls, ordered on demand."""

    waiting: dict[ServiceId, list[Waiting]]
    recent: dict[ServiceId, list[bool]]
    normal_per_priority: int
    overdue_at: datetime | None

    def order(self, service_id: ServiceId, newcomer: Waiting | None = None) -> list[int]:
        """The service's call order, with ``newcomer`` queued too if given."""
        waiting = self.waiting.get(service_id, [])
        return call_order(
            [*waiting, newcomer] if newcomer else waiting,
            self.recent.get(service_id, []),
            normal_per_priority=self.normal_per_priority,
            overdue_at=self.overdue_at,
        )


def _queues(
    session: Session, office: Office, services: list[Service], day: date, now: datetime, *, newcomers: tuple[bool, ...] = ()
) -> _Queues:
    """The waiting tickets of ``day`` and the day's recent calls of ``services`` (read only
    where the interleave decides something: both lanes wait, counting a newcomer in one of
    ``newcomers``' lanes)."""
    rules = lookup.policy(office)
    waiting: dict[ServiceId, list[Waiting]] = defaultdict(list)
    rows = session.execute(
        select(Ticket.service_id, Ticket.id, Ticket.priority, Ticket.queued_at).where(
            Ticket.service_id.in_([s.id for s in services]), Ticket.service_day == day, Ticket.status == TicketStatus.WAITING
        )
    )
    for service_id, ticket_id, priority, queued_at in rows:
        waiting[service_id].append(Waiting(ticket_id, Priority(priority).is_priority, queued_at))
    lanes = {service_id: {w.priority for w in queue} for service_id, queue in waiting.items()}
    mixed = [service_id for service_id, held in lanes.items() if len(held | set(newcomers)) == 2]
    recent = recent_calls(session, mixed, since=day_bounds(day, office.timezone)[0], limit=rules.normal_per_priority)
    overdue_at = now - timedelta(minutes=rules.max_wait_minutes) if rules.max_wait_minutes is not None else None
    return _Queues(dict(waiting), recent, rules.normal_per_priority, overdue_at)


def recent_calls(session: Session, service_ids: Sequence[ServiceId], *, since: datetime, limit: int) -> dict[ServiceId, list[bool]]:
    """Whether each of the last ``limit`` calls of each service since ``since`` was a priority
    ticket, newest first: what :func:`priority_due` decides on (``call_next`` reads it too)."""
    if limit == 0 or not service_ids:
        return {}
    rank = func.row_number().over(partition_by=Event.service_id, order_by=Event.id.desc()).label("rank")
    calls = (
        select(Event.service_id, Event.priority, rank)
        .where(Event.service_id.in_(service_ids), Event.kind == EventKind.CALLED, Event.at >= since)
        .subquery()
    )
    out: dict[ServiceId, list[bool]] = defaultdict(list)
    for service_id, priority in session.execute(
        select(calls.c.service_id, calls.c.priority).where(calls.c.rank <= limit).order_by(calls.c.service_id, calls.c.rank)
    ):
        out[service_id].append(priority not in (None, Priority.NONE))
    return out


def _rates(session: Session, services: list[Service], day: date, now: datetime) -> dict[ServiceId, tuple[float, int]]:
    """Each service's recent minutes per ticket and the counters open for it now."""
    ids = [s.id for s in services]
    rank = func.row_number().over(partition_by=Ticket.service_id, order_by=Ticket.finished_at.desc()).label("rank")
    done = (
        select(Ticket.service_id, Ticket.called_at, Ticket.finished_at, rank)
        .where(
            Ticket.service_id.in_(ids),
            Ticket.service_day == day,
            Ticket.status == TicketStatus.DONE,
            Ticket.finished_at >= now - RECENT_HOURS,
        )
        .subquery()
    )
    samples: dict[ServiceId, list[float]] = defaultdict(list)
    for service_id, called, finished in session.execute(
        select(done.c.service_id, done.c.called_at, done.c.finished_at).where(done.c.rank <= RECENT)
    ):
        if called and finished:
            samples[service_id].append((finished - called).total_seconds() / 60)
    open_counts = dict(
        session.execute(
            select(CounterService.service_id, func.count())
            .join(Counter, Counter.id == CounterService.counter_id)
            .where(CounterService.service_id.in_(ids), Counter.active, Counter.state == CounterState.OPEN)
            .group_by(CounterService.service_id)
        ).all()
    )
    return {s.id: (_per_ticket(samples[s.id], s), open_counts.get(s.id, 0)) for s in services}


def _per_ticket(samples: list[float], svc: Service) -> float:
    """Recent minutes per ticket, or the published standard time until there are a few."""
    return sum(samples) / len(samples) if len(samples) >= MIN_SAMPLES else float(svc.standard_minutes)
