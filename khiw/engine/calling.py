"""Calling the next ticket to a counter, and calling one out of order.

Order: a ticket that has waited longer than ``max_wait_minutes`` goes first (oldest first,
any lane); otherwise the counter's services are tried in its order, and within a service the
priority lane and the normal lane are interleaved (at most one priority ticket after every
``normal_per_priority`` normal ones when both wait), each lane first-come first-served. The
rule itself is the pure :func:`khiw.call_order.rank`, shared with the staffing planner;
:mod:`khiw.engine.position` tells a ticket where it stands in that same order, from the
lanes' counts; both decide the interleave with :func:`khiw.engine.position.priority_due`.

The claim is atomic: candidates are ranked from a plain read, then claimed one by one with
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL (a ticket another counter is claiming right
now is skipped, not waited for); on SQLite the whole transaction already holds the write lock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Select, bindparam, select, union_all
from sqlalchemy.orm import Session

from khiw import call_order
from khiw.clock import day_bounds, local_day, resolve
from khiw.config import PolicyConfig
from khiw.engine import eventlog, lookup
from khiw.engine.auth import require
from khiw.engine.counters import current_ticket, ensure_open
from khiw.engine.position import priority_due, recent_calls
from khiw.engine.results import TicketCalled, TicketView
from khiw.errors import CounterBusy, CounterClosed, InvalidTransition, QueueEmpty, ReasonRequired
from khiw.models import (
    Counter,
    CounterState,
    EventKind,
    Office,
    Priority,
    Role,
    Service,
    Staff,
    Ticket,
    TicketStatus,
)
from khiw.models.ids import ServiceId, StaffId

# Tickets read from the head of each lane (service × priority/normal) per attempt. Only the
# first can be called; the others stand by in case another counter is claiming it right now.
LANE_HEAD = 4


def call_next(
    session: Session,
    *,
    counter: int,
    actor: StaffId | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketCalled:
    """Call the next ticket for ``counter``; :class:`QueueEmpty` when nobody waits."""
    now = resolve(now)
    where, desk, staff = _ready_counter(session, office, counter, actor, now)
    services = lookup.counter_services(session, desk.id)
    rules = lookup.policy(where)
    day = local_day(now, where.timezone)
    head = LANE_HEAD
    while True:
        candidates = _lane_heads(session, [s.id for s in services], day, head)
        for ticket, rule in _ranked(session, where, services, candidates, rules, now):
            if _claim(session, ticket):
                ensure_open(session, where, desk, staff, now)
                return _mark_called(session, where, desk, ticket, staff.id if staff else None, now, rule, reason=None)
        if not _truncated(candidates, head):
            raise QueueEmpty(desk.number)
        head *= 4  # every head ticket was being claimed by other counters: look further back


def next_for_counter(session: Session, *, counter: int, office: str | None = None, now: datetime | None = None) -> TicketView | None:
    """The ticket :func:`call_next` would give ``counter`` now, without claiming it (None:
    nobody waits for its services). The idle counter shows it, so the clerk knows what ``+``
    brings; it is ranked by the very code ``call_next`` uses, so the two cannot disagree
    (another counter may still call it first).
    """
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter)
    return next_in_line(session, where, lookup.counter_services(session, desk.id), resolve(now))


def next_in_line(session: Session, where: Office, services: list[Service], now: datetime) -> TicketView | None:
    """:func:`next_for_counter` for a counter's ``services`` already looked up."""
    candidates = _lane_heads(session, [s.id for s in services], local_day(now, where.timezone), 1)
    ranked = _ranked(session, where, services, candidates, lookup.policy(where), now)
    return lookup.view(session, ranked[0][0]) if ranked else None


def _lane_heads(session: Session, service_ids: list[ServiceId], day: date, head: int) -> list[Ticket]:
    """The first ``head`` waiting tickets of each lane of each service, in arrival order.

    Every policy rule picks a lane's first ticket (the oldest overall is the first of its
    lane), so the head of each lane is all the ranking needs, however long the queue is.
    Each (service, priority class) is read through the queue index with its own LIMIT, so a
    call costs the same with 50 or 50,000 waiting (issue #11).
    """
    if not service_ids:
        return []
    return list(session.execute(_lane_heads_statement(tuple(service_ids)), {"day": day, "head": head}).scalars())


@lru_cache(maxsize=256)
def _lane_heads_statement(service_ids: tuple[ServiceId, ...]) -> Select[tuple[Ticket]]:
    """:func:`_lane_heads`' statement for these services, built once: its union of a subquery
    per lane took longer to build than to run, and every counter read asks it again."""
    heads = [
        select(Ticket.id)
        .where(Ticket.service_id == service_id, Ticket.status == TicketStatus.WAITING, Ticket.service_day == bindparam("day"), Ticket.priority == lane)
        .order_by(Ticket.queued_at, Ticket.id)
        .limit(bindparam("head"))
        .subquery()
        for service_id in service_ids
        for lane in Priority
    ]
    chosen = union_all(*(select(h.c.id) for h in heads)).subquery()
    return select(Ticket).where(Ticket.id.in_(select(chosen.c.id))).order_by(Ticket.queued_at, Ticket.id)


def _truncated(candidates: list[Ticket], head: int) -> bool:
    """Whether some lane (service and priority class) had more waiting tickets than were read."""
    lanes: dict[tuple[int, Priority], int] = {}
    for t in candidates:
        key = (t.service_id, t.priority)
        lanes[key] = lanes.get(key, 0) + 1
    return any(count >= head for count in lanes.values())


