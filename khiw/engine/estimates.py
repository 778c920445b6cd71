"""How many people wait for each service and how long a newcomer would wait.

The wait is the queue ahead times the recent time per ticket (call to finish, the last
tickets served today), divided by the counters open for the service. Until a service has a
few finished tickets today, its published standard time stands in for the recent one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from khiw.clock import local, local_day
from khiw.engine.results import QueueEstimate
from khiw.models import (
    Counter,
    CounterService,
    CounterState,
    DayNumber,
    Office,
    Priority,
    Service,
    Ticket,
    TicketStatus,
)
from khiw.models.ids import ServiceId

RECENT = 20  # finished tickets that make "the recent service rate"
RECENT_HOURS = timedelta(hours=3)  # ... finished within this long
MIN_SAMPLES = 3


def closed_reason(office: Office, svc: Service, now: datetime, issued_today: int | None = None) -> str | None:
    """Why ``svc`` cannot issue a ticket now (``inactive``, ``hours``, ``cap``), or None.

    ``issued_today`` is the service's last number today; None skips the cap (issuing checks
    the number it allocates instead).
    """
    if not svc.active:
        return "inactive"
    clock = local(now, office.timezone).time()
    opens = svc.opens or office.opens
    closes = svc.closes or office.closes
    if (opens and clock < opens) or (closes and clock >= closes):
        return "hours"
    if issued_today is not None and svc.daily_cap is not None and issued_today >= svc.daily_cap:
        return "cap"
    return None


def queue_estimates(session: Session, office: Office, now: datetime) -> list[QueueEstimate]:
    """Every service of the office in display order, with its queue and estimate."""
    day = local_day(now, office.timezone)
    services = list(
        session.execute(
            select(Service).where(Service.office_id == office.id).order_by(Service.display_order, Service.code)
        ).scalars()
    )
    waiting: dict[ServiceId, dict[bool, tuple[int, datetime | None]]] = defaultdict(dict)
    rows = session.execute(
        select(Ticket.service_id, Ticket.priority, func.count(), func.min(Ticket.queued_at))
        .where(Ticket.office_id == office.id, Ticket.service_day == day, Ticket.status == TicketStatus.WAITING)
        .group_by(Ticket.service_id, Ticket.priority)
    ).all()
    for service_id, priority, count, oldest in rows:
        lane = Priority(priority).is_priority
        before, first = waiting[service_id].get(lane, (0, None))
        waiting[service_id][lane] = (before + count, min(t for t in (first, oldest) if t is not None))
    issued = {
        service_id: last
        for service_id, last in session.execute(
            select(DayNumber.service_id, DayNumber.last).where(DayNumber.service_id.in_([s.id for s in services]), DayNumber.day == day)
        )
    }
    open_counts = _open_counters(session, office)
    durations = _recent_minutes(session, office, day, now)
    out = []
    for svc in services:
        normal, prio = waiting[svc.id].get(False, (0, None)), waiting[svc.id].get(True, (0, None))
        count = normal[0] + prio[0]
        oldest = min((t for t in (normal[1], prio[1]) if t is not None), default=None)
        per_ticket = _per_ticket(durations.get(svc.id, []), svc)
        counters = open_counts.get(svc.id, 0)
        out.append(
            QueueEstimate(
                service_code=svc.code,
                prefix=svc.prefix,
                name_th=svc.name_th,
                name_en=svc.name_en,
                color=svc.color,
                icon=svc.icon,
                standard_minutes=svc.standard_minutes,
                waiting=count,
                waiting_priority=prio[0],
                oldest_wait_minutes=int((now - oldest).total_seconds() // 60) if oldest else 0,
                open_counters=counters,
                minutes_per_ticket=round(per_ticket, 1),
                estimated_wait_minutes=wait_minutes(count, per_ticket, counters),
                closed_reason=closed_reason(office, svc, now, issued.get(svc.id, 0)),
            )
        )
    return out


def wait_minutes(ahead: int, per_ticket: float, open_counters: int) -> int:
    """Minutes until ``ahead`` people are served by ``open_counters`` (at least one)."""
    if ahead <= 0:
        return 0
    return math.ceil(ahead * per_ticket / max(open_counters, 1))


def estimate_for(session: Session, office: Office, svc: Service, ahead: int, now: datetime) -> int:
    """The estimated wait of someone with ``ahead`` people before them in ``svc``.

    Reads only this service's counters and recent tickets: it runs on every kiosk tap.
    """
    if ahead <= 0:
        return 0
    return wait_minutes(ahead, *service_rate(session, office, svc, now))


def service_rate(session: Session, office: Office, svc: Service, now: datetime) -> tuple[float, int]:
    """``svc``'s recent minutes per ticket and its open counters: what :func:`wait_minutes`
    needs, read once for every ticket of the service (the web station's live pages)."""
    params = {"service_id": svc.id, "day": local_day(now, office.timezone), "since": now - RECENT_HOURS}
    samples = [(finished - called).total_seconds() / 60 for called, finished in session.execute(_RECENT_FOR_SERVICE, params) if called]
    counters = session.execute(_OPEN_FOR_SERVICE, params).scalar_one()
    return _per_ticket(samples, svc), counters


# The two reads of every kiosk tap, built once.
_RECENT_FOR_SERVICE = (
    select(Ticket.called_at, Ticket.finished_at)
    .where(
        Ticket.service_id == bindparam("service_id"),
        Ticket.service_day == bindparam("day"),
        Ticket.status == TicketStatus.DONE,
        Ticket.finished_at >= bindparam("since"),
    )
    .order_by(Ticket.finished_at.desc())
    .limit(RECENT)
)
_OPEN_FOR_SERVICE = (
    select(func.count())
    .select_from(CounterService)
    .join(Counter, Counter.id == CounterService.counter_id)
    .where(CounterService.service_id == bindparam("service_id"), Counter.active, Counter.state == CounterState.OPEN)
)


def _per_ticket(samples: list[float], svc: Service) -> float:
    """Recent minutes per ticket, or the published standard time until there are a few."""
    return sum(samples) / len(samples) if len(samples) >= MIN_SAMPLES else float(svc.standard_minutes)


def _open_counters(session: Session, office: Office) -> dict[ServiceId, int]:
    """How many open counters serve each service."""
    query = (
        select(CounterService.service_id, func.count())
        .join(Counter, Counter.id == CounterService.counter_id)
        .where(Counter.office_id == office.id, Counter.active, Counter.state == CounterState.OPEN)
        .group_by(CounterService.service_id)
    )
    return {service: count for service, count in session.execute(query).all()}


def _recent_minutes(session: Session, office: Office, day: date, now: datetime) -> dict[ServiceId, list[float]]:
    """Call-to-finish minutes of the last finished tickets per service today (newest first)."""
    query = (
        select(Ticket.service_id, Ticket.called_at, Ticket.finished_at)
        .where(
            Ticket.office_id == office.id,
            Ticket.service_day == day,
            Ticket.status == TicketStatus.DONE,
            Ticket.finished_at >= now - RECENT_HOURS,
        )
        .order_by(Ticket.finished_at.desc())
        .limit(500)
    )
    rows = session.execute(query).all()
    out: dict[ServiceId, list[float]] = defaultdict(list)
    for service_id, called, finished in rows:
        if called and finished and len(out[service_id]) < RECENT:
            out[service_id].append((finished - called).total_seconds() / 60)
    return out

