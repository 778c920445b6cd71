"""The stationary case: one service, Poisson arrivals, exponential service, c counters.

``khiw plan --arrivals-per-hour A --service-minutes S`` answers it with the simulator, not the
formula, so that comparing the two (Erlang C) tests the simulator: the same loop and the
same call-order rule that plan an office's week. Each replication is a long stretch of
steady traffic. It starts with an empty office, which flatters the first hours, so their
citizens are not counted: a tenth of the run, or three relaxation times of the queue,
1 / (√(cμ) − √λ)², whichever is longer. Near full load the queue also swings slowly, over
many hours, so the counted stretch lasts at least 60 relaxation times as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from khiw.plan import erlang
from khiw.plan.parallel import map_tasks
from khiw.plan.simulate import CallRules, Tickets, run

WARM_UP = 0.1
RELAXATIONS = 3
CITIZENS = 4000  # counted per replication, at least
WINDOW_RELAXATIONS = 60  # ... and enough for 60 relaxation times, up to MAX_CITIZENS
MAX_CITIZENS = 250_000
REPLICATIONS = 16


@dataclass(frozen=True)
class StationaryAnswer:
    """The fewest counters by simulation, its probability (with a 10–90 % range) and Erlang C's."""

    arrivals_per_hour: float
    service_minutes: float
    wait_minutes: float
    target: float
    counters: int
    probability: float
    low: float
    high: float
    erlang_counters: int
    erlang_probability: float
    replications: int
    citizens: int

    def to_json(self) -> dict[str, object]:
        return {
            "arrivals_per_hour": self.arrivals_per_hour,
            "service_minutes": self.service_minutes,
            "wait_minutes": self.wait_minutes,
            "target": self.target,
            "counters": self.counters,
            "probability": round(self.probability, 4),
            "range_10_90": [round(self.low, 4), round(self.high, 4)],
            "erlang_c": {"counters": self.erlang_counters, "probability": round(self.erlang_probability, 4)},
            "replications": self.replications,
            "citizens_per_replication": self.citizens,
        }


@dataclass(frozen=True)
class _Task:
    arrivals_per_hour: float
    service_minutes: float
    wait_minutes: float
    counters: int
    citizens: int
    seed: int


def stretch(arrivals_per_hour: float, service_minutes: float, counters: int, citizens: int = CITIZENS) -> tuple[int, int]:
    """Citizens skipped (warm-up) and counted in one replication."""
    capacity = counters * 60.0 / service_minutes
    relaxation_h = 1.0 / (math.sqrt(capacity) - math.sqrt(arrivals_per_hour)) ** 2
    per_relaxation = relaxation_h * arrivals_per_hour
    counted = min(max(citizens, math.ceil(WINDOW_RELAXATIONS * per_relaxation)), MAX_CITIZENS)
    return max(int(counted * WARM_UP), math.ceil(RELAXATIONS * per_relaxation)), counted


def _replication(task: _Task) -> float:
    """The share of citizens (after the warm-up) called within the wait limit."""
    rng = np.random.default_rng(task.seed)
    skipped, counted = stretch(task.arrivals_per_hour, task.service_minutes, task.counters, task.citizens)
    total = skipped + counted
    arrive = np.cumsum(rng.exponential(3600.0 / task.arrivals_per_hour, total))
    tickets = Tickets(
        arrive=arrive,
        service=np.zeros(total, dtype=np.int64),
        priority=np.zeros(total, dtype=bool),
        occupy=rng.exponential(task.service_minutes * 60.0, total),
    )
    # One slot from 0 to the last arrival: c counters all along, then they drain the queue.
    waits = run(tickets, boundaries=[0.0, float(arrive[-1])], staffing=[task.counters], orders=[[0]] * task.counters, rules=CallRules())
    return float(np.mean(waits[skipped:] <= task.wait_minutes * 60.0 + 1e-9))


def probability(
    counters: int,
    *,
    arrivals_per_hour: float,
    service_minutes: float,
    wait_minutes: float,
    replications: int = REPLICATIONS,
    citizens: int = CITIZENS,
    seed: int = 0,
    workers: int | None = None,
) -> np.ndarray:
    """Simulated P(wait ≤ T) with ``counters`` counters, one value per replication."""
    tasks = [_Task(arrivals_per_hour, service_minutes, wait_minutes, counters, citizens, seed * 1_000_003 + r) for r in range(replications)]
    return np.array(map_tasks(_replication, tasks, workers=workers))


def fewest(
    *,
    arrivals_per_hour: float,
    service_minutes: float,
    wait_minutes: float,
    target: float,
    replications: int = REPLICATIONS,
    citizens: int = CITIZENS,
    seed: int = 0,
    workers: int | None = None,
) -> StationaryAnswer:
    """The fewest counters whose simulated P(wait ≤ T) reaches ``target``.

    The search starts at the formula's answer (only to save runs) and walks down while the
    simulation still meets the target, up while it does not: the simulation decides.
    """
    if arrivals_per_hour <= 0 or service_minutes <= 0 or wait_minutes < 0 or not 0 < target < 1:
        raise ValueError("arrivals and service time must be positive, the wait limit not negative, the target between 0 and 1")
    formula_c, formula_p = erlang.fewest(arrivals_per_hour=arrivals_per_hour, service_minutes=service_minutes, wait_minutes=wait_minutes, target=target)
    stable = math.floor(arrivals_per_hour * service_minutes / 60.0) + 1  # fewer and the queue grows without end
    seen: dict[int, np.ndarray] = {}

    def sim(c: int) -> float:
        if c not in seen:
            seen[c] = probability(
                c, arrivals_per_hour=arrivals_per_hour, service_minutes=service_minutes, wait_minutes=wait_minutes,
                replications=replications, citizens=citizens, seed=seed, workers=workers,
            )
        return float(seen[c].mean())

    c = formula_c
    if sim(c) >= target:
        while c - 1 >= stable and sim(c - 1) >= target:
            c -= 1
    else:
        while sim(c) < target:
            c += 1
    runs = seen[c]
    return StationaryAnswer(
        arrivals_per_hour=arrivals_per_hour,
        service_minutes=service_minutes,
        wait_minutes=wait_minutes,
        target=target,
        counters=c,
        probability=float(runs.mean()),
        low=float(np.percentile(runs, 10)),
        high=float(np.percentile(runs, 90)),
        erlang_counters=formula_c,
        erlang_probability=formula_p,
        replications=replications,
        citizens=stretch(arrivals_per_hour, service_minutes, c, citizens)[1],
    )
