"""Engine latency and throughput on SQLite and PostgreSQL.

    .venv/bin/python -m bench.engine [--rounds 500] [--procs 8] [--seconds 5]

Prints the median and p99 latency of issuing a ticket and of calling the next one (each a
whole transaction, as a station runs it), and tickets per second with several processes
issuing at once. Targets on the 2-core machine: medians under 5 ms, p99 under 20 ms, and at
least 300 tickets per second in aggregate on PostgreSQL.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from bench.common import office_database, summary
from khiw.db import Database
from khiw.engine import call_next, issue, no_show

SERVICES = ("TAX", "REG", "INF", "CMP")  # no daily caps: the throughput run issues thousands


def latencies(db: Database, rounds: int) -> tuple[list[float], list[float]]:
    issue_ms, call_ms = [], []
    for i in range(rounds):
        t0 = time.perf_counter()
        db.run(issue, service=SERVICES[i % len(SERVICES)])
        issue_ms.append((time.perf_counter() - t0) * 1000)
    for i in range(rounds):
        counter = 1 + i % 3  # counters 1-3 all serve INF and between them every service issued
        t0 = time.perf_counter()
        called = db.run(call_next, counter=counter)
        call_ms.append((time.perf_counter() - t0) * 1000)
        db.run(no_show, ticket=called.ticket.id)  # frees the counter, not timed
    return issue_ms, call_ms


def _issue_for(url: str, seconds: float, start_at: float, seed: int) -> int:
    db = Database(url)
    db.run(issue, service="INF")  # connect and warm up before the clock starts
    while time.time() < start_at:
        time.sleep(0.001)
    done, i = 0, seed
    while time.time() < start_at + seconds:
        db.run(issue, service=SERVICES[i % len(SERVICES)])
        done, i = done + 1, i + 1
    db.dispose()
    return done


def throughput(db: Database, procs: int, seconds: float) -> float:
    url = db.url.render_as_string(hide_password=False)
    start_at = time.time() + 3.0
    with ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("spawn")) as pool:
        counts = list(pool.map(_issue_for, [url] * procs, [seconds] * procs, [start_at] * procs, range(procs)))
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--procs", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=["sqlite", "pg"])
    args = parser.parse_args()
    for kind in ("sqlite", "pg"):
        if args.only and kind != args.only:
            continue
        with office_database(kind) as db:
            issue_ms, call_ms = latencies(db, args.rounds)
            print(f"{kind:<7} issue      {summary(issue_ms)}   ({args.rounds} rounds)")
            print(f"{kind:<7} call-next  {summary(call_ms)}")
        with office_database(kind) as db:
            rate = throughput(db, args.procs, args.seconds)
            print(f"{kind:<7} throughput {rate:7.0f} tickets/s with {args.procs} issuing processes")


if __name__ == "__main__":
    main()
