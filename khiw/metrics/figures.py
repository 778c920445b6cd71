"""The report's figures as frozen dataclasses: the one contract between the computation and
its readers (the PDF, the workbook, the CSV/JSON export, the supervisor's view).

A reader names a figure as an attribute (``report.figures.totals.visits``), so a misspelt or
renamed figure fails when the code is checked, not when an executive opens the report.
Units: durations in seconds, counter time in hours, shares as fractions 0-1, ``None`` where
there is nothing to measure (shown as "–", never as 0). docs/metrics.md defines each one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from khiw.metrics.satisfaction import Satisfaction

FROZEN: dict[str, Any] = {"frozen": True, "kw_only": True}


@dataclass(**FROZEN)
class Durations:
    """Count, mean, median, 90th percentile and longest of some durations (seconds)."""

    n: int
    mean: float | None
    median: float | None
    p90: float | None
    max: float | None


@dataclass(**FROZEN)
class TicketFigures:
    """What happened to some tickets: outcomes, waits, walk-up and service times.

    ``visits`` counts citizens: a transfer continues a visit, so its new ticket is not a new
    visit. ``never_called`` tickets (cancelled or expired while waiting) are in ``wait_s``
    with their wait until they left.
    """

    issued: int
    visits: int
    called: int
    served: int
    no_show: int
    transferred: int
    cancelled: int
    expired: int
    open: int
    never_called: int
    wait_s: Durations
    walkup_s: Durations
    service_s: Durations
    wait_within_target: float | None
    wait_within_target_n: int
    standard_met: float | None
    standard_met_n: int
    standard_missed_waiting: int


@dataclass(**FROZEN)
class PauseHours:
    """Paused counter time by reason (hours)."""

    lunch: float
    meeting: float
    other: float


@dataclass(**FROZEN)
class CounterTime:
    """Signed-in, open, paused and serving hours, utilisation and throughput."""

    signed_in_h: float
    open_h: float
    paused_h: PauseHours
    serving_h: float
    utilisation: float | None
    served_per_open_hour: float | None


@dataclass(**FROZEN)
class Overtakes:
    """Tickets passed over by calls: by the engine's own rules or by calls out of its order."""

    overtaking_calls: int
    overtaken: int
    by_rule: int
    out_of_order: int
    out_of_order_calls: int


@dataclass(**FROZEN)
class Totals(TicketFigures, CounterTime):
    """The whole office over the period."""


@dataclass(**FROZEN)
class ServiceRow(TicketFigures):
    """One service."""

    service: str
    prefix: str
    name_th: str
    name_en: str
    standard_minutes: int


@dataclass(**FROZEN)
class CounterRow(TicketFigures, CounterTime, Overtakes):
    """One counter: the tickets it called last, its time, the overtakes of its calls."""

    counter: int
    name: str


@dataclass(**FROZEN)
class StaffRow(TicketFigures, CounterTime, Overtakes):
    """One staff member: the tickets they called last, their counter time, their overtakes."""

    staff: str
    name: str


@dataclass(**FROZEN)
class TimeFigures(TicketFigures):
    """Tickets issued in an hour of day or on a weekday, and counter time falling in it."""

    signed_in_h: float
    open_h: float
    serving_h: float
    finished_here: int
    utilisation: float | None
    served_per_open_hour: float | None


@dataclass(**FROZEN)
class HourRow(TimeFigures):
    """One local hour of the day (0-23)."""

    hour: int


@dataclass(**FROZEN)
class WeekdayRow(TimeFigures):
    """One weekday (0 = Monday)."""

    weekday: int


@dataclass(**FROZEN)
class PriorityRow(TicketFigures):
    """One priority class (``none`` is the normal lane)."""

    priority: str


@dataclass(**FROZEN)
class OutOfOrderCall:
    """A call outside the engine's order (``call_ticket``), with the reason the staff gave."""

    at_ms: int
    ticket: str
    service: str | None
    service_name_th: str | None
    counter: int | None
    counter_name: str | None
    staff: str | None
    staff_name: str | None
    overtook: int
    reason: str


@dataclass(**FROZEN)
class OvertakeSummary(Overtakes):
    """Every call of the period and the overtakes among them."""

    calls: int
    by_rule_calls: int
    out_of_order_list: tuple[OutOfOrderCall, ...]


@dataclass(**FROZEN)
class PriorityWait(Durations):
    """The wait of one priority class against the normal class."""

    priority: str
    mean_minus_normal_s: float | None


@dataclass(**FROZEN)
class RaqfmPool:
    """RAQFM of one service's queue: mean discrimination per class and its variance."""

    service: str
    name_th: str
    n: int
    mean_d_s: Mapping[str, float]
    mean_d_priority_s: float | None
    var_d_s2: float
    sum_d_s: float


@dataclass(**FROZEN)
class Raqfm:
    """RAQFM per pool and over all pools."""

    pools: tuple[RaqfmPool, ...]
    mean_d_s: Mapping[str, float]
    var_d_s2: float | None


@dataclass(**FROZEN)
class Fairness:
    """Overtakes, waits by priority class, RAQFM, Jain's index over citizens, Gini of waits."""

    overtakes: OvertakeSummary
    priority_waits: tuple[PriorityWait, ...]
    raqfm: Raqfm
    jain_citizens: float | None
    gini_wait: float | None


@dataclass(**FROZEN)
class HistogramBin:
    """Waits from ``from_min`` up to (not including) ``to_min`` minutes (``None``: no bound)."""

    from_min: int
    to_min: int | None
    tickets: int


@dataclass(**FROZEN)
class Compliance:
    """One service's share within its standard and share of waits within the target."""

    service: str
    name_th: str
    standard_met: float | None
    wait_within_target: float | None


@dataclass(**FROZEN)
class Charts:
    """The series the PDF and the view draw."""

    arrivals_by_hour: tuple[int, ...]
    wait_histogram: tuple[HistogramBin, ...]
    compliance_by_service: tuple[Compliance, ...]


@dataclass(**FROZEN)
class SettingsChange:
    """One field changed in the supervisor's admin tab (a ``settings_changed`` event): the
    report lists them so executives see who changed a standard time, a role or the hours."""

    at_ms: int
    at_local: str  # the office's date and time, as the report prints it
    event: int
    staff_name: str | None
    section: str
    key: str
    field: str
    old: str
    new: str


@dataclass(**FROZEN)
class Figures:
    """Every figure of a report."""

    totals: Totals
    by_service: tuple[ServiceRow, ...]
    by_counter: tuple[CounterRow, ...]
    by_staff: tuple[StaffRow, ...]
    by_hour: tuple[HourRow, ...]
    by_weekday: tuple[WeekdayRow, ...]
    by_priority: tuple[PriorityRow, ...]
    fairness: Fairness
    satisfaction: Satisfaction  # the ITA form, computed by khiw.metrics.satisfaction.satisfaction
    charts: Charts
    settings_changes: tuple[SettingsChange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Every figure as JSON-ready dicts and lists (the JSON report's body)."""
        return jsonable(self)


def jsonable(value: Any) -> Any:
    """A dataclass tree as plain dicts and lists (tuples become lists, times ISO 8601 text)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