def call_ticket(
    session: Session,
    *,
    counter: int,
    ticket: str | int,
    reason: str,
    actor: StaffId | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketCalled:
    """Call a specific waiting ticket out of order; ``reason`` is required and kept in the log."""
    now = resolve(now)
    if not reason or not reason.strip():
        raise ReasonRequired("calling a ticket out of order")
    where, desk, staff = _ready_counter(session, office, counter, actor, now)
    chosen = lookup.ticket(session, where, ticket, now, lock=True)
    if chosen.status != TicketStatus.WAITING:
        raise InvalidTransition(chosen.code, chosen.status.value, "call")
    ensure_open(session, where, desk, staff, now)
    return _mark_called(session, where, desk, chosen, staff.id if staff else None, now, "out_of_order", reason=reason.strip())


def _ready_counter(
    session: Session, office: str | None, counter: int, actor: StaffId | None, now: datetime
) -> tuple[Office, Counter, Staff | None]:
    """The counter, locked against a second call from it, not paused, and with no ticket at it.

    A closed counter is opened (:func:`ensure_open`) only once the ticket is locked: opening
    writes an event, which takes the chain head, and the chain head is the last lock taken.
    """
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter, lock=True)
    staff = require(session, actor, Role.STAFF, "call tickets")
    if desk.state == CounterState.PAUSED:
        raise CounterClosed(desk.number, desk.state.value)
    busy = current_ticket(session, desk.id)
    if busy is not None:
        raise CounterBusy(desk.number, busy.code)
    return where, desk, staff


def _ranked(
    session: Session,
    office: Office,
    services: list[Service],
    candidates: list[Ticket],
    rules: PolicyConfig,
    now: datetime,
) -> list[tuple[Ticket, str]]:
    """Every candidate in the order the policy would call them (:func:`call_order.rank`)."""
    limit = now - timedelta(minutes=rules.max_wait_minutes) if rules.max_wait_minutes is not None else None
    return call_order.rank(
        candidates,
        services=[s.id for s in services],
        service_of=lambda t: t.service_id,
        is_priority=lambda t: t.priority.is_priority,
        overdue=lambda t: limit is not None and t.queued_at <= limit,
        priority_due=lambda service_id: _priority_due(session, office, service_id, rules, now),
    )


def _priority_due(session: Session, office: Office, service_id: ServiceId, rules: PolicyConfig, now: datetime) -> bool:
    """True when the last ``normal_per_priority`` calls of this service today were all normal."""
    start, _ = day_bounds(local_day(now, office.timezone), office.timezone)
    recent = recent_calls(session, [service_id], since=start, limit=rules.normal_per_priority)
    return priority_due(recent.get(service_id, []), rules.normal_per_priority)


_CLAIM = (
    select(Ticket)
    .where(Ticket.id == bindparam("ticket_id"), Ticket.status == TicketStatus.WAITING)
    .with_for_update(skip_locked=True)
    .execution_options(populate_existing=True)
)


def _claim(session: Session, ticket: Ticket) -> bool:
    """Lock ``ticket`` if it is still waiting and no other counter holds it right now."""
    return session.execute(_CLAIM, {"ticket_id": ticket.id}).scalar_one_or_none() is not None


def _mark_called(
    session: Session,
    office: Office,
    desk: Counter,
    ticket: Ticket,
    staff_id: StaffId | None,
    now: datetime,
    rule: str,
    *,
    reason: str | None,
) -> TicketCalled:
    overtook, unjustified = _overtakes(session, ticket)
    ticket.status = TicketStatus.CALLED
    ticket.counter_id = desk.id
    ticket.staff_id = staff_id
    ticket.called_at = now
    ticket.last_called_at = now
    session.flush()
    shown = lookup.view(session, ticket)
    event_id = eventlog.append(
        session,
        kind=EventKind.CALLED,
        at=now,
        office_id=office.id,
        ticket=ticket,
        counter_id=desk.id,
        staff_id=staff_id,
        reason=reason,
        waiting=-1,
        data={"rule": rule, "overtook": overtook, "unjustified": unjustified, "waited_s": int((now - ticket.queued_at).total_seconds())},
    )
    return TicketCalled(
        ticket=shown,
        counter_number=desk.number,
        recall=False,
        rule=rule,
        overtook=overtook,
        unjustified=unjustified,
        event_id=event_id,
    )


def _overtakes(session: Session, chosen: Ticket) -> tuple[int, int]:
    """Waiting tickets of the same service that queued earlier and were passed over, and how
    many of those the engine's own rules do not explain by priority class or kept arrival.

    Counted online, when the call happens, because "who was waiting then" is not recoverable
    cheaply later. "Queued earlier" compares ``queued_at``: a transfer keeps the citizen's
    arrival time, so it is overtaken by anyone called before it who queued after it. The
    report classifies the overtakes by the call's ``rule`` (khiw.metrics.overtakes).
    """
    passed = session.execute(
        select(Ticket.priority, Ticket.queued_at).where(
            Ticket.service_id == chosen.service_id,
            Ticket.service_day == chosen.service_day,
            Ticket.status == TicketStatus.WAITING,
            Ticket.queued_at < chosen.queued_at,
            Ticket.id != chosen.id,
        )
    ).all()
    overtook = unjustified = 0
    for priority, queued_at in passed:
        overtook += 1
        other_priority = Priority(priority)
        higher_class = chosen.priority.is_priority and not other_priority.is_priority
        kept_arrival = chosen.transferred_from_id is not None and chosen.queued_at <= queued_at
        if not (higher_class or kept_arrival):
            unjustified += 1
    return overtook, unjustified
