"""The report of one office for one period: operations in the engine's style.

``refresh_period`` (a short write: brings the day cache up to date) and ``read_report`` (a
read: loads the facts and computes every figure) are split so that SQLite's write lock is
held only while days are rebuilt, never while numbers are crunched. ``build_report`` does
both in one session, for scripts and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import lookup
from khiw.metrics import ReportInput, compute
from khiw.metrics.compute import CounterInfo, ServiceInfo, StaffInfo
from khiw.models import Counter, Office, Service, Staff, SurveyResponse
from khiw.reports import daycache
from khiw.reports.extract import to_ms
from khiw.reports.periods import Period, parse_period


@dataclass(frozen=True)
class Report:
    """Every figure of the period (``figures``, see khiw.metrics.compute) and what it is about."""

    office_code: str
    office_name_th: str
    office_name_en: str
    timezone: str
    period: Period
    generated_at: datetime
    wait_target_minutes: int
    figures: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """Everything, JSON-ready (the ``--format json`` output)."""
        return {
            "office": {"code": self.office_code, "name_th": self.office_name_th, "name_en": self.office_name_en, "timezone": self.timezone},
            "period": {
                "code": self.period.code,
                "first_day": self.period.first.isoformat(),
                "last_day": self.period.last.isoformat(),
                "label_th": self.period.label_th,
                "label_en": self.period.label_en,
            },
            "generated_at": self.generated_at.isoformat(),
            "wait_target_minutes": self.wait_target_minutes,
            "units": {"durations": "seconds", "counter_time": "hours", "shares": "fraction 0-1"},
            **self.figures,
        }


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def refresh_period(session: Session, *, period: Period | str, office: str | None = None) -> int:
    """Update the cached day facts of the period; returns how many days were (re)built."""
    where = lookup.office(session, office)
    return daycache.refresh(session, where, _period(period).each_day())


def read_report(session: Session, *, period: Period | str, office: str | None = None, now: datetime | None = None) -> Report:
    """Compute the report from the cached facts (run :func:`refresh_period` first)."""
    now = resolve(now)
    where = lookup.office(session, office)
    chosen = _period(period)
    start, end = chosen.bounds(where.timezone)
    facts = daycache.load(session, where, chosen.each_day())
    target = lookup.policy(where).wait_target_minutes
    inp = ReportInput(
        facts=facts,
        services=_services(session, where),
        counters=[CounterInfo(c.id, c.number, c.name) for c in session.execute(select(Counter).where(Counter.office_id == where.id)).scalars()],
        staff=[StaffInfo(s.id, s.username, s.display_name) for s in session.execute(select(Staff).where(Staff.office_id == where.id)).scalars()],
        wait_target_minutes=target,
        start_ms=to_ms(start),
        end_ms=to_ms(end),
        horizon_ms=min(to_ms(end), to_ms(now)),
        surveys=_surveys(session, facts.tickets["ticket"]),
    )
    return Report(
        office_code=where.code,
        office_name_th=where.name_th,
        office_name_en=where.name_en,
        timezone=where.timezone,
        period=chosen,
        generated_at=now,
        wait_target_minutes=target,
        figures=compute(inp),
    )


def build_report(session: Session, *, period: Period | str, office: str | None = None, now: datetime | None = None) -> Report:
    """Refresh and read in one (write) session."""
    refresh_period(session, period=period, office=office)
    return read_report(session, period=period, office=office, now=now)


@dataclass(frozen=True)
class OfficeChoice:
    """An office a supervisor can report on."""

    code: str
    name_th: str


def offices(session: Session) -> list[OfficeChoice]:
    """Every office in the database, by code (a central database may hold several)."""
    return [OfficeChoice(o.code, o.name_th) for o in session.execute(select(Office).order_by(Office.code)).scalars()]


def _services(session: Session, office: Office) -> list[ServiceInfo]:
    return [
        ServiceInfo(s.id, s.code, s.prefix, s.name_th, s.name_en, s.standard_minutes, s.display_order)
        for s in session.execute(select(Service).where(Service.office_id == office.id)).scalars()
    ]


def _surveys(session: Session, tickets: np.ndarray) -> np.ndarray:
    """(ticket id, score) of the survey answers of these tickets."""
    if tickets.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    rows = session.execute(
        select(SurveyResponse.ticket_id, SurveyResponse.score).where(
            SurveyResponse.ticket_id.between(int(tickets.min()), int(tickets.max()))
        )
    ).all()
    return np.array(rows, dtype=np.int64).reshape(-1, 2)
