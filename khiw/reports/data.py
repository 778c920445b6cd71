"""The report of one office for one period: operations in the engine's style.

``refresh_period`` (a short write: brings the day cache up to date) and ``read_report`` (a
read: loads the facts and computes every figure) are split so that SQLite's write lock is
held only while days are rebuilt, never while numbers are crunched. :func:`make_report` is the
one way every caller (the CLI, the supervisor's view, scripts) builds a report: the write,
then the read, each in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import local, resolve
from khiw.db import Database
from khiw.engine import lookup
from khiw.engine.eventlog import GENESIS
from khiw.metrics import Figures, ReportInput, compute
from khiw.metrics.compute import compute_totals
from khiw.metrics.figures import SettingsChange, TicketFigures, jsonable
from khiw.metrics.inputs import CounterInfo, ServiceInfo, StaffInfo
from khiw.models import Counter, Event, EventKind, Office, Service, Staff
from khiw.published import survey_answers
from khiw.reports import daycache
from khiw.reports.extract import to_ms
from khiw.reports.periods import Period, parse_period, previous
from khiw.thaidate import thai_date, thai_time

@dataclass(frozen=True)
class ChainHeadRef:
    """The event the report was computed from: its number (id) and its hash.

    A printed report carrying it anchors the hash-chained log outside the database:
    ``khiw audit verify --against`` checks that the log still holds this event with this hash.
    """

    events: int
    hash: str

    @property
    def keyword(self) -> str:
        """The PDF keyword form, ``khiw-chain-head:<events>:<hash>``."""
        return f"khiw-chain-head:{self.events}:{self.hash}"

    def to_json(self) -> dict[str, Any]:
        """The JSON form, ``{"events": <int>, "hash": "<64 hex>"}``."""
        return {"events": self.events, "hash": self.hash}


@dataclass(frozen=True)
class Report:
    """Every figure of the period (``figures``) and what it is about."""

    office_code: str
    office_name_th: str
    office_name_en: str
    timezone: str
    period: Period
    generated_at: datetime
    wait_target_minutes: int
    figures: Figures
    chain_head: ChainHeadRef
    produced_by: str = "khiw"
    opens: time | None = None
    closes: time | None = None
    previous_period: Period | None = None
    previous: TicketFigures | None = None

    @property
    def hours(self) -> range | None:
        """The office's opening hours as hours of the day (None when not configured)."""
        if self.opens is None or self.closes is None:
            return None
        return range(self.opens.hour, self.closes.hour + (1 if self.closes.minute or self.closes.second else 0))

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
            "produced_by": self.produced_by,
            "chain_head": self.chain_head.to_json(),
            "wait_target_minutes": self.wait_target_minutes,
            "previous_period": None if self.previous_period is None else self.previous_period.code,
            "previous_totals": None if self.previous is None else jsonable(self.previous),
            "units": {"durations": "seconds", "counter_time": "hours", "shares": "fraction 0-1"},
            **self.figures.to_json(),
        }


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def refresh_period(session: Session, *, period: Period | str, office: str | None = None) -> int:
    """Update the cached day facts of the period; returns how many days were (re)built."""
    where = lookup.office(session, office)
    chosen = _period(period)
    return daycache.refresh(session, where, previous(chosen).each_day()) + daycache.refresh(session, where, chosen.each_day())


def read_report(
    session: Session, *, period: Period | str, office: str | None = None, now: datetime | None = None, produced_by: str = "khiw"
) -> Report:
    """Compute the report from the cached facts (run :func:`refresh_period` first)."""
    now = resolve(now)
    where = lookup.office(session, office)
    chosen = _period(period)
    start, end = chosen.bounds(where.timezone)
    facts, head = daycache.load(session, where, chosen.each_day())
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
        answers=survey_answers(session, where, start, end),
        settings_changes=settings_changes(session, where, start, end),
    )
    before = previous(chosen)
    before_start, before_end = before.bounds(where.timezone)
    before_facts, _ = daycache.load(session, where, before.each_day())
    earlier = ReportInput(
        facts=before_facts,
        services=inp.services,
        counters=inp.counters,
        staff=inp.staff,
        wait_target_minutes=target,
        start_ms=to_ms(before_start),
        end_ms=to_ms(before_end),
        horizon_ms=min(to_ms(before_end), to_ms(now)),
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
        chain_head=chain_head(session, head),
        produced_by=produced_by,
        opens=where.opens,
        closes=where.closes,
        previous_period=before,
        previous=compute_totals(earlier),
    )


def settings_changes(session: Session, office: Office, start: datetime, end: datetime) -> tuple[SettingsChange, ...]:
    """Every field changed in the admin tab during ``[start, end)``, one row per field, oldest first."""
    rows = session.execute(
        select(Event.id, Event.at, Event.data, Staff.display_name)
        .outerjoin(Staff, Staff.id == Event.staff_id)
        .where(Event.office_id == office.id, Event.kind == EventKind.SETTINGS_CHANGED, Event.at >= start, Event.at < end)
        .order_by(Event.id)
    )
    return tuple(
        SettingsChange(
            at_ms=to_ms(at),
            at_local=f"{thai_date(local(at, office.timezone).date(), short=True)} {thai_time(local(at, office.timezone))}",
            event=event_id,
            staff_name=name,
            section=str(data.get("section", "")),
            key=str(data.get("key", "")),
            field=field,
            old=_setting(change.get("old")),
            new=_setting(change.get("new")),
        )
        for event_id, at, data, name in rows
        for field, change in (data or {}).get("changes", {}).items()
    )


def _setting(value: Any) -> str:
    """A recorded setting as one line of text ("–" for none; lists joined by commas)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def chain_head(session: Session, event_id: int) -> ChainHeadRef:
    """Event ``event_id`` as a :class:`ChainHeadRef` (the genesis hash for an empty log)."""
    found = session.execute(select(Event.hash).where(Event.id == event_id)).scalar_one_or_none()
    return ChainHeadRef(event_id if found else 0, found or GENESIS)


def make_report(db: Database, *, period: Period | str, office: str | None = None, now: datetime | None = None, produced_by: str = "khiw") -> Report:
    """THE way to build a report: refresh the day cache in a short write transaction, then
    load and compute in a read transaction, so SQLite's write lock (which every kiosk tap and
    counter call needs) is never held while the figures are computed."""
    db.run(refresh_period, period=period, office=office)
    return db.query(read_report, period=period, office=office, now=now, produced_by=produced_by)


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
