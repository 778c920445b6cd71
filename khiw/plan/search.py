"""The fewest counters per half-hour, found by simulating whole days.

Start from the pointwise-stationary guess (Erlang C for each half-hour on its own, less two,
never below the load itself), then iterate: simulate the day with every replication, find the
half-hours whose citizens are not served within the wait limit often enough, add one counter
to each of them, and again until none fails (the iterative staffing algorithm of Feldman,
Mandelbaum, Massey and Whitt, 2008). A whole day is simulated each time because a queue left
at 10:00 is still there at 10:30: half-hours are not independent.

Every round reuses the same random days (common random numbers), so a change between rounds
is the staffing's doing, not chance's. Weekdays are planned in parallel on every core.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

import numpy as np

from khiw.plan import erlang
from khiw.plan.day import SLOT_S, counter_orders, draw, loads
from khiw.plan.model import OfficeModel
from khiw.plan.parallel import map_tasks
from khiw.plan.result import DayPlan, Range, ServiceSummary, SlotPlan, StaffingPlan, Waits
from khiw.plan.simulate import run
from khiw.plan.whatif import Scenario, apply, staffing

MAX_ROUNDS = 15


@dataclass(frozen=True)
class Settings:
    """What "enough counters" means and how hard to look."""

    target: float = 0.9
    wait_minutes: float | None = None  # None: the office's own wait target
    replications: int = 40
    seed: int = 0


@dataclass
class _Days:
    """The replications' citizens: arrival half-hour and wait of each, per replication."""

    slots: list[np.ndarray] = field(default_factory=list)
    waits: list[np.ndarray] = field(default_factory=list)


