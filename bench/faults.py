"""Faults that must lose nothing: processes killed mid-write, and a client stuck holding a lock.

    .venv/bin/python -m bench.faults [--kills 8] [--db sqlite|pg|both]

- **SIGKILL storm** (SQLite and PostgreSQL): three processes issue, call, start and finish
  tickets without pause; one of them is killed with SIGKILL every 1.5–3 s and replaced. After
  each kill the invariants are checked (no number issued twice or skipped, no ticket called or
  served twice, every ticket with exactly one ISSUED event, the hash chain intact).
- **Stuck client** (PostgreSQL): a process takes the event-log lock inside a transaction and
  is stopped (SIGSTOP); four processes keep issuing and serving. Every operation must finish
  within the documented bound (README: about 8 s), the stuck transaction must be rolled back.

Prints operations completed, invariant checks passed, the slowest operation and data lost
(tickets a process saw committed that the database does not hold: must be 0).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import psycopg
from sqlalchemy import func, select

from bench.common import office_database
from khiw.config import CounterConfig
from khiw.db import PG_TIMEOUTS, Database
from khiw.engine.setup import apply_config
from khiw.models import Ticket, TicketStatus
from tests.engine import workers
from tests.engine.test_concurrency import check_invariants
from tests.fixtures import MORNING, ROOT, office_config

CHECKS_PER_ROUND = 6  # the assertions of check_invariants
BOUND_SECONDS = (PG_TIMEOUTS["idle_in_transaction_session_timeout"] + PG_TIMEOUTS["lock_timeout"]) / 1000


def _spawn(url: str, *mode: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.engine.workers", url, *mode], cwd=ROOT, env=env, stdout=subprocess.PIPE)


def _served_by(proc: subprocess.Popen[bytes]) -> int:
    """Tickets the killed churn process reported finished (one dot each, after the commit)."""
    assert proc.stdout is not None
    dots = proc.stdout.read().count(b".")
    proc.stdout.close()
    return dots


def storm(db: Database, kills: int) -> None:
    """Churn processes killed one after another; invariants checked after every kill."""
    url = db.url.render_as_string(hide_password=False)
    rng = random.Random(12)
    # Each churn process serves at its own counter, so that a kill leaves at most one ticket open per counter.
    procs = {n: _spawn(url, "churn", str(n)) for n in (1, 2, 3)}
    served = checks = 0
    started = time.perf_counter()
    for _ in range(kills):
        time.sleep(rng.uniform(1.5, 3.0))  # a process needs about a second to start
        counter = rng.choice(list(procs))
        victim = procs[counter]
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        served += _served_by(victim)
        check_invariants(db)
        checks += CHECKS_PER_ROUND
        procs[counter] = _spawn(url, "churn", str(counter))
    for proc in procs.values():
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        served += _served_by(proc)
    tickets = check_invariants(db)
    checks += CHECKS_PER_ROUND
    done = sum(1 for t in tickets if t.status == TicketStatus.DONE)
    lost = max(0, served - done)
    print(
        f"  SIGKILL storm ({'SQLite' if db.is_sqlite else 'PostgreSQL'}): {kills} kills in {time.perf_counter() - started:.0f} s; "
        f"{len(tickets)} tickets issued, {done} served ({served} reported by the killed processes); "
        f"invariant checks passed: {checks}; data lost: {lost}"
    )


def stuck_client(db: Database) -> None:
    """One stopped process holds the event-log lock; the others carry on within the bound."""
    url = db.url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(workers.warm, [0.5] * 4))  # started and imported before the lock is taken
        stuck = _spawn(url, "stuck")
        assert stuck.stdout is not None
        backend = int(stuck.stdout.readline().decode()[1:])
        os.kill(stuck.pid, signal.SIGSTOP)
        started = time.perf_counter()
        try:
            issuers = [pool.submit(workers.timed_issuer, url, 15, seed) for seed in range(2)]
            callers = [pool.submit(workers.timed_caller, url, n, 10) for n in (1, 2)]
            issued = [row for f in issuers for row in f.result(timeout=300)]
            served = [row for f in callers for row in f.result(timeout=300)]
        finally:
            os.kill(stuck.pid, signal.SIGKILL)
            stuck.wait(timeout=10)
            stuck.stdout.close()
    tickets = check_invariants(db)
    codes = {t.code for t in tickets}
    lost = sum(1 for code, _ in issued if code not in codes)
    admin = db.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        cut_off = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (backend,)).fetchone() == (0,)
    with db.read() as s:
        extra = s.execute(select(func.count()).select_from(Ticket)).scalar_one() - len(issued)
    slowest = max(seconds for _, seconds in issued + served)
    print(
        f"  stuck client (PostgreSQL): {len(issued)} issued and {len(served)} served around it in {time.perf_counter() - started:.0f} s; "
        f"slowest operation {slowest:.1f} s (bound {BOUND_SECONDS:.0f} s); stuck client cut off: {'yes' if cut_off else 'NO'}; "
        f"its ticket rolled back: {'yes' if extra == 0 else 'NO'}; invariant checks passed: {CHECKS_PER_ROUND}; data lost: {lost}"
    )


def _busy(db: Database) -> Database:
    """Six counters serving TAX, REG and INF, as the concurrency tests use."""
    cfg = office_config()
    counters = [CounterConfig(number=n, services=["TAX", "REG", "INF"]) for n in range(1, 7)]
    db.run(apply_config, cfg.model_copy(update={"counters": counters}), now=MORNING)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--db", choices=["sqlite", "pg", "both"], default="both")
    args = parser.parse_args()
    for kind in ("sqlite", "pg") if args.db == "both" else (args.db,):
        with office_database(kind) as db:
            storm(_busy(db), args.kills)
        if kind == "pg":
            with office_database(kind) as db:
                stuck_client(_busy(db))


if __name__ == "__main__":
    main()
