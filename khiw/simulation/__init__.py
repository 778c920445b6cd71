"""``khiw simulate``: realistic office history through the engine's own rules.

Each simulated day runs in one write transaction (engine operations never commit), with a
random generator seeded from ``seed`` and the day, so a run is reproducible day by day.
See :mod:`khiw.simulation.profile` for the shape of a day and :mod:`khiw.simulation.day`
for the loop.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from khiw.db import Database
from khiw.engine import lookup
from khiw.models import Counter, Service, Staff
from khiw.simulation import profile
from khiw.simulation.day import DayResult, DaySimulation


@dataclass(frozen=True)
class SimulationSummary:
    """Totals of a simulation run."""

    first_day: date
    last_day: date
    days: int
    issued: int
    turned_away: int
    expired: int


def default_load(db: Database, office: str | None) -> float:
    """Tickets per ordinary weekday that keep the office's staffed counters about 75 % busy."""

    def work(session: Session) -> float:
        where = lookup.office(session, office)
        desks = min(
            session.execute(select(func.count()).select_from(Counter).where(Counter.office_id == where.id, Counter.active)).scalar_one(),
            session.execute(select(func.count()).select_from(Staff).where(Staff.office_id == where.id, Staff.active)).scalar_one(),
        )
        services = session.execute(select(Service.code, Service.standard_minutes).where(Service.office_id == where.id, Service.active)).all()
        weights = profile.service_weights([c for c, _ in services], date(2025, 6, 1))
        mean_standard = sum(w * m for w, (_, m) in zip(weights, services, strict=True)) / max(sum(weights), 1e-9)
        minutes = mean_standard * profile.SERVICE_MEDIAN * math.exp(profile.SERVICE_SIGMA**2 / 2) + 1.5
        return 0.75 * desks * 7 * 60 / minutes

    return db.query(work)


def simulate(
    db: Database,
    *,
    days: int,
    seed: int = 0,
    start: date | None = None,
    office: str | None = None,
    load: float | None = None,
    progress: Callable[[DayResult], None] | None = None,
) -> SimulationSummary:
    """Simulate ``days`` calendar days from ``start`` (default: the ``days`` days before today).

    ``load`` is the mean number of citizens on an ordinary weekday (default: what keeps the
    staffed counters about 75 % busy); weekends are closed.
    """
    first = start or (date.today() - timedelta(days=days))
    per_day = load if load is not None else default_load(db, office)
    issued = turned_away = expired = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        rng = np.random.default_rng([seed, day.toordinal()])
        with db.write() as session:
            where = lookup.office(session, office)
            result = DaySimulation(session, where, day, rng, per_day).run()
        issued, turned_away, expired = issued + result.issued, turned_away + result.turned_away, expired + result.expired
        if progress:
            progress(result)
    return SimulationSummary(first, first + timedelta(days=days - 1), days, issued, turned_away, expired)
