"""What the office publishes about its services: steps, standard time, fee, documents, the
responsible unit, and each queue now. Read by the public page (``/``), the JSON API and the
standards chart (``khiw report standards``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import local, resolve
from khiw.engine import lookup
from khiw.engine.estimates import queue_estimates
from khiw.engine.results import QueueEstimate, _Result
from khiw.models import Counter, CounterService, Office, Service


@dataclass(frozen=True, slots=True)
class PublishedService(_Result):
    """One service as published: its standard, what to bring, who serves it, and its queue now."""

    code: str
    prefix: str
    name_th: str
    name_en: str
    standard_minutes: int
    opens: str | None
    closes: str | None
    steps_th: tuple[str, ...]
    steps_en: tuple[str, ...]
    fee_th: str
    fee_en: str
    documents_th: tuple[str, ...]
    documents_en: tuple[str, ...]
    unit_th: str
    unit_en: str
    counters: tuple[int, ...]
    queue: QueueEstimate


@dataclass(frozen=True, slots=True)
class PublicOffice:
    """The public page's content."""

    code: str
    name_th: str
    name_en: str
    opens: str | None
    closes: str | None
    now_local: datetime
    services: tuple[PublishedService, ...]


def published_services(session: Session, office: Office, now: datetime) -> tuple[PublishedService, ...]:
    """The office's active services in display order, with what the office publishes about each."""
    queues = {q.service_code: q for q in queue_estimates(session, office, now)}
    counters: dict[int, list[int]] = {}
    for service_id, number in session.execute(
        select(CounterService.service_id, Counter.number)
        .join(Counter, Counter.id == CounterService.counter_id)
        .where(Counter.office_id == office.id, Counter.active)
        .order_by(Counter.number)
    ):
        counters.setdefault(service_id, []).append(number)
    rows = session.execute(
        select(Service).where(Service.office_id == office.id, Service.active).order_by(Service.display_order, Service.code)
    ).scalars()
    out = []
    for svc in rows:
        info: dict[str, Any] = svc.published or {}
        out.append(
            PublishedService(
                code=svc.code,
                prefix=svc.prefix,
                name_th=svc.name_th,
                name_en=svc.name_en,
                standard_minutes=svc.standard_minutes,
                opens=svc.opens.strftime("%H:%M") if svc.opens else None,
                closes=svc.closes.strftime("%H:%M") if svc.closes else None,
                steps_th=tuple(info.get("steps_th", ())),
                steps_en=tuple(info.get("steps_en", ())),
                fee_th=str(info.get("fee_th", "")),
                fee_en=str(info.get("fee_en", "")),
                documents_th=tuple(info.get("documents_th", ())),
                documents_en=tuple(info.get("documents_en", ())),
                unit_th=str(info.get("unit_th", "")),
                unit_en=str(info.get("unit_en", "")),
                counters=tuple(counters.get(svc.id, ())),
                queue=queues[svc.code],
            )
        )
    return tuple(out)


def public_office(session: Session, *, office: str | None = None, now: datetime | None = None) -> PublicOffice:
    """The office, its hours and its services with their live queues, in one transaction."""
    now = resolve(now)
    where = lookup.office(session, office)
    return PublicOffice(
        code=where.code,
        name_th=where.name_th,
        name_en=where.name_en,
        opens=where.opens.strftime("%H:%M") if where.opens else None,
        closes=where.closes.strftime("%H:%M") if where.closes else None,
        now_local=local(now, where.timezone),
        services=published_services(session, where, now),
    )
