"""How many people wait for each service, how long a newcomer would wait, and whether it is open.

The wait itself comes from :mod:`khiw.engine.position`, the one place that answers it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from khiw.clock import local, local_day
from khiw.engine.position import positions_of
from khiw.engine.results import QueueEstimate
from khiw.models import DayNumber, Office, Service
from khiw.models.ids import ServiceId


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


@cache
def _statements() -> tuple[Select[tuple[Service]], Select[tuple[Service]], Select[tuple[ServiceId, int]]]:
    """The office's services in display order (all, or those of ``ids``) and their last numbers
    of a day; built once, as :mod:`khiw.engine.position`'s are."""
    services = select(Service).where(Service.office_id == bindparam("office_id")).order_by(Service.display_order, Service.code)
    numbers = select(DayNumber.service_id, DayNumber.last).where(DayNumber.service_id.in_(bindparam("ids", expanding=True)), DayNumber.day == bindparam("day"))
    return services, services.where(Service.id.in_(bindparam("ids", expanding=True))), numbers


def queue_estimates(session: Session, office: Office, now: datetime, *, only: Collection[int] | None = None) -> list[QueueEstimate]:
    """Every service of the office in display order, with its queue and a newcomer's wait
    (:func:`khiw.engine.position.service_positions`, the normal lane).

    ``only``: just these services (by id), for a station that updates the queues a change
    touched instead of reading them all (a service's figures depend on its own queue, calls,
    finished tickets and the counters open for it, not on other services')."""
    day = local_day(now, office.timezone)
    all_, chosen, numbers = _statements()
    if only is None:
        services = list(session.execute(all_, {"office_id": office.id}).scalars())
    else:
        services = list(session.execute(chosen, {"office_id": office.id, "ids": list(only)}).scalars())
    issued: dict[ServiceId, int] = dict(session.execute(numbers, {"ids": [s.id for s in services], "day": day}).all())
    return [
        QueueEstimate(
            service_code=svc.code,
            prefix=svc.prefix,
            name_th=svc.name_th,
            name_en=svc.name_en,
            color=svc.color,
            icon=svc.icon,
            standard_minutes=svc.standard_minutes,
            waiting=where.waiting,
            waiting_priority=where.waiting_priority,
            oldest_wait_minutes=int((now - where.oldest_queued_at).total_seconds() // 60) if where.oldest_queued_at else 0,
            open_counters=where.open_counters,
            minutes_per_ticket=round(where.minutes_per_ticket, 1),
            estimated_wait_minutes=where.normal.estimated_wait_minutes,
            closed_reason=closed_reason(office, svc, now, issued.get(svc.id, 0)),
        )
        for svc, where in zip(services, positions_of(session, office, services, now), strict=True)
    ]
