"""The planner's entry points for the CLI and the counter view (they never touch SQL)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from khiw.db import Database
from khiw.plan.estimate import read_model, refresh
from khiw.plan.model import OfficeModel
from khiw.plan.result import DayPlan, Range, SlotPlan, StaffingPlan, Waits
from khiw.plan.search import Settings, plan
from khiw.plan.whatif import Scenario, ScenarioError
from khiw.reports.periods import Period

__all__ = [
    "DayPlan",
    "OfficeModel",
    "Range",
    "Scenario",
    "ScenarioError",
    "Settings",
    "SlotPlan",
    "StaffingPlan",
    "Waits",
    "plan",
    "load_model",
    "make_plan",
    "office_model",
]


def load_model(session: Session, *, period: Period, office: str | None = None) -> OfficeModel:
    """Refresh the period's day cache and estimate the model, in one (write) transaction.

    For a station's operation runner, which runs one operation per transaction; the
    simulation that follows needs no database and runs outside it.
    """
    refresh(session, period=period, office=office)
    return read_model(session, period=period, office=office)


def office_model(db: Database, *, period: Period, office: str | None = None) -> OfficeModel:
    """The office's model from ``period``'s events: a short write (the day cache), then a read."""
    db.run(refresh, period=period, office=office)
    return db.query(read_model, period=period, office=office)


def make_plan(
    db: Database,
    *,
    period: Period,
    office: str | None = None,
    scenario: Scenario | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
) -> StaffingPlan:
    """Estimate from ``period`` and plan the week; the simulation runs outside any transaction."""
    return plan(office_model(db, period=period, office=office), scenario=scenario, settings=settings, workers=workers)
