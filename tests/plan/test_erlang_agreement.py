"""The simulator against queueing theory: in the stationary case it must agree with Erlang C.

Poisson arrivals at A per hour, exponential service of S minutes, one service, no priority
lane: the fewest counters c with P(wait ≤ T) ≥ P found by simulation (``khiw plan
--arrivals-per-hour``) must be the formula's wherever the formula's probability is not
within 0.01 of P (there, sampling noise may honestly go either way), and the simulated
probability must be within ±0.02 of the formula's. The quick grid covers the corners and the
middle of the issue's ranges; the full grid (every combination) is marked slow.
"""

from __future__ import annotations

import itertools

import pytest

from khiw.plan import erlang, stationary

QUICK = [
    # (A per hour, S minutes, T minutes, P)
    (5, 2, 0, 0.8),
    (5, 20, 0, 0.95),
    (5, 20, 30, 0.9),
    (20, 5, 5, 0.9),
    (30, 10, 15, 0.8),
    (60, 10, 5, 0.9),
    (60, 20, 0, 0.95),
    (120, 2, 0, 0.95),
    (120, 5, 30, 0.8),
    (120, 20, 5, 0.9),
]
FULL = list(itertools.product((5, 20, 60, 120), (2, 5, 10, 20), (0, 5, 15, 30), (0.8, 0.9, 0.95)))


def check(arrivals: float, service: float, wait: float, target: float) -> None:
    answer = stationary.fewest(arrivals_per_hour=arrivals, service_minutes=service, wait_minutes=wait, target=target, seed=1)
    formula_c, formula_p = erlang.fewest(arrivals_per_hour=arrivals, service_minutes=service, wait_minutes=wait, target=target)
    exact = erlang.within(answer.counters, arrivals_per_hour=arrivals, service_minutes=service, wait_minutes=wait)
    assert answer.probability == pytest.approx(exact, abs=0.02), (answer, exact)
    if abs(formula_p - target) > 0.01 and abs(exact - target) > 0.01:
        assert answer.counters == formula_c, (answer, formula_c, formula_p)
    assert (answer.erlang_counters, answer.erlang_probability) == (formula_c, pytest.approx(formula_p))


@pytest.mark.parametrize(("arrivals", "service", "wait", "target"), QUICK)
def test_simulation_agrees_with_erlang_c(arrivals: float, service: float, wait: float, target: float) -> None:
    check(arrivals, service, wait, target)


@pytest.mark.slow
@pytest.mark.parametrize(("arrivals", "service", "wait", "target"), [case for case in FULL if case not in QUICK])
def test_simulation_agrees_with_erlang_c_over_the_full_grid(arrivals: float, service: float, wait: float, target: float) -> None:
    check(arrivals, service, wait, target)
