"""Erlang C: the M/M/c queue's answer to "how many counters", the check on the simulator.

With Poisson arrivals at rate λ, exponential service of mean S and c counters serving one
first-come first-served queue, the offered load is a = λS erlangs, and for c > a

    P(wait > t) = C(c, a) · exp(-(c - a) t / S),

where C(c, a) is the Erlang C probability that a citizen waits at all. The planner's
simulator must agree with it in that stationary case (tests/plan/test_erlang_agreement.py);
the pointwise-stationary answer per half-hour also gives the search its starting point.
"""

from __future__ import annotations

import math


def wait_probability(counters: int, load: float) -> float:
    """Erlang C: the probability that an arriving citizen has to wait (1.0 if unstable).

    Computed through the Erlang B recursion, which stays exact for hundreds of counters
    where the textbook factorials would overflow.
    """
    if counters <= load:
        return 1.0
    blocking = 1.0
    for k in range(1, counters + 1):
        blocking = load * blocking / (k + load * blocking)
    return counters * blocking / (counters - load * (1.0 - blocking))


def within(counters: int, *, arrivals_per_hour: float, service_minutes: float, wait_minutes: float) -> float:
    """P(wait ≤ ``wait_minutes``) for an M/M/c queue with ``counters`` counters."""
    load = arrivals_per_hour * service_minutes / 60.0
    if load <= 0:
        return 1.0
    if counters <= load:
        return 0.0
    return 1.0 - wait_probability(counters, load) * math.exp(-(counters - load) * wait_minutes / service_minutes)


def fewest(*, arrivals_per_hour: float, service_minutes: float, wait_minutes: float, target: float) -> tuple[int, float]:
    """The fewest counters with P(wait ≤ T) ≥ ``target``, and that probability."""
    load = arrivals_per_hour * service_minutes / 60.0
    counters = max(1, math.floor(load) + 1)
    while (p := within(counters, arrivals_per_hour=arrivals_per_hour, service_minutes=service_minutes, wait_minutes=wait_minutes)) < target:
        counters += 1
    return counters, p
