"""What-if: the supervisor's changes to the estimated office, before it is planned.

* ``arrivals_scale``: every service's arrivals times this (1.3 for a deadline day's +30 %).
* ``standards``: a service's new standard time in minutes. Service times in an office track
  their published standard, so the service's counter times are scaled by new ÷ old (a service
  cut from 15 to 10 minutes is modelled as taking two thirds as long).
* ``counters_per_hour``: the staffing to evaluate instead of the one the office actually had
  in the period: local hour → counters (an hour not named keeps what the period had), or
  one count for every hour (key ``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from khiw.plan.model import OfficeModel


class ScenarioError(ValueError):
    """A what-if the planner cannot read (the message says what was wrong)."""


@dataclass(frozen=True)
class Scenario:
    """Changes to apply; the default changes nothing."""

    arrivals_scale: float = 1.0
    standards: dict[str, float] = field(default_factory=dict)
    counters_per_hour: dict[int | None, int] = field(default_factory=dict)

    @property
    def is_baseline(self) -> bool:
        return self.arrivals_scale == 1.0 and not self.standards and not self.counters_per_hour

    def to_json(self) -> dict[str, object]:
        return {
            "arrivals_scale": self.arrivals_scale,
            "standards": dict(self.standards),
            "counters_per_hour": {("all" if h is None else f"{h:02d}"): c for h, c in self.counters_per_hour.items()},
        }


def apply(model: OfficeModel, scenario: Scenario) -> OfficeModel:
    """The model as the scenario would have it (counters are applied by :func:`staffing`)."""
    known = {s.code for s in model.services}
    unknown = sorted(set(scenario.standards) - known)
    if unknown:
        raise ScenarioError(f"unknown service {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    services = []
    for svc in model.services:
        factor = scenario.standards[svc.code] / svc.standard_minutes if svc.code in scenario.standards else 1.0
        services.append(
            replace(
                svc,
                arrivals=svc.arrivals * scenario.arrivals_scale,
                occupy_s=svc.occupy_s * factor,
                standard_minutes=scenario.standards.get(svc.code, svc.standard_minutes),
            )
        )
    return replace(model, services=tuple(services))


def staffing(model: OfficeModel, scenario: Scenario, weekday: int) -> np.ndarray:
    """Counters open per half-hour of ``weekday``: as in the period, or as the scenario says."""
    counts = np.rint(model.counters_open[weekday]).astype(np.int64)
    for j in range(model.slots):
        hour = model.slot_start(j) // 3600
        if hour in scenario.counters_per_hour:
            counts[j] = scenario.counters_per_hour[hour]
        elif None in scenario.counters_per_hour:
            counts[j] = scenario.counters_per_hour[None]
    return counts


_HOURS = re.compile(r"^\s*(\d{1,2})(?:[:.]00)?\s*=\s*(\d{1,3})\s*$")
_STANDARD = re.compile(r"^\s*([A-Za-z0-9_\-]{1,32})\s*=\s*(\d+(?:\.\d+)?)\s*$")


def parse_counters(text: str) -> dict[int | None, int]:
    """``4`` (every hour) or ``8=2,9=4,13=3`` (local hour = counters)."""
    text = text.strip()
    if text.isdigit():
        return {None: int(text)}
    out: dict[int | None, int] = {}
    for part in text.split(","):
        m = _HOURS.match(part)
        if not m or int(m.group(1)) > 23:
            raise ScenarioError(f"counters per hour: expected a number or HOUR=COUNTERS,... (e.g. 8=2,9=4), got {part.strip()!r}")
        out[int(m.group(1))] = int(m.group(2))
    return out


def parse_standard(text: str) -> tuple[str, float]:
    """``REG=10``: service code and its new standard time in minutes."""
    m = _STANDARD.match(text)
    if not m or float(m.group(2)) <= 0:
        raise ScenarioError(f"standard time: expected SERVICE=MINUTES (e.g. REG=10), got {text.strip()!r}")
    return m.group(1), float(m.group(2))