def _simulate(model: OfficeModel, weekday: int, counts: np.ndarray, settings: Settings) -> _Days:
    orders = counter_orders(model, weekday, max(int(counts.max(initial=0)), 1))
    edges = [float(model.slot_start(j)) for j in range(model.slots + 1)]
    out = _Days()
    for r in range(settings.replications):
        rng = np.random.default_rng([settings.seed, weekday, r])
        tickets = draw(model, weekday, rng)
        waits = run(tickets, boundaries=edges, staffing=counts.tolist(), orders=orders, rules=model.rules)
        out.slots.append(((tickets.arrive - model.first_slot_s) // SLOT_S).astype(np.int64))
        out.waits.append(waits / 60.0)
    return out


def _within(days: _Days, slots: int, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Citizens and citizens called within ``limit`` minutes, per replication and half-hour."""
    count = np.zeros((len(days.waits), slots))
    hit = np.zeros((len(days.waits), slots))
    for r, (slot, wait) in enumerate(zip(days.slots, days.waits, strict=True)):
        np.add.at(count[r], slot, 1.0)
        np.add.at(hit[r], slot, (wait <= limit + 1e-9).astype(float))  # a never-called citizen (NaN) fails
    return count, hit


def _range(pooled: float, per_run: np.ndarray) -> Range:
    runs = per_run[~np.isnan(per_run)]
    if runs.size == 0:
        return Range(pooled, pooled, pooled)
    return Range(float(pooled), float(np.percentile(runs, 10)), float(np.percentile(runs, 90)))


def _waits(days: _Days, limit: float) -> Waits:
    every = np.concatenate(days.waits) if days.waits else np.zeros(0)
    every = np.where(np.isnan(every), np.inf, every)

    def stat(values: np.ndarray, fn: str) -> float:
        if values.size == 0:
            return math.nan
        return float(np.median(values) if fn == "median" else np.percentile(values, 90))

    per = [np.where(np.isnan(w), np.inf, w) for w in days.waits]
    return Waits(
        within=_range(float(np.mean(every <= limit + 1e-9)) if every.size else math.nan, np.array([np.mean(w <= limit + 1e-9) if w.size else math.nan for w in per])),
        median_minutes=_range(stat(every, "median"), np.array([stat(w, "median") for w in per])),
        p90_minutes=_range(stat(every, "p90"), np.array([stat(w, "p90") for w in per])),
    )


def _slot_ranges(count: np.ndarray, hit: np.ndarray) -> list[Range | None]:
    out: list[Range | None] = []
    for j in range(count.shape[1]):
        total = count[:, j].sum()
        if total == 0:
            out.append(None)
            continue
        per_run = np.divide(hit[:, j], count[:, j], out=np.full(count.shape[0], np.nan), where=count[:, j] > 0)
        out.append(_range(hit[:, j].sum() / total, per_run))
    return out


def _limit(model: OfficeModel, settings: Settings) -> float:
    """The wait limit in minutes: the settings', else the office's own target."""
    return float(settings.wait_minutes if settings.wait_minutes is not None else model.wait_target_minutes)


@dataclass(frozen=True)
class _Task:
    model: OfficeModel
    weekday: int
    scenario: Scenario
    settings: Settings


def start_counts(model: OfficeModel, weekday: int, settings: Settings) -> np.ndarray:
    """The pointwise-stationary starting point: Erlang C per half-hour, less two, at least the load."""
    load = loads(model, weekday).sum(axis=0)
    rate = np.array([svc.arrivals[weekday] for svc in model.services]).reshape(len(model.services), model.slots).sum(axis=0) * 60 / (SLOT_S / 60)
    counts = np.zeros(model.slots, dtype=np.int64)
    for j in range(model.slots):
        if rate[j] <= 0:
            continue
        minutes = load[j] * 60.0 / rate[j]
        guess, _ = erlang.fewest(
            arrivals_per_hour=float(rate[j]), service_minutes=minutes, wait_minutes=_limit(model, settings), target=settings.target
        )
        counts[j] = max(guess - 2, math.ceil(load[j]), 1)
    return counts


def plan_weekday(task: _Task) -> DayPlan:
    """The fewest counters for each half-hour of one weekday, and the evaluated staffing's waits."""
    model, weekday, settings = task.model, task.weekday, task.settings
    limit = _limit(model, settings)
    counts = start_counts(model, weekday, settings)
    converged = False
    for _ in range(MAX_ROUNDS):
        days = _simulate(model, weekday, counts, settings)
        count, hit = _within(days, model.slots, limit)
        total = count.sum(axis=0)
        share = np.divide(hit.sum(axis=0), total, out=np.ones(model.slots), where=total > 0)
        failing = (total > 0) & (share < settings.target)
        if not failing.any():
            converged = True
            break
        counts = counts + failing
    recommended = _slot_ranges(count, hit)

    evaluated_counts = staffing(model, task.scenario, weekday)
    evaluated: Waits | None = None
    within_evaluated: list[Range | None] = [None] * model.slots
    if evaluated_counts.any():
        other = _simulate(model, weekday, evaluated_counts, settings)
        evaluated = _waits(other, limit)
        within_evaluated = _slot_ranges(*_within(other, model.slots, limit))

    orders = counter_orders(model, weekday, max(int(counts.max(initial=0)), 1))
    load = loads(model, weekday).sum(axis=0)
    arrivals = np.array([svc.arrivals[weekday] for svc in model.services]).reshape(len(model.services), model.slots).sum(axis=0)
    slots = []
    for j in range(model.slots):
        homes: dict[str, int] = {}
        for k in range(int(counts[j])):
            code = model.services[orders[k][0]].code
            homes[code] = homes.get(code, 0) + 1
        slots.append(
            SlotPlan(
                start=model.slot_label(j),
                arrivals=float(arrivals[j]),
                load=float(load[j]),
                counters_open=float(model.counters_open[weekday, j]),
                evaluated=int(evaluated_counts[j]),
                recommended=int(counts[j]),
                assignments=homes,
                within_recommended=recommended[j],
                within_evaluated=within_evaluated[j],
            )
        )
    return DayPlan(
        weekday=weekday,
        days_observed=int(model.open_days[weekday]),
        slots=tuple(slots),
        recommended=_waits(days, limit),
        evaluated=evaluated,
        counter_hours_recommended=float(counts.sum()) * SLOT_S / 3600,
        counter_hours_evaluated=float(evaluated_counts.sum()) * SLOT_S / 3600,
        converged=converged,
    )


def plan(model: OfficeModel, *, scenario: Scenario | None = None, settings: Settings | None = None, workers: int | None = None) -> StaffingPlan:
    """Plan every open weekday of ``model`` under ``scenario`` (weekdays in parallel)."""
    scenario = scenario or Scenario()
    settings = settings or Settings()
    settings = replace(settings, wait_minutes=_limit(model, settings))
    started = time.perf_counter()
    changed = apply(model, scenario)
    tasks = [_Task(changed, w, scenario, settings) for w in changed.weekdays]
    days = map_tasks(plan_weekday, tasks, workers=workers)
    open_days = max(int(changed.open_days.sum()), 1)
    services = tuple(
        ServiceSummary(
            code=s.code,
            name_th=s.name_th,
            standard_minutes=s.standard_minutes,
            arrivals_per_day=float((s.arrivals * changed.open_days[:, None]).sum() / open_days),
            priority_share=s.priority_share,
            no_show_share=s.no_show_share,
            mean_counter_minutes=s.mean_occupy_s / 60.0,
        )
        for s in changed.services
    )
    return StaffingPlan(
        office_code=changed.office_code,
        office_name_th=changed.office_name_th,
        period_code=changed.period_code,
        period_label_th=changed.period_label_th,
        target=settings.target,
        wait_minutes=_limit(model, settings),
        replications=settings.replications,
        scenario=scenario,
        evaluated_is_history=not scenario.counters_per_hour,
        services=services,
        days=tuple(days),
        seconds=time.perf_counter() - started,
    )
