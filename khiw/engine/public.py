"""What the office publishes: its services' standards, the live queues and the latest results.

Read by the public page (``/``), the JSON API and the standards chart. Only aggregates leave
here for the public: survey groups with fewer than five answers, comments and staff names
are dropped by :func:`khiw.metrics.satisfaction.public`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from khiw.clock import local, local_day, resolve
from khiw.engine import lookup
from khiw.engine.estimates import queue_estimates
from khiw.engine.results import QueueEstimate, _Result
from khiw.metrics.satisfaction import Answer, Satisfaction, public, satisfaction
from khiw.models import Counter, CounterService, Office, Service, Staff, SurveyDimension, SurveyResponse, Ticket, TicketStatus
from khiw.reports.periods import Period, fiscal_year, parse_period


@dataclass(frozen=True, slots=True)
class PublishedService(_Result):
    """One service as published: its standard, what to bring, who serves it, and its queue now."""

    code: str
    prefix: str
    name_th: str
    name_en: str
    standard_minutes: int
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
class ServiceUse:
    """Citizens served in a period and the share served within their service's standard time."""

    served: int
    within_standard: int

    @property
    def share_within_standard(self) -> float | None:
        return self.within_standard / self.served if self.served else None


@dataclass(frozen=True, slots=True)
class PeriodResults:
    """The published results of one period (public: aggregates of groups of five or more only)."""

    period: Period
    use: ServiceUse
    satisfaction: Satisfaction


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


def survey_answers(session: Session, office: Office, start: datetime, end: datetime) -> list[Answer]:
    """The survey answers of tickets issued in ``[start, end)``, with service, counter and staff."""
    query = (
        select(SurveyResponse, Ticket.id, Service.code, Service.name_th, Counter.number, Staff.display_name)
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .join(Service, Service.id == Ticket.service_id)
        .outerjoin(Counter, Counter.id == Ticket.counter_id)
        .outerjoin(Staff, Staff.id == Ticket.staff_id)
        .where(Ticket.office_id == office.id, Ticket.issued_at >= start, Ticket.issued_at < end)
        .order_by(SurveyResponse.answered_at)
    )
    out = []
    for row, ticket_id, code, name_th, counter, staff in session.execute(query):
        dims = {dim: getattr(row, dim.value) for dim in SurveyDimension}
        out.append(
            Answer(
                ticket_id=ticket_id,
                answered_at=row.answered_at,
                score=row.score,
                dimensions=None if any(v is None for v in dims.values()) else dims,
                service_code=code,
                service_name_th=name_th,
                counter_number=counter,
                staff_name=staff,
                comment=row.comment,
            )
        )
    return out


def service_use(session: Session, office: Office, start: datetime, end: datetime) -> ServiceUse:
    """Tickets issued in ``[start, end)`` that were served, and those within the standard time
    (start to finish, as the report counts it; the difference is taken here, not in SQL,
    since SQLite has no interval type)."""
    rows = session.execute(
        select(Ticket.started_at, Ticket.finished_at, Service.standard_minutes)
        .join(Service, Service.id == Ticket.service_id)
        .where(
            and_(Ticket.office_id == office.id, Ticket.issued_at >= start, Ticket.issued_at < end, Ticket.status == TicketStatus.DONE)
        )
    ).all()
    within = sum(1 for started, finished, standard in rows if started and finished and (finished - started).total_seconds() <= standard * 60)
    return ServiceUse(served=len(rows), within_standard=within)


def period_results(session: Session, office: Office, period: Period, *, for_public: bool) -> PeriodResults:
    """Service use and satisfaction of ``period``; ``for_public`` hides what only executives read."""
    start, end = period.bounds(office.timezone)
    use = service_use(session, office, start, end)
    result = satisfaction(survey_answers(session, office, start, end), use.served)
    return PeriodResults(period=period, use=use, satisfaction=public(result) if for_public else result)


def current_periods(today: Any) -> tuple[Period, Period]:
    """The half-year and the fiscal year that ``today`` falls in (results so far)."""
    year = fiscal_year(today)
    half = 1 if today.month >= 10 or today.month <= 3 else 2
    return parse_period(f"{year}-H{half}"), parse_period(f"{year}")


def published_results(session: Session, *, office: str | None = None, now: datetime | None = None) -> tuple[PeriodResults, ...]:
    """The public results of the current half-year and fiscal year so far.

    Reads a year of tickets: the web station keeps the answer for a few minutes.
    """
    now = resolve(now)
    where = lookup.office(session, office)
    return tuple(period_results(session, where, p, for_public=True) for p in current_periods(local_day(now, where.timezone)))


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
