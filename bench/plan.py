"""Benchmark: a full staffing plan from one month of history.

    .venv/bin/python bench/plan.py [--rebuild] [--replications 40]

Builds once (cached in $KHIW_BENCH_DIR, default /var/tmp/khiw-bench, outside the repo) a
SQLite database with the example office (6 services, 4 counters) and June 2026 simulated
through the engine by ``khiw.simulation`` (about 2,700 tickets). Then it times ``khiw plan``'s
work for that month: estimating the model from the events (the day cache built cold, then
warm), and planning one week of half-hour slots (5 open weekdays × 16 half-hours) with the
default 40 replications per round, on one process and on every core. Target: under 10 s on
the team's 2-core machine, using both cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Only light imports at the top: the worker processes (spawn) import this module again.
from khiw.plan.parallel import default_workers  # noqa: E402
from khiw.plan.search import Settings, plan  # noqa: E402

PERIOD = "2026-06"


def bench_dir() -> Path:
    path = Path(os.environ.get("KHIW_BENCH_DIR", "/var/tmp/khiw-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def history(rebuild: bool) -> Path:
    """The month's database, simulated on first use."""
    from khiw.simulation import simulate
    from tests.fixtures import new_database, with_office

    path = bench_dir() / "plan-month.db"
    if rebuild or not path.exists():
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        db = with_office(new_database(f"sqlite:///{path}"))
        summary = simulate(db, days=30, seed=7, start=date(2026, 6, 1))
        db.dispose()
        print(f"built {path}: {summary.issued} tickets in {time.perf_counter() - started:.0f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="simulate the month again")
    parser.add_argument("--replications", type=int, default=Settings().replications)
    args = parser.parse_args()
    from sqlalchemy import text

    from khiw.db import Database
    from khiw.plan.api import office_model
    from khiw.reports.periods import parse_period

    path = history(args.rebuild)
    db = Database(f"sqlite:///{path}")
    period = parse_period(PERIOD)
    db.run(lambda session: session.execute(text("DELETE FROM report_days")))
    started = time.perf_counter()
    model = office_model(db, period=period)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    model = office_model(db, period=period)
    warm = time.perf_counter() - started
    db.dispose()
    print(f"history {PERIOD}: {len(model.services)} services, {len(model.weekdays)} weekdays × {model.slots} half-hours")
    print(f"estimate: {cold:.2f} s (day cache cold), {warm:.2f} s (warm)")
    settings = Settings(replications=args.replications)
    cores = default_workers()
    runs = []
    for workers in (cores, cores, 1):
        started = time.perf_counter()
        result = plan(model, settings=settings, workers=workers)
        runs.append(time.perf_counter() - started)
    hours = sum(d.counter_hours_recommended for d in result.days)
    print(f"plan ({args.replications} replications per round, {hours:g} counter-hours recommended):")
    print(f"  {cores} processes, starting them: {runs[0]:.2f} s; already started: {runs[1]:.2f} s; 1 process: {runs[2]:.2f} s")
    print(f"full plan (estimate, day cache cold, + plan on {cores} processes started fresh): {cold + runs[0]:.2f} s (target < 10 s)")


if __name__ == "__main__":
    main()
