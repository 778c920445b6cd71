"""Building a report never holds SQLite's write lock while the figures are computed.

``make_report`` (used by the CLI and by the supervisor's report view) refreshes the day
cache in a short write and then computes in a read transaction. Here the cache holds a
large synthetic half year, so computing takes a good part of a second; meanwhile a kiosk
issues tickets, and none may wait for the computation: had the report held the lock, the
first issue would wait for most of it, so each must take well under a third of the report's
time (a relative bound: on a loaded machine an issue may take 200 ms without anyone holding
the lock). The report is built in another process, as on the supervisor's PC: in one process
the two would also share Python's GIL, which says nothing about the database's lock.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select

from khiw.db import Database
from khiw.engine import issue
from khiw.engine.eventlog import last_event_id
from khiw.metrics.facts import TICKET, Outcome
from khiw.models import Office, Service, report_days
from khiw.reports.daycache import VERSION
from khiw.reports.data import make_report
from tests.fixtures import new_database, with_office

DAYS = 180
PER_DAY = 3000
NOW = datetime(2026, 10, 2, 5, 0, tzinfo=UTC)


def _fill_cache(db: Database) -> None:
    """A current day cache for the first half of fiscal year 2569 and the half before it."""
    rng = np.random.default_rng(3)
    with db.write() as session:
        office_id = session.execute(select(Office.id)).scalar_one()
        services = np.array(session.execute(select(Service.id)).scalars().all())
        head = int(last_event_id(session))
        first = date(2025, 4, 1)
        rows = []
        for n in range(2 * DAYS):
            day = first + timedelta(days=n)
            midnight = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000) - 7 * 3_600_000
            t = np.zeros(PER_DAY if n >= DAYS else 0, TICKET)
            if t.size:
                issued = midnight + 8 * 3_600_000 + np.sort(rng.integers(0, 8 * 3_600_000, t.size))
                t["ticket"] = np.arange(t.size) + n * PER_DAY
                t["number"] = np.arange(t.size) + 1
                t["service"] = rng.choice(services, t.size)
                t["outcome"] = Outcome.SERVED
                t["issued"] = issued
                t["first_call"] = t["last_call"] = issued + rng.integers(0, 1_800_000, t.size)
                t["start"] = t["first_call"] + 60_000
                t["finish"] = t["end"] = t["start"] + rng.integers(60_000, 900_000, t.size)
                t["counter"] = t["staff"] = -1
                t["calls"] = 1
            rows.append(
                {"office_id": office_id, "day": day, "version": VERSION, "watermark": head, "tickets": t.tobytes(), "counter_events": b"", "calls": b"", "reasons": {}}
            )
        session.execute(insert(report_days), rows)


def _report(url: str, ready: multiprocessing.synchronize.Event) -> float:
    """Build the report in this (other) process; the seconds it took."""
    db = Database(url)
    try:
        ready.set()
        started = time.perf_counter()
        make_report(db, period="2569-H1", now=NOW)
        return time.perf_counter() - started
    finally:
        db.dispose()


def test_a_kiosk_is_not_held_up_while_a_report_is_computed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'khiw.db'}"
    db = with_office(new_database(url))
    context = multiprocessing.get_context("spawn")
    try:
        _fill_cache(db)
        make_report(db, period="2569-H1", now=NOW)  # warm: nothing left to refresh
        ready = context.Manager().Event()
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            computing = pool.submit(_report, url, ready)
            assert ready.wait(60), "the report process did not start"
            time.sleep(0.05)  # past the (empty) refresh, into the computation
            waits = []
            while not computing.done():
                before = time.perf_counter()
                db.run(issue, service="TAX", now=NOW)
                waits.append(time.perf_counter() - before)
                time.sleep(0.02)
            took = computing.result()
        assert took > 0.3, f"the report took only {took:.2f} s: too little to measure against"
        assert len(waits) >= 3 and max(waits) < took / 3, (round(took, 3), [round(w, 3) for w in waits])
    finally:
        db.dispose()
