"""Estimating demand from history: the planner recovers the profile a simulation was made from."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from khiw.db import Database
from khiw.engine import call_next, finish, issue, start
from khiw.models import Priority
from khiw.plan.api import OfficeModel, office_model
from khiw.plan.model import SLOT_MINUTES
from khiw.reports.periods import days, parse_period
from khiw.simulation import profile
from tests.fixtures import MORNING
from tests.plan.conftest import LOAD, PERIOD


@pytest.fixture(scope="module")
def model(history: str) -> OfficeModel:
    db = Database(history)
    try:
        return office_model(db, period=parse_period(PERIOD))
    finally:
        db.dispose()


def profile_rate(start_s: int) -> float:
    """Citizens per ordinary weekday (factor 1.0) in the half-hour starting ``start_s`` after midnight."""
    first = profile.FIRST_HALF_HOUR.hour * 3600 + profile.FIRST_HALF_HOUR.minute * 60
    index = (start_s - first) // (SLOT_MINUTES * 60)
    opens, closes = 8 * 3600 + 30 * 60, 16 * 3600 + 30 * 60  # the example office's hours
    usable = [w for i, w in enumerate(profile.HALF_HOURS) if opens <= first + i * SLOT_MINUTES * 60 < closes]
    return LOAD * profile.HALF_HOURS[index] / sum(usable)


def test_arrival_rates_within_15_percent_of_the_profile_at_the_busy_hours(model: OfficeModel) -> None:
    weekdays = np.array(profile.WEEKDAY)
    total = sum(s.arrivals for s in model.services) * model.open_days[:, None]  # tickets per weekday and slot
    ordinary_days = float((model.open_days * weekdays).sum())
    estimated = total.sum(axis=0) / ordinary_days
    busy = [j for j in range(model.slots) if profile_rate(model.slot_start(j)) >= 0.8 * max(profile_rate(model.slot_start(k)) for k in range(model.slots))]
    assert len(busy) >= 4
    hours = sorted({model.slot_start(j) // 3600 for j in busy})
    for hour in hours:
        slots = [j for j in busy if model.slot_start(j) // 3600 == hour]
        want = sum(profile_rate(model.slot_start(j)) for j in slots)
        got = float(estimated[slots].sum())
        assert got == pytest.approx(want, rel=0.15), (hour, got, want)


def test_weekdays_lanes_and_counter_times_come_from_the_history(model: OfficeModel) -> None:
    assert model.open_days.tolist() == [2, 2, 2, 2, 2, 0, 0]
    assert model.weekdays == [0, 1, 2, 3, 4]
    assert [s.code for s in model.services] == ["TAX", "REG", "WEL", "BLD", "CMP", "INF"]
    offered = sum(profile.PRIORITY_SHARE.values())
    for svc in model.services:
        assert svc.priority_share == pytest.approx(offered, abs=0.08)
        # Service times scatter around 70 % of the standard, plus walking up: well below it on average.
        assert 0.4 * svc.standard_minutes < svc.mean_occupy_s / 60 < 1.2 * svc.standard_minutes
    assert model.counters_open.max() <= 4  # the example office has four counters
    assert model.counters_open[0].max() > 3


def test_one_known_day_is_estimated_exactly_on_both_databases(office: Database) -> None:
    # Friday 20 November 2026 from 09:00 local: three TAX citizens (one elderly) served at counter 1.
    minute = timedelta(minutes=1)
    arrivals = [(0, Priority.NONE), (5, Priority.ELDERLY), (35, Priority.NONE)]
    for at, priority in arrivals:
        office.run(issue, service="TAX", priority=priority, now=MORNING + at * minute)
    for k, (at, _) in enumerate(arrivals):
        called_at = MORNING + (at + 1 + k) * minute
        ticket = office.run(call_next, counter=1, now=called_at).ticket
        office.run(start, ticket=ticket.id, now=called_at + minute)
        office.run(finish, ticket=ticket.id, now=called_at + (4 + k) * minute)
    model = office_model(office, period=days(date(2026, 11, 20), date(2026, 11, 20)))
    assert model.open_days.tolist() == [0, 0, 0, 0, 1, 0, 0]
    assert (model.slot_label(0), model.slots) == ("09:00", 2)
    tax = next(s for s in model.services if s.code == "TAX")
    assert tax.arrivals[4].tolist() == [2.0, 1.0]
    assert tax.priority_share == pytest.approx(1 / 3)
    assert sorted(tax.occupy_s.tolist()) == [240.0, 300.0, 360.0]  # first call to finish
    assert tax.no_show_share == 0.0
    assert all(s.arrivals.sum() == 0 for s in model.services if s.code != "TAX")
    assert model.counters_open[4, 0] > 0  # counter 1 opened with its first call
