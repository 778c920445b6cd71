"""A PC that freezes inside a transaction (PostgreSQL) holds nobody up for long.

The frozen process keeps the event-log lock; the server's ``idle_in_transaction_session_timeout``
cuts it off and rolls its transaction back, and the other processes, whose lock waits end after
``lock_timeout``, run their transactions again: each completes within :data:`BOUND_SECONDS`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import psycopg
import pytest

from khiw.db import PG_TIMEOUTS, Database
from tests.engine import workers
from tests.engine.test_concurrency import busy_office, check_invariants  # noqa: F401 (fixture)
from tests.fixtures import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.pg]

#: The documented bound (README): the stuck client is cut off after the idle timeout, and a
#: waiter's lock wait may have started just before that, plus two seconds of slack for a busy CI.
BOUND_SECONDS = (PG_TIMEOUTS["idle_in_transaction_session_timeout"] + PG_TIMEOUTS["lock_timeout"]) / 1000 + 2


@pytest.fixture
def pool() -> Iterator[ProcessPoolExecutor]:
    """Four worker processes, started before the lock is taken (starting one takes a second)."""
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as workers_pool:
        assert len(set(workers_pool.map(workers.warm, [0.5] * 4))) == 4
        yield workers_pool


@pytest.fixture
def stopped_client(busy_office: Database, pool: ProcessPoolExecutor) -> Iterator[int]:  # noqa: F811
    """A process that holds the event-log lock inside an open transaction, then is stopped."""
    if busy_office.is_sqlite:
        pytest.skip("SQLite has no server to cut a client off; its bounded busy wait is tested in test_db")
    url = busy_office.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.engine.workers", url, "stuck"], cwd=ROOT, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    line = proc.stdout.readline().decode()
    assert line.startswith("L"), line
    os.kill(proc.pid, signal.SIGSTOP)
    try:
        yield int(line[1:])
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()


def backend_alive(db: Database, pid: int) -> bool:
    admin = db.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone() == (1,)


def test_a_stopped_client_holding_the_event_lock_holds_nobody_up(
    busy_office: Database,  # noqa: F811
    pool: ProcessPoolExecutor,
    stopped_client: int,
) -> None:
    url = busy_office.url.render_as_string(hide_password=False)
    issuers = [pool.submit(workers.timed_issuer, url, 10, seed) for seed in range(2)]
    callers = [pool.submit(workers.timed_caller, url, n, 5) for n in (1, 2)]
    issued = [row for f in issuers for row in f.result(timeout=120)]
    served = [row for f in callers for row in f.result(timeout=120)]
    slowest = max(seconds for _, seconds in issued + served)
    assert len(issued) == 20 and len(served) == 10
    assert slowest < BOUND_SECONDS, f"an operation waited {slowest:.1f} s"
    assert slowest > 1, "the stuck client did not hold anybody up: the test did not test"
    assert not backend_alive(busy_office, stopped_client), "the server did not cut the stuck client off"
    tickets = check_invariants(busy_office)
    # The stuck client's ticket was rolled back: only the 20 issued here exist, numbered from 1.
    assert sorted(t.code for t in tickets) == sorted(code for code, _ in issued)
