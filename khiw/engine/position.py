"""Where a ticket stands in the call order and how long until it is called: one answer.

Every surface that shows "people ahead" or "about N minutes" (the kiosk's buttons, the printed
ticket, the board, the counter's overview, the citizen's phone page) asks here, so no two can
disagree. The order is :func:`khiw.engine.calling.call_next`'s own, played forward from the
queue as it is now: tickets past the policy's maximum wait first (oldest first, either lane),
then the priority and normal lanes interleaved by :func:`priority_due`, each lane first come,
first served. Within a service that order does not depend on which counter calls, so "ahead"
counts the people of the same service who will be called first.

It is not played ticket by ticket: :class:`LaneCounts` places a ticket from the counts of
each lane (kept in ``queue_counts``) and its place in its own lane, itself read from the
lane's numbered places and the few tickets out of line (:func:`_place`), so the board's,
the kiosk's and the phone page's figures cost the same with 50 or 50,000 waiting (issue #11). The tests play
:func:`khiw.call_order.rank`, the one rule, forward on random queues and compare.

The wait is the people ahead times the service's recent minutes per ticket (call to finish,
the last :data:`RECENT` tickets finished today within :data:`RECENT_HOURS`; its published
standard time until there are :data:`MIN_SAMPLES`), shared by the counters open for it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from datetime import date, datetime, timedelta

from sqlalchemy import BindParameter, ColumnElement, Integer, ScalarSelect, Select, bindparam, func, select, tuple_, union_all
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
    QueueCount,
    Service,
    Ticket,
    TicketStatus,
)
from khiw.models.base import UTCDateTime
from khiw.models.ids import OfficeId, ServiceId
from khiw.models.ticket import OUT_OF_LINE, PLACE_LEFT

RECENT = 20  # finished tickets that make "the recent service rate"
RECENT_HOURS = timedelta(hours=3)  # ... finished within this long
MIN_SAMPLES = 3


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


def priority_due(recent: Iterable[bool], normal_per_priority: int) -> bool:
    """Whether the priority lane goes first when both lanes wait.

    ``recent``: whether each of the service's last ``normal_per_priority`` calls today (fewer
    early in the day) was a priority ticket. The lane is due when none was.
    """
    return normal_per_priority == 0 or not any(recent)


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
        ahead = _ahead_of(session, office, services, day, now, [t for group in by_service.values() for t in group])
        moving = [svc for svc in services if any(ahead[t.id] for t in by_service[svc.id])]
        rates = _rates(session, moving, day, now) if moving else {}
        for svc in services:
            for t in by_service[svc.id]:
                n = ahead[t.id]
                out[t.id] = TicketPosition(ahead=n, estimated_wait_minutes=wait_minutes(n, *rates[svc.id]) if n else 0)
    return out


def newcomer_position(session: Session, office: Office, svc: Service, *, priority: bool, now: datetime) -> TicketPosition:
    """Where a ticket of ``svc`` issued now, in the priority lane or not, would stand: what
    :func:`khiw.engine.issue` tells the citizen (read before the number is allocated)."""
    day = local_day(now, office.timezone)
    ahead = _lanes(session, office, [svc], day, now)[svc.id].newcomer_ahead(priority)
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
    lanes = _lanes(session, office, services, day, now)
    rates = _rates(session, services, day, now)
    out = []
    for svc in services:
        per_ticket, counters = rates[svc.id]
        queue = lanes[svc.id]
        where = {lane: queue.newcomer_ahead(lane) for lane in (False, True)}
        out.append(
            ServicePositions(
                service_code=svc.code,
                normal=TicketPosition(where[False], wait_minutes(where[False], per_ticket, counters)),
                priority=TicketPosition(where[True], wait_minutes(where[True], per_ticket, counters)),
                waiting=queue.waiting,
                waiting_priority=queue.waiting_priority,
                oldest_queued_at=queue.oldest,
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


def due_after(recent: Sequence[bool], normal_per_priority: int) -> int:
    """How many normal calls must come before the priority lane is due (:func:`priority_due`),
    both lanes waiting; ``recent``: the last calls, newest first."""
    window = list(recent[:normal_per_priority])
    if normal_per_priority == 0 or True not in window:
        return 0
    return normal_per_priority - window.index(True)


@dataclass(frozen=True, slots=True)
class LaneCounts:
    """One service's queue in counts, enough to place a newcomer without reading the queue.

    ``overdue``: tickets past the maximum wait (called first, whatever their lane);
    ``normal``/``priority``: the others in each lane (a newcomer, queued now, is never
    overdue: the maximum is at least a minute); ``recent``: the calls that decide the
    interleave, newest first, as they will be once the overdue tickets are called;
    ``waiting_priority``: the priority lane's tickets, overdue or not; ``oldest``: the
    longest-waiting ticket's arrival.
    """

    overdue: int
    normal: int
    priority: int
    recent: tuple[bool, ...]
    normal_per_priority: int
    oldest: datetime | None = None
    waiting_priority: int = 0

    @property
    def waiting(self) -> int:
        """Everyone waiting in the service's queue."""
        return self.overdue + self.normal + self.priority

    def newcomer_ahead(self, priority: bool) -> int:
        """People called before a ticket issued now in the ``priority`` lane (or the normal
        one): it is last of its lane."""
        return self.ahead(priority, self.priority if priority else self.normal)

    def ahead(self, priority: bool, before: int) -> int:
        """People called before a ticket (not overdue) with ``before`` others ahead of it in
        its lane: the call order of :func:`khiw.call_order.rank`, played forward on counts.

        Overdue tickets go first. Then, while both lanes wait, the priority lane goes after
        :func:`due_after` normal calls, and again after every ``normal_per_priority`` more;
        a lane left alone is called through. (The engine's tests play ``rank`` forward on
        thousands of random queues and compare.)
        """
        k = self.normal_per_priority
        d = due_after(self.recent, k)
        if priority:
            normals_first = 0 if k == 0 else d + before * k
            return self.overdue + before + min(self.normal, normals_first)
        priority_slots = self.priority if k == 0 else (0 if before < d else (before - d) // k + 1)
        return self.overdue + before + min(self.priority, priority_slots)


def _lanes(session: Session, office: Office, services: list[Service], day: date, now: datetime) -> dict[ServiceId, LaneCounts]:
    """Each service's :class:`LaneCounts`, from the kept counts (:class:`QueueCount`), the
    oldest ticket of each queue and, only when some have waited past the maximum, those.
    Every read is bounded by an index, whatever the queue's length (issue #11)."""
    return _lanes_and_late(session, office, services, day, now)[0]


def _lanes_and_late(
    session: Session, office: Office, services: list[Service], day: date, now: datetime
) -> tuple[dict[ServiceId, LaneCounts], dict[ServiceId, list[tuple[datetime, int, bool]]]]:
    """:func:`_lanes`, and each service's tickets past the maximum wait (queued time, id,
    priority lane), which the lanes are read with anyway."""
    rules = lookup.policy(office)
    ids = [s.id for s in services]
    statements = _lane_statements()
    counts: dict[tuple[ServiceId, bool], int] = defaultdict(int)
    for service_id, lane, waiting in session.execute(statements.counts, {"ids": ids, "day": day}):
        counts[(service_id, bool(lane))] = waiting
    busy = [i for i in ids if counts[(i, False)] or counts[(i, True)]]
    oldest: dict[ServiceId, datetime | None] = {}
    if busy:
        oldest = dict(session.execute(statements.oldest, {"ids": busy, "day": day}).all())
    overdue_at = _overdue_at(office, now)
    late: dict[ServiceId, list[tuple[datetime, int, bool]]] = defaultdict(list)
    if overdue_at is not None and any(at is not None and at <= overdue_at for at in oldest.values()):
        for service_id, ticket_id, lane, queued_at in session.execute(statements.late, {"ids": busy, "day": day, "overdue_at": overdue_at}):
            late[service_id].append((queued_at, ticket_id, Priority(lane).is_priority))
    recent = recent_calls(session, busy, since=day_bounds(day, office.timezone)[0], limit=rules.normal_per_priority)
    out = {}
    for i in ids:
        overdue = sorted(late.get(i, []), reverse=True)  # newest first: the last called of them first
        late_priority = sum(lane for _, _, lane in overdue)
        out[i] = LaneCounts(
            overdue=len(overdue),
            normal=counts[(i, False)] - (len(overdue) - late_priority),
            priority=counts[(i, True)] - late_priority,
            recent=(*(lane for _, _, lane in overdue), *recent.get(i, [])),
            normal_per_priority=rules.normal_per_priority,
            oldest=oldest.get(i),
            waiting_priority=counts[(i, True)],
        )
    return out, late


@dataclass(frozen=True, slots=True)
class _LaneStatements:
    """:func:`_lanes_and_late`'s statements: the kept counts, each busy queue's oldest
    arrival, the tickets past the maximum wait."""

    counts: Select[tuple[ServiceId, Priority, int]]
    oldest: Select[tuple[ServiceId, datetime | None]]
    late: Select[tuple[ServiceId, int, Priority, datetime]]


def _ids() -> BindParameter[list[int]]:
    """The ``ids`` parameter, a list of service ids (a new one each time: a bind parameter
    belongs to the statement it is built into)."""
    return bindparam("ids", expanding=True)


@cache
def _lane_statements() -> _LaneStatements:
    """Built once, on first use: every station re-reads a queue after each change of it, and
    building these statements cost more than running them (issue #11)."""
    first = (
        select(func.min(Ticket.queued_at))
        .where(Ticket.service_id == Service.id, Ticket.status == TicketStatus.WAITING, Ticket.service_day == bindparam("day"))
        .scalar_subquery()
    )
    return _LaneStatements(
        counts=select(QueueCount.service_id, QueueCount.priority, QueueCount.waiting).where(
            QueueCount.service_id.in_(_ids()), QueueCount.day == bindparam("day")
        ),
        oldest=select(Service.id, first).where(Service.id.in_(_ids())),
        late=select(Ticket.service_id, Ticket.id, Ticket.priority, Ticket.queued_at).where(
            Ticket.service_id.in_(_ids()),
            Ticket.status == TicketStatus.WAITING,
            Ticket.service_day == bindparam("day"),
            Ticket.queued_at <= bindparam("overdue_at"),
        ),
    )


def _overdue_at(office: Office, now: datetime) -> datetime | None:
    """Tickets queued at or before this have waited past the office's maximum (None: no maximum)."""
    limit = lookup.policy(office).max_wait_minutes
    return now - timedelta(minutes=limit) if limit is not None else None


def _ahead_of(session: Session, office: Office, services: list[Service], day: date, now: datetime, tickets: list[Ticket]) -> dict[int, int]:
    """People ahead of each of ``tickets`` (waiting, of ``services`` on ``day``): its place in
    its lane (:func:`_place`, a bounded read), less the overdue of its lane, then
    :meth:`LaneCounts.ahead`; an overdue ticket has only the overdue before it ahead."""
    lanes, late = _lanes_and_late(session, office, services, day, now)
    overdue_at = _overdue_at(office, now)
    out = {}
    for t in tickets:
        overdue = late[t.service_id]
        if overdue_at is not None and t.queued_at <= overdue_at:
            out[t.id] = sum(1 for at, ticket_id, _ in overdue if (at, ticket_id) < (t.queued_at, t.id))
        else:
            before = _place(session, t) - sum(1 for *_, lane in overdue if lane == t.priority.is_priority)
            out[t.id] = lanes[t.service_id].ahead(t.priority.is_priority, before)
    return out


def _place(session: Session, t: Ticket) -> int:
    """How many tickets wait ahead of waiting ticket ``t`` in its lane, in queue order
    (queued time, then id): one statement, whose every read is bounded by the tickets out of
    line, not by the queue's length (issue #11).

    The tickets that took a place at the back of the lane (:attr:`Ticket.lane_seq`, see
    :mod:`khiw.engine.queue_counts`) and still wait in it stand in place order. Of the
    places before ``t``'s place ``s``, all but those left are held: ``s - 1`` less the places
    left before ``s``, which are all places left (the lane's ``entered`` places less those held,
    i.e. the waiting less the waiting out of line) less those left behind ``s``. Places are
    left in queue order but for a call out of order or a cancellation, so behind ``s`` there
    are few; they sit in their own partial index (:data:`PLACE_LEFT`). To that come the
    waiting out of line ahead of ``t`` (joined in the middle or came back after a call: few,
    in :data:`OUT_OF_LINE`'s index). A ticket itself out of line stands one behind the last
    placed ticket ahead of it, found by walking the lane back from it past the out of line.
    """
    in_line = t.lane_seq is not None and t.called_at is None
    where = {"service_id": t.service_id, "day": t.service_day, "queued_at": t.queued_at, "ticket_id": t.id, "seq": t.lane_seq}
    waiting, entered, out_of_line, out_of_line_ahead, seq, left_behind = session.execute(
        _place_statement(t.priority.is_priority, in_line), where if in_line else {k: v for k, v in where.items() if k != "seq"}
    ).one()
    if seq is None:  # out of line, and no placed ticket waits ahead of it
        return out_of_line_ahead
    places_left = entered - (waiting - out_of_line)
    placed_ahead = seq - 1 - (places_left - left_behind) + (0 if in_line else 1)
    return placed_ahead + out_of_line_ahead


@lru_cache(maxsize=4)
def _place_statement(priority: bool, in_line: bool) -> Select[tuple[int, int, int, int, int | None, int]]:
    """:func:`_place`'s statement for a ticket of the priority lane or not, in line or not,
    built once (building it cost more than running it): the lane's count and places, the
    waiting out of line (all, and ahead of the ticket), the place counted from, and the
    places left behind it."""
    classes = [p for p in Priority if p.is_priority == priority]
    lane = (Ticket.service_id == bindparam("service_id"), Ticket.service_day == bindparam("day"), Ticket.priority.in_(classes))
    ahead = tuple_(Ticket.queued_at, Ticket.id) < tuple_(bindparam("queued_at", type_=UTCDateTime()), bindparam("ticket_id", type_=Integer()))
    if in_line:
        place: ColumnElement[int | None] = bindparam("seq", type_=Integer())
    else:  # one behind the last placed ticket waiting ahead of it, walking its lane back
        nearest = [
            select(Ticket.lane_seq)
            .where(Ticket.service_id == bindparam("service_id"), Ticket.status == TicketStatus.WAITING, Ticket.service_day == bindparam("day"), Ticket.priority == cls)
            .where(ahead, Ticket.lane_seq.is_not(None), Ticket.called_at.is_(None))
            .order_by(Ticket.queued_at.desc(), Ticket.id.desc())
            .limit(1)
            .subquery()
            for cls in classes
        ]
        last = union_all(*(select(n.c.lane_seq) for n in nearest)).subquery()
        place = select(func.max(last.c.lane_seq)).scalar_subquery()

    def count(*where: ColumnElement[bool]) -> ScalarSelect[int]:
        return select(func.count()).select_from(Ticket).where(*lane, *where).scalar_subquery()

    return select(QueueCount.waiting, QueueCount.entered, count(OUT_OF_LINE), count(OUT_OF_LINE, ahead), place, count(PLACE_LEFT, Ticket.lane_seq > place)).where(
        QueueCount.service_id == bindparam("service_id"), QueueCount.day == bindparam("day"), QueueCount.priority == priority
    )


def recent_calls(session: Session, service_ids: Sequence[ServiceId], *, since: datetime, limit: int) -> dict[ServiceId, list[bool]]:
    """Whether each of the last ``limit`` calls of each service since ``since`` was a priority
    ticket, newest first: what :func:`priority_due` decides on (``call_next`` reads it too)."""
    if limit == 0 or not service_ids:
        return {}
    out: dict[ServiceId, list[bool]] = defaultdict(list)
    for service_id, priority in session.execute(_recent_calls_statement(), {"ids": list(service_ids), "since": since, "limit": limit}):
        out[service_id].append(priority not in (None, Priority.NONE))
    return out


@cache
def _recent_calls_statement() -> Select[tuple[ServiceId, Priority | None]]:
    """:func:`recent_calls`' statement, built once (see :func:`_lane_statements`)."""
    rank = func.row_number().over(partition_by=Event.service_id, order_by=Event.id.desc()).label("rank")
    calls = (
        select(Event.service_id, Event.priority, rank)
        .where(Event.service_id.in_(_ids()), Event.kind == EventKind.CALLED, Event.at >= bindparam("since"))
        .subquery()
    )
    return select(calls.c.service_id, calls.c.priority).where(calls.c.rank <= bindparam("limit")).order_by(calls.c.service_id, calls.c.rank)


def _rates(session: Session, services: list[Service], day: date, now: datetime) -> dict[ServiceId, tuple[float, int]]:
    """Each service's recent minutes per ticket and the counters open for it now."""
    ids = [s.id for s in services]
    if not ids:
        return {}
    samples: dict[ServiceId, list[float]] = defaultdict(list)
    for service_id, called, finished in session.execute(_finished_statement(tuple(ids)), {"day": day, "since": now - RECENT_HOURS}):
        if called and finished:
            samples[service_id].append((finished - called).total_seconds() / 60)
    open_counts = dict(session.execute(_open_for_statement(), {"ids": ids}).all())
    return {s.id: (_per_ticket(samples[s.id], s), open_counts.get(s.id, 0)) for s in services}


@lru_cache(maxsize=256)
def _finished_statement(service_ids: tuple[ServiceId, ...]) -> Select[tuple[ServiceId, datetime | None, datetime | None]]:
    """Each service's last :data:`RECENT` tickets finished today since a time: one subquery
    per service, each reading its newest few through ``ix_tickets_finished`` (ranking them
    all read every ticket the service finished that day, on every station's read after a
    change: a cost that grew through the day, issue #11). Built once per set of services."""
    newest = [
        select(Ticket.service_id, Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.service_id == service_id,
            Ticket.status == TicketStatus.DONE,
            Ticket.service_day == bindparam("day"),
            Ticket.finished_at >= bindparam("since"),
        )
        .order_by(Ticket.finished_at.desc())
        .limit(RECENT)
        .subquery()
        for service_id in service_ids
    ]
    done = union_all(*(select(n.c.service_id, n.c.called_at, n.c.finished_at) for n in newest)).subquery()
    return select(done.c.service_id, done.c.called_at, done.c.finished_at)


@cache
def _open_for_statement() -> Select[tuple[ServiceId, int]]:
    """How many open counters serve each service; built once (see :func:`_lane_statements`)."""
    return (
        select(CounterService.service_id, func.count())
        .join(Counter, Counter.id == CounterService.counter_id)
        .where(CounterService.service_id.in_(_ids()), Counter.active, Counter.state == CounterState.OPEN)
        .group_by(CounterService.service_id)
    )


def _per_ticket(samples: list[float], svc: Service) -> float:
    """Recent minutes per ticket, or the published standard time until there are a few."""
    return sum(samples) / len(samples) if len(samples) >= MIN_SAMPLES else float(svc.standard_minutes)
