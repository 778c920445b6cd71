"""Estimating the office's demand and counter time from its own event log.

The facts are the reports' (``khiw.reports.daycache``: one row per ticket, one per counter
event), so the planner and the report agree on what happened. Per service: the tickets per
weekday and half-hour, averaged over the days of that weekday the office was open; the
share of priority tickets; the share of no-shows among the citizens called; the counter time
of each (first call to the end of the visit). A transferred ticket counts for the service it
was sent to as well: it is work that counter had to do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.engine import lookup
from khiw.metrics.facts import MISSING, Facts, Outcome
from khiw.metrics.sessions import OPEN, intervals
from khiw.models import Service
from khiw.plan.model import SLOT_MINUTES, OfficeModel, ServiceModel
from khiw.plan.simulate import CallRules
from khiw.reports import daycache
from khiw.reports.data import refresh_period
from khiw.reports.extract import to_ms
from khiw.reports.periods import Period

SLOT_MS = SLOT_MINUTES * 60 * 1000
DAY_MS = 86_400_000


@dataclass(frozen=True)
class ServiceRow:
    """The service details the estimate needs."""

    id: int
    code: str
    name_th: str
    standard_minutes: float


def refresh(session: Session, *, period: Period, office: str | None = None) -> int:
    """Bring the period's cached day facts up to date (a short write, before :func:`read_model`)."""
    return refresh_period(session, period=period, office=office)


def read_model(session: Session, *, period: Period, office: str | None = None) -> OfficeModel:
    """The office model estimated from the cached facts of ``period`` (a read)."""
    where = lookup.office(session, office)
    facts, _ = daycache.load(session, where, period.each_day())
    services = [
        ServiceRow(s.id, s.code, s.name_th, float(s.standard_minutes))
        for s in session.execute(select(Service).where(Service.office_id == where.id, Service.active).order_by(Service.display_order, Service.code)).scalars()
    ]
    policy = lookup.policy(where)
    rules = CallRules(
        normal_per_priority=policy.normal_per_priority,
        max_wait_s=policy.max_wait_minutes * 60.0 if policy.max_wait_minutes is not None else None,
    )
    start, end = period.bounds(where.timezone)
    model = from_facts(
        facts, services, rules, office_code=where.code, office_name_th=where.name_th,
        period_code=period.code, period_label_th=period.label_th, start_ms=to_ms(start), end_ms=to_ms(end),
    )
    return replace(model, wait_target_minutes=float(policy.wait_target_minutes))


def from_facts(
    facts: Facts,
    services: list[ServiceRow],
    rules: CallRules,
    *,
    office_code: str,
    office_name_th: str,
    period_code: str,
    period_label_th: str,
    start_ms: int,
    end_ms: int,
) -> OfficeModel:
    """The model of a run of days' facts (pure: the tests feed it facts directly)."""
    t = facts.tickets
    local_ms = t["issued"] - facts.day_starts[t["day"]] if t.size else np.zeros(0, dtype=np.int64)
    weekday = facts.weekday(t["day"]) if t.size else np.zeros(0, dtype=np.int64)
    open_days = np.zeros(7, dtype=np.int64)
    days_with_tickets = np.unique(t["day"]) if t.size else np.zeros(0, dtype=np.int64)
    np.add.at(open_days, facts.weekday(days_with_tickets), 1)

    # The half-hours from the first to the last one with any ticket (none without tickets).
    first = int(local_ms.min() // SLOT_MS) if t.size else 0
    slots = int(local_ms.max() // SLOT_MS) - first + 1 if t.size else 0
    slot = (local_ms // SLOT_MS - first).astype(np.int64)

    models = []
    for svc in services:
        mine = t["service"] == svc.id
        counts = np.zeros((7, slots))
        np.add.at(counts, (weekday[mine], slot[mine]), 1.0)
        per_day = np.divide(counts, open_days[:, None], out=np.zeros_like(counts), where=open_days[:, None] > 0)
        called = mine & (t["first_call"] != MISSING) & (t["end"] != MISSING) & (t["end"] > t["first_call"])
        missed = called & (t["outcome"] == Outcome.NO_SHOW)
        came = called & ~missed & np.isin(t["outcome"], (Outcome.SERVED, Outcome.TRANSFERRED))
        occupy = (t["end"][came] - t["first_call"][came]) / 1000.0
        no_show = (t["end"][missed] - t["first_call"][missed]) / 1000.0
        models.append(
            ServiceModel(
                code=svc.code,
                name_th=svc.name_th,
                standard_minutes=svc.standard_minutes,
                arrivals=per_day,
                priority_share=float(np.mean(t["priority"][mine] > 0)) if mine.any() else 0.0,
                no_show_share=float(missed.sum() / max(int(came.sum() + missed.sum()), 1)),
                occupy_s=occupy if occupy.size else np.array([svc.standard_minutes * 60.0]),
                no_show_s=no_show,
            )
        )
    return OfficeModel(
        office_code=office_code,
        office_name_th=office_name_th,
        period_code=period_code,
        period_label_th=period_label_th,
        first_slot_s=first * SLOT_MINUTES * 60,
        slots=slots,
        open_days=open_days,
        services=tuple(models),
        counters_open=_counters_open(facts, open_days, first, slots, start_ms, end_ms),
        rules=rules,
    )


def _counters_open(facts: Facts, open_days: np.ndarray, first: int, slots: int, start_ms: int, end_ms: int) -> np.ndarray:
    """Mean counters open (signed in, not paused) per weekday and half-hour."""
    total = np.zeros((7, slots))
    if slots == 0 or facts.counter_events.size == 0:
        return total
    spans = intervals(facts.counter_events, start_ms, end_ms)
    keep = spans.state == OPEN
    day = spans.day[keep]
    base = facts.day_starts[day] + first * SLOT_MS
    begin, finish = spans.start[keep] - base, spans.end[keep] - base
    weekday = facts.weekday(day)
    for j in range(slots):
        lo, hi = j * SLOT_MS, (j + 1) * SLOT_MS
        overlap = np.clip(np.minimum(finish, hi) - np.maximum(begin, lo), 0, None) / SLOT_MS
        np.add.at(total[:, j], weekday, overlap)
    return np.divide(total, open_days[:, None], out=np.zeros_like(total), where=open_days[:, None] > 0)
