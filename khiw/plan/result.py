"""The staffing plan as typed, frozen results: what the CLI, the counter view and the PDF read.

Every simulated figure is a :class:`Range`: the value over all replications together and
the 10th and 90th percentiles across replications, so that nobody reads a simulated 91 % as
a promise. Waits are in minutes, shares are fractions 0–1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from khiw.plan.model import WEEKDAYS_EN, WEEKDAYS_TH
from khiw.plan.whatif import Scenario


@dataclass(frozen=True)
class Range:
    """A simulated figure: ``value`` over every replication, ``low``–``high`` its 10–90 % spread."""

    value: float
    low: float
    high: float

    def to_json(self, digits: int = 3) -> dict[str, float | None]:
        """Rounded; a figure with nothing behind it (no citizen simulated) is null, not NaN."""
        return {key: None if math.isnan(v) else round(v, digits) for key, v in (("value", self.value), ("p10", self.low), ("p90", self.high))}


@dataclass(frozen=True)
class Waits:
    """How a staffing served the citizens: share within the wait limit, median and 90th percentile wait."""

    within: Range
    median_minutes: Range
    p90_minutes: Range

    def to_json(self) -> dict[str, Any]:
        return {"within_limit": self.within.to_json(), "median_wait_minutes": self.median_minutes.to_json(1), "p90_wait_minutes": self.p90_minutes.to_json(1)}


@dataclass(frozen=True)
class SlotPlan:
    """One half-hour of one weekday.

    ``counters_open``: the mean open in the period; ``evaluated``: the count simulated for the
    "how would it fare" figures (the period's, rounded, or the scenario's); ``assignments``:
    of the recommended counters, how many take each service first.
    """

    start: str
    arrivals: float
    load: float
    counters_open: float
    evaluated: int
    recommended: int
    assignments: dict[str, int]
    within_recommended: Range | None
    within_evaluated: Range | None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "arrivals": round(self.arrivals, 2),
            "load_erlangs": round(self.load, 2),
            "counters_open": round(self.counters_open, 2),
            "counters_evaluated": self.evaluated,
            "recommended": self.recommended,
            "assignments": self.assignments,
            "within_limit_recommended": self.within_recommended.to_json() if self.within_recommended else None,
            "within_limit_evaluated": self.within_evaluated.to_json() if self.within_evaluated else None,
        }


@dataclass(frozen=True)
class HourPlan:
    """One hour of a weekday, for tables by hour: the busier half-hour's recommendation."""

    hour: int
    arrivals: float
    counters_open: float
    recommended: int
    assignments: dict[str, int]

    @property
    def label(self) -> str:
        """``10.00–11.00`` (Thai style)."""
        return f"{self.hour:02d}.00–{self.hour + 1:02d}.00"

    @property
    def short(self) -> bool:
        """Fewer counters were open (on average) than the plan recommends."""
        return self.recommended > self.counters_open + 0.5


@dataclass(frozen=True)
class DayPlan:
    """One weekday: the recommendation and how the evaluated staffing would fare."""

    weekday: int
    days_observed: int
    slots: tuple[SlotPlan, ...]
    recommended: Waits
    evaluated: Waits | None
    counter_hours_recommended: float
    counter_hours_evaluated: float
    converged: bool

    @property
    def name_th(self) -> str:
        return WEEKDAYS_TH[self.weekday]

    def by_hour(self) -> list[HourPlan]:
        """The half-hours folded into hours: the most counters either half needs, the mean open."""
        hours: dict[int, list[SlotPlan]] = {}
        for slot in self.slots:
            hours.setdefault(int(slot.start[:2]), []).append(slot)
        out = []
        for hour, slots in sorted(hours.items()):
            busiest = max(slots, key=lambda s: s.recommended)
            out.append(
                HourPlan(
                    hour=hour,
                    arrivals=sum(s.arrivals for s in slots),
                    counters_open=sum(s.counters_open for s in slots) / len(slots),
                    recommended=busiest.recommended,
                    assignments=busiest.assignments,
                )
            )
        return out

    @property
    def name_en(self) -> str:
        return WEEKDAYS_EN[self.weekday]

    def to_json(self) -> dict[str, Any]:
        return {
            "weekday": self.name_en,
            "weekday_th": self.name_th,
            "days_observed": self.days_observed,
            "counter_hours_recommended": round(self.counter_hours_recommended, 1),
            "counter_hours_evaluated": round(self.counter_hours_evaluated, 1),
            "recommended": self.recommended.to_json(),
            "evaluated": self.evaluated.to_json() if self.evaluated else None,
            "converged": self.converged,
            "slots": [s.to_json() for s in self.slots],
        }


@dataclass(frozen=True)
class ServiceSummary:
    """What was estimated for one service (per open day, over the whole period)."""

    code: str
    name_th: str
    standard_minutes: float
    arrivals_per_day: float
    priority_share: float
    no_show_share: float
    mean_counter_minutes: float

    def to_json(self) -> dict[str, Any]:
        return {
            "service": self.code,
            "name_th": self.name_th,
            "standard_minutes": self.standard_minutes,
            "arrivals_per_day": round(self.arrivals_per_day, 1),
            "priority_share": round(self.priority_share, 3),
            "no_show_share": round(self.no_show_share, 3),
            "mean_counter_minutes": round(self.mean_counter_minutes, 2),
        }


@dataclass(frozen=True)
class StaffingPlan:
    """The plan of an office's week from one period's history, under one scenario."""

    office_code: str
    office_name_th: str
    period_code: str
    period_label_th: str
    target: float
    wait_minutes: float
    replications: int
    scenario: Scenario
    evaluated_is_history: bool
    services: tuple[ServiceSummary, ...]
    days: tuple[DayPlan, ...]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "office": self.office_code,
            "period": self.period_code,
            "target": self.target,
            "wait_minutes": self.wait_minutes,
            "replications": self.replications,
            "scenario": self.scenario.to_json(),
            "evaluated_staffing": "period" if self.evaluated_is_history else "scenario",
            "units": {"waits": "minutes", "shares": "fraction 0-1", "ranges": "10th-90th percentile across replications"},
            "services": [s.to_json() for s in self.services],
            "days": [d.to_json() for d in self.days],
            "seconds": round(self.seconds, 2),
        }
