"""What the planner knows about an office: its demand and service times, per half-hour.

Estimated from the office's own events (:mod:`khiw.plan.estimate`), changed by a what-if
(:mod:`khiw.plan.whatif`), simulated (:mod:`khiw.plan.day`). Plain numpy arrays and frozen
dataclasses, so that a model pickles cheaply to the worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from khiw.plan.simulate import CallRules

SLOT_MINUTES = 30
WEEKDAYS_TH = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ServiceModel:
    """One service's demand and counter time.

    ``arrivals[w, j]``: mean tickets in half-hour ``j`` of an open weekday ``w``. ``occupy_s``:
    the counter time of each citizen who came to the counter (first call to the end of the
    visit, walking up included), ``no_show_s`` of each who did not: both empirical, drawn
    from as they are rather than fitted to an assumed shape.
    """

    code: str
    name_th: str
    standard_minutes: float
    arrivals: np.ndarray
    priority_share: float
    no_show_share: float
    occupy_s: np.ndarray
    no_show_s: np.ndarray

    @property
    def mean_occupy_s(self) -> float:
        """Mean counter time per ticket, no-shows included."""
        served = float(self.occupy_s.mean()) if self.occupy_s.size else self.standard_minutes * 60.0
        missed = float(self.no_show_s.mean()) if self.no_show_s.size else 0.0
        return (1 - self.no_show_share) * served + self.no_show_share * missed


@dataclass(frozen=True)
class OfficeModel:
    """The office's week: services, the half-hours it serves, and the counters it had open.

    Slot ``j`` starts ``first_slot_s + j * SLOT_MINUTES * 60`` seconds after local midnight.
    ``open_days[w]``: how many days of weekday ``w`` the period had with any ticket (the
    averages' denominator; a weekday with none is closed). ``counters_open[w, j]``: mean
    counters open (signed in and not paused) in that half-hour. ``wait_target_minutes``: the
    office's own wait target, the default wait limit.
    """

    office_code: str
    office_name_th: str
    period_code: str
    period_label_th: str
    first_slot_s: int
    slots: int
    open_days: np.ndarray
    services: tuple[ServiceModel, ...]
    counters_open: np.ndarray
    rules: CallRules
    wait_target_minutes: float = 15.0

    def slot_start(self, j: int) -> int:
        """Seconds after local midnight at which slot ``j`` starts."""
        return self.first_slot_s + j * SLOT_MINUTES * 60

    def slot_label(self, j: int) -> str:
        """``08:30``."""
        start = self.slot_start(j)
        return f"{start // 3600:02d}:{start % 3600 // 60:02d}"

    @property
    def weekdays(self) -> list[int]:
        """The weekdays the office was open in the period (Monday = 0)."""
        return [w for w in range(7) if self.open_days[w] > 0]
