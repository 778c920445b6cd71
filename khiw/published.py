"""The office's published results: service use and satisfaction for a period.

The public page shows the current half-year and fiscal year through :func:`published_results`
(aggregates only: :func:`khiw.metrics.satisfaction.public` drops comments, staff names and
groups under five answers); the executives' report reads the whole section, comments and
staff included, through :func:`period_results` with ``for_public=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import lookup
from khiw.metrics.satisfaction import Answer, Satisfaction, public, satisfaction
from khiw.models import Counter, Office, Service, Staff, SurveyDimension, SurveyResponse, Ticket, TicketStatus
from khiw.reports.periods import Period, fiscal_year, parse_period


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


def current_periods(today: date) -> tuple[Period, Period]:
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
