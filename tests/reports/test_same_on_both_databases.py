"""A report computed on SQLite and on PostgreSQL from the same history is the same report.

SQLite keeps times as text with microseconds; ``strftime('%s')`` used to round a fraction of
.9995 s or more up to the next second, so waits on SQLite came out a second off. The
history here is a simulated day plus a ticket whose steps fall at .999745 s and at whole seconds.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from khiw.db import Database
from khiw.engine import call_next, finish, issue, open_counter, start
from khiw.reports.data import make_report
from khiw.simulation import simulate
from tests.fixtures import MORNING, new_database, pg_problem, pg_schema_url, with_office
from tests.reports import scenario

FRACTION = timedelta(microseconds=999_745)


def _history(db: Database) -> dict[str, Any]:
    with_office(db)
    simulate(db, days=1, seed=11, start=date(2026, 11, 19))
    somchai = scenario.staff(db, "somchai")
    db.run(issue, service="INF", now=MORNING + FRACTION)
    db.run(open_counter, counter=3, actor=somchai, now=MORNING + 2 * FRACTION)
    db.run(call_next, counter=3, actor=somchai, now=MORNING + timedelta(seconds=101))
    db.run(start, ticket="F001", actor=somchai, now=MORNING + timedelta(seconds=160) + FRACTION)
    db.run(finish, ticket="F001", actor=somchai, now=MORNING + timedelta(seconds=401))
    out = {}
    for period in ("2026-11-19..2026-11-20", "2026-11-20"):
        report = make_report(db, period=period, now=MORNING + timedelta(days=1)).to_json()
        report.pop("generated_at")
        out[period] = report
    return out


@pytest.mark.pg
def test_sqlite_and_postgresql_give_the_same_report(tmp_path: Path) -> None:
    if pg_problem():
        pytest.skip(pg_problem())
    lite = new_database(f"sqlite:///{tmp_path / 'khiw.db'}")
    try:
        on_sqlite = _history(lite)
    finally:
        lite.dispose()
    with pg_schema_url() as url:
        pg = new_database(url)
        try:
            on_pg = _history(pg)
        finally:
            pg.dispose()
    day = on_sqlite["2026-11-20"]["totals"]
    # issued 09:00:00.999, called 09:01:41.000, started 09:02:40.999, finished 09:06:41.000
    assert day["wait_s"]["max"] == 100.001 and day["service_s"]["max"] == 240.001  # to the millisecond
    assert on_sqlite["2026-11-19..2026-11-20"]["totals"]["issued"] > 50
    assert on_sqlite == on_pg
