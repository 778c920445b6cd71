"""Costs that must not grow: each hot-path operation with a long queue and a long history.

    .venv/bin/python -m bench.growth [--db sqlite pg] [--waiting 0 1000 10000 50000]
                                     [--history 1000000] [--rounds 15]

For each database and each scenario (an empty office; 1,000 / 10,000 / 50,000 tickets
waiting; an empty queue over a ``--history``-event past, written by SQL) it times, as a
station runs them (one transaction each): issuing a ticket, calling the next one, and each
station's read after that change: the board, the counter's snapshot, the kiosk's status and
the phone page's live read. Prints the median milliseconds, and each figure's ratio to the
empty office. Target (issue #11): every figure within 2x of the empty office's.

The phone page read is always that of a ticket still waiting at the back of the queue (issued,
untimed, after the call): in the empty office only the few tickets of earlier rounds are ahead
of it, with 50,000 waiting all of them are. (Reading the timed issue's ticket, as this bench
first did, measured a ticket the call had just taken in the empty office, whose page computes
no place at all, against a waiting one everywhere else.)
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bench.common import office_database
from khiw.clock import local_day
from khiw.db import Database
from khiw.engine import call_next, issue, no_show
from khiw.engine.board import board_state
from khiw.engine.citizen import live_tickets
from khiw.engine.counter_snapshot import read_counter_snapshot
from khiw.engine.eventlog import last_event_id
from khiw.engine.status import office_status
from tests.fixtures import MORNING
from tests.history import add_history, add_waiting

NOW = MORNING + timedelta(minutes=55)  # 09:55 in Bangkok: every queue open
OPERATIONS = ("issue", "call next", "board read", "counter snapshot", "kiosk status", "web live read")


def _prepare(db: Database, waiting: int, history: int) -> None:
    day = local_day(NOW, "Asia/Bangkok")
    if history:
        add_history(db, events=history, before=day)
    if waiting:
        # Queued over the last 50 minutes (inside the 60-minute maximum wait), one in five elderly.
        add_waiting(db, count=waiting, service="TAX", day=day, at=NOW - timedelta(minutes=50), priority_every=5, apart_ms=max(1, 3_000_000 // waiting))


def _time(op: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = op()
    return (time.perf_counter() - t0) * 1000, result


def measure(db: Database, rounds: int) -> dict[str, float]:
    """Median ms of each operation over ``rounds`` rounds of issue, call, reads, no-show."""
    times: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    for i in range(rounds + 1):  # the first round warms caches and connections up
        now = NOW + timedelta(seconds=i)
        took = {}
        took["issue"], _ = _time(lambda: db.run(issue, service="TAX", now=now))  # noqa: B023
        took["call next"], called = _time(lambda: db.run(call_next, counter=1, now=now))  # noqa: B023
        head = db.query(last_event_id)
        took["board read"], _ = _time(lambda: db.query(board_state, after=head - 1, now=now))  # noqa: B023
        took["counter snapshot"], _ = _time(lambda: db.query(read_counter_snapshot, counter=1))
        took["kiosk status"], _ = _time(lambda: db.query(office_status, now=now))  # noqa: B023

        page = db.run(issue, service="TAX", now=now).ticket  # waits at the back, whatever the scenario

        def live() -> None:
            db.query(live_tickets, tickets=[(page.id, page.token)], now=now)  # noqa: B023

        took["web live read"], _ = _time(live)
        db.run(no_show, ticket=called.ticket.id, now=now)  # frees the counter, not timed
        if i:
            for name, ms in took.items():
                times[name].append(ms)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", nargs="+", default=["sqlite", "pg"], choices=["sqlite", "pg"])
    parser.add_argument("--waiting", nargs="+", type=int, default=[1_000, 10_000, 50_000])
    parser.add_argument("--history", type=int, default=1_000_000, help="events of past days in the history scenario (0: none)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    scenarios = [("empty", 0, 0), *((f"{w:,} waiting", w, 0) for w in args.waiting)]
    if args.history:
        scenarios.append((f"{args.history:,} events", 0, args.history))
    for kind in args.db:
        results: dict[str, dict[str, float]] = {}
        for label, waiting, history in scenarios:
            with office_database(kind) as db:
                t0 = time.perf_counter()
                _prepare(db, waiting, history)
                prepared = time.perf_counter() - t0
                results[label] = measure(db, args.rounds)
                print(f"  [{kind}] {label}: prepared in {prepared:.1f} s", flush=True)
        base = results["empty"]
        print(f"\n{kind}: median ms (ratio to the empty office), {args.rounds} rounds")
        print(f"{'':<18}" + "".join(f"{label:>22}" for label, *_ in scenarios))
        for name in OPERATIONS:
            cells = "".join(f"{results[label][name]:>13.1f} ({results[label][name] / base[name]:>4.1f}x)" for label, *_ in scenarios)
            print(f"{name:<18}{cells}")
        print()


if __name__ == "__main__":
    main()
