"""Benchmark: the full supervisor report over a fiscal year of about 1,000,000 tickets.

    .venv/bin/python bench/report.py [--pg URL] [--rebuild] [--weeks 52]

Builds (once, cached in $KHIW_BENCH_DIR, default /var/tmp/khiw-bench, outside the repo):

1. ``template.db``: one week (Wednesday 1 October 2025 onwards) of a large city office
   (130 counters, ~4,200 citizens a weekday) simulated through the engine by
   ``khiw.simulation`` - about 21,000 tickets, every one through engine operations.
2. ``fy2569.db``: that week followed by copies of it, shifted by whole weeks, to fill fiscal
   year 2569 (52 weeks, ~1.1 million tickets, ~5 million events). Generating a million
   tickets through the engine takes about 2 hours at the measured 7-8 ms per ticket; copying
   whole simulated weeks keeps every day's shape (and weekday) while the benchmark stays
   runnable. Copied events carry placeholder hashes: the copy is not an audit-valid chain.
3. The same rows in a PostgreSQL database ``khiw_bench`` (``--pg`` server), copied the same way.

Then, on each database, for periods holding ~10,000, ~100,000 and all tickets, it prints the
time of a report with the day cache empty (cold: every day's facts built from the events, as
after restoring a database without its cache), what that costs per day, and the time of a
report with the cache current (warm). Warm is the normal case: ``khiw close-day`` builds each
day's facts as the day closes (the per-day cost), so a report reads the cached days.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khiw import migrate  # noqa: E402
from khiw.config import CounterConfig, StaffConfig  # noqa: E402
from khiw.db import Database  # noqa: E402
from khiw.engine.auth import hash_pin  # noqa: E402
from khiw.engine.setup import apply_config  # noqa: E402
from khiw.reports.data import make_report  # noqa: E402
from khiw.reports.periods import days, parse_period  # noqa: E402
from khiw.simulation import simulate  # noqa: E402
from tests.fixtures import office_config  # noqa: E402

FIRST = date(2025, 10, 1)
COUNTERS = 130
LOAD = 4200.0
SERVICES = ("INF", "TAX", "REG", "WEL", "CMP", "BLD")  # share of counters follows this order


def bench_dir() -> Path:
    path = Path(os.environ.get("KHIW_BENCH_DIR", "/var/tmp/khiw-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def big_office_config():
    """The example office scaled up: no daily caps, 130 counters, one staff member each."""
    cfg = office_config()
    pin = hash_pin("1234")
    services = [s.model_copy(update={"daily_cap": None, "opens": None, "closes": None}) for s in cfg.services]
    weights = {"INF": 5, "TAX": 4, "REG": 4, "WEL": 3, "CMP": 2, "BLD": 2}
    cycle = [code for code, w in weights.items() for _ in range(w)]
    counters = []
    for n in range(1, COUNTERS + 1):
        main = cycle[(n - 1) % len(cycle)]
        rest = [c for c in SERVICES if c != main][:2]
        counters.append(CounterConfig(number=n, name=f"ช่องบริการ {n}", services=[main, *rest]))
    staff = [StaffConfig(username=f"staff{n:03d}", display_name=f"เจ้าหน้าที่ {n}", pin_hash=pin) for n in range(1, COUNTERS + 1)]
    staff.append(StaffConfig(username="chief", display_name="หัวหน้างาน", role="supervisor", pin_hash=pin))
    office = cfg.office.model_copy(update={"code": "BIG", "name_th": "สำนักงานเขตตัวอย่าง (ข้อมูลจำลอง)", "opens": None, "closes": None})
    return cfg.model_copy(update={"office": office, "services": services, "counters": counters, "staff": staff})


def build_template(path: Path) -> None:
    if path.exists():
        return
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    db = Database(f"sqlite:///{tmp}")
    migrate.upgrade(db)
    db.run(apply_config, big_office_config())
    started = time.perf_counter()
    summary = simulate(db, days=7, seed=2569, start=FIRST, load=LOAD, progress=lambda d: print(f"  simulated {d.day}: {d.issued} tickets", flush=True))
    elapsed = time.perf_counter() - started
    print(f"template: {summary.issued} tickets through the engine in {elapsed:.0f} s ({1000 * elapsed / summary.issued:.1f} ms per ticket)")
    db.dispose()
    tmp.rename(path)


def clone_sqlite(template: Path, target: Path, weeks: int) -> None:
    if target.exists():
        return
    tmp = target.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    tmp.write_bytes(template.read_bytes())
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    week0 = con.execute("SELECT min(id) FROM events WHERE kind != 'config_applied'").fetchone()[0]
    max_event = con.execute("SELECT max(id) FROM events").fetchone()[0]
    max_ticket = con.execute("SELECT max(id) FROM tickets").fetchone()[0]
    span_e, span_t = max_event - week0 + 1, max_ticket
    started = time.perf_counter()
    for week in range(1, weeks):
        shift = f"'+{7 * week} days'"
        eoff, toff = span_e * week, span_t * week

        def moved(col: str, shift: str = shift) -> str:
            return f"CASE WHEN {col} IS NULL THEN NULL ELSE date(substr({col}, 1, 10), {shift}) || substr({col}, 11) END"

        con.execute(
            f"""INSERT INTO tickets SELECT id + {toff}, office_id, service_id, date(service_day, {shift}), number, code, priority,
            status, token || '-{week}', {moved('issued_at')}, {moved('queued_at')}, {moved('called_at')}, {moved('last_called_at')},
            {moved('started_at')}, {moved('finished_at')}, recalls, counter_id, staff_id, transferred_from_id + {toff} FROM tickets WHERE id <= {span_t}"""
        )
        con.execute(
            f"""INSERT INTO events SELECT id + {eoff}, {moved('at')}, kind, office_id, ticket_id + {toff}, service_id, counter_id,
            staff_id, priority, reason,
            CASE WHEN json_extract(data, '$.to_ticket') IS NOT NULL THEN json_set(data, '$.to_ticket', json_extract(data, '$.to_ticket') + {toff})
                 WHEN json_extract(data, '$.from_ticket') IS NOT NULL THEN json_set(data, '$.from_ticket', json_extract(data, '$.from_ticket') + {toff})
                 ELSE data END,
            'copy', 'copy-' || (id + {eoff}) FROM events WHERE id >= {week0} AND id <= {max_event}"""
        )
        con.execute(f"INSERT INTO day_numbers SELECT service_id, date(day, {shift}), last FROM day_numbers WHERE day < '{FIRST + timedelta(days=7)}'")
    con.execute("UPDATE chain_head SET last_id = (SELECT max(id) FROM events), last_hash = (SELECT hash FROM events ORDER BY id DESC LIMIT 1)")
    con.commit()
    con.execute("ANALYZE")
    con.close()
    tmp.rename(target)
    print(f"cloned {weeks} weeks into {target} in {time.perf_counter() - started:.0f} s")


def copy_to_pg(source: Path, pg_url: str) -> str:
    """Create database khiw_bench on the server and copy every row of ``source`` into it."""
    base = make_url(pg_url)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    bench_url = base.set(database="khiw_bench")
    marker = source.with_suffix(".pg-copied")
    with sqlite3.connect(source) as lite:
        identity = repr(lite.execute("SELECT last_id, last_hash FROM chain_head").fetchone())
    if marker.exists() and marker.read_text() == identity:  # reports write a cache, not history
        return bench_url.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS khiw_bench")
        conn.execute("CREATE DATABASE khiw_bench")
    db = Database(bench_url.render_as_string(hide_password=False))
    migrate.upgrade(db)
    db.dispose()
    lite = sqlite3.connect(source)
    started = time.perf_counter()
    with psycopg.connect(bench_url.set(drivername="postgresql").render_as_string(hide_password=False)) as pg:
        pg.execute("DELETE FROM chain_head")
        for table in ("offices", "services", "staff", "counters", "counter_services", "tickets", "events", "day_numbers", "chain_head", "survey_responses"):
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            types = {row[1]: row[2].upper() for row in lite.execute(f"PRAGMA table_info({table})")}
            with pg.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1"):
                    copy.write_row([_pg_value(v, types[c]) for v, c in zip(row, columns, strict=True)])
        for table in ("offices", "services", "staff", "counters", "tickets"):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        pg.execute("ANALYZE")
    print(f"copied to PostgreSQL in {time.perf_counter() - started:.0f} s")
    marker.write_text(identity)
    return bench_url.render_as_string(hide_password=False)


def _pg_value(value: object, kind: str) -> object:
    if value is None:
        return None
    if kind == "BOOLEAN":
        return bool(value)
    return value


def measure(url: str, label: str) -> None:
    db = Database(url)
    with db.read() as s:
        total = s.execute(text("SELECT count(*) FROM tickets")).scalar_one()
    print(f"\n{label}: {total:,} tickets, {db.display_url}")
    print(f"{'period':<28}{'tickets':>10}{'cold s':>9}{'per day ms':>11}{'warm s':>9}")
    for period in (days(FIRST, FIRST + timedelta(days=2)), days(FIRST, FIRST + timedelta(days=34)), parse_period("2569")):
        with db.write() as s:
            s.execute(text("DELETE FROM report_days"))
        started = time.perf_counter()
        report = make_report(db, period=period)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(3):
            started = time.perf_counter()
            report = make_report(db, period=period)
            warm.append(time.perf_counter() - started)
        per_day = 1000 * cold / period.days
        print(f"{period.code:<28}{report.figures.totals.issued:>10,}{cold:>9.2f}{per_day:>11.0f}{min(warm):>9.2f}", flush=True)
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", default=os.environ.get("KHIW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--rebuild", action="store_true", help="forget the cached databases")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    folder = bench_dir()
    template, full = folder / "template.db", folder / f"fy2569-{args.weeks}w.db"
    if args.rebuild:
        for path in (template, full):
            path.unlink(missing_ok=True)
    build_template(template)
    clone_sqlite(template, full, args.weeks)
    print(f"cores: {os.cpu_count()}")
    measure(f"sqlite:///{full}", "SQLite")
    if not args.no_pg:
        measure(copy_to_pg(full, args.pg), "PostgreSQL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
