"""The planner's simulator calls citizens in exactly the engine's order.

The same citizens (services, lanes, arrival minutes) go through the real engine on a real
database and through :func:`khiw.plan.simulate.run`; both must call them in the same order,
with the priority interleave and the max-wait rule both at work.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from khiw.db import Database
from khiw.engine import call_next, finish, issue, lookup, start
from khiw.models import Priority
from khiw.plan.simulate import CallRules, Tickets, run
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)
E, N = Priority.ELDERLY, Priority.NONE
# Counter 1 of the example office serves TAX, then INF; max wait 60 min, 2 normal per priority.
CITIZENS = [
    ("INF", N), ("TAX", N), ("TAX", E), ("INF", E), ("TAX", N), ("TAX", N), ("INF", N),
    ("TAX", E), ("TAX", N), ("INF", N), ("TAX", E), ("TAX", N), ("INF", E), ("TAX", N),
]
FIRST_CALL, EVERY = 40, 5  # minutes


def engine_order(db: Database) -> list[int]:
    codes = [db.run(issue, service=s, priority=p, now=MORNING + i * MINUTE).ticket.code for i, (s, p) in enumerate(CITIZENS)]
    called = []
    for k in range(len(CITIZENS)):
        now = MORNING + (FIRST_CALL + EVERY * k) * MINUTE
        ticket = db.run(call_next, counter=1, now=now).ticket
        db.run(start, ticket=ticket.id, now=now)
        db.run(finish, ticket=ticket.id, now=now + MINUTE)
        called.append(codes.index(ticket.code))
    return called


def simulated_order(rules: CallRules) -> list[int]:
    services = ["TAX", "INF"]
    n = len(CITIZENS)
    tickets = Tickets(
        arrive=np.arange(n) * 60.0,
        service=np.array([services.index(s) for s, _ in CITIZENS]),
        priority=np.array([p.is_priority for _, p in CITIZENS]),
        occupy=np.full(n, EVERY * 60.0),
    )
    opens = FIRST_CALL * 60.0
    waits = run(tickets, boundaries=[opens, opens + 1], staffing=[1], orders=[[0, 1]], rules=rules)
    return [int(i) for i in np.argsort(tickets.arrive + waits)]


def test_the_simulator_calls_in_the_engines_order(office: Database) -> None:
    policy = office.query(lambda s: lookup.policy(lookup.office(s, None)))
    assert (policy.normal_per_priority, policy.max_wait_minutes) == (2, 60)
    rules = CallRules(normal_per_priority=2, max_wait_s=60 * 60.0)
    expected = engine_order(office)
    assert simulated_order(rules) == expected
    # The rules did something: neither plain arrival order nor the order without max-wait.
    assert expected != sorted(expected)
    assert simulated_order(CallRules(normal_per_priority=2, max_wait_s=None)) != expected


def test_counters_follow_the_schedule_and_drain_the_queue() -> None:
    # 6 citizens at once, 10 minutes each; 2 counters from 0 to 600 s, then 1 until done.
    tickets = Tickets(np.zeros(6), np.zeros(6, dtype=np.int64), np.zeros(6, dtype=bool), np.full(6, 600.0))
    waits = run(tickets, boundaries=[0.0, 600.0, 1200.0], staffing=[2, 1], orders=[[0], [0]], rules=CallRules())
    assert waits.tolist() == [0.0, 0.0, 600.0, 1200.0, 1800.0, 2400.0]


@pytest.mark.parametrize("closed_until", [0.0, 900.0])
def test_nobody_is_called_before_the_first_counter_opens(closed_until: float) -> None:
    tickets = Tickets(np.array([0.0, 60.0]), np.zeros(2, dtype=np.int64), np.zeros(2, dtype=bool), np.array([30.0, 30.0]))
    waits = run(tickets, boundaries=[closed_until, closed_until + 1800], staffing=[1], orders=[[0]], rules=CallRules())
    assert waits[0] == closed_until
    assert waits[1] == pytest.approx(max(closed_until + 30 - 60, 0.0))
