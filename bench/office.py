"""A whole office under load: 30 stations and a driver against one PostgreSQL with a long past.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.office [--boards 10] [--counters 12]
        [--kiosks 8] [--seconds 180] [--rate 5] [--history 1000000] [--pg URL] [--quick]

In a throw-away schema of ``--pg`` (default ``$KHIW_TEST_PG_URL``, else the local test server):
the example office with one counter per counter station, a ``--history``-event past written by
SQL (``tests/history.py``) and ANALYZE. Then each station runs as its own process, the real
window offscreen (``bench/office_roles.py``), reporting when it has shown each event, and a
driver process issues, calls, starts, finishes, now and then recalls or marks no-show, at
``--rate`` operations per second for ``--seconds``. Prints the driver's operation times, the
board lag (board shown − driver commit, every call on every board) and the counters' and
kiosks' lag, rows read per event (``pg_stat_user_tables`` and ``_indexes`` of the bench's
schema: what ``tup_returned + tup_fetched`` counts, without the other work on the database),
connections (each station's carry ``<schema>:<kind><n>`` as application_name, sampled every
second) and CPU (``/proc``: the machine, each kind of process and the PostgreSQL backends
serving them). Targets (issue #11): board p95 ≤ 150 ms, driver median ≤ 10 ms, connections
≤ 40; a missed target is reported (NOT MET), not an error. ``--quick``: 2 + 2 + 2 stations,
20 s, a 20,000-event past (the smoke test). Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from collections import Counter as Tally
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg
from sqlalchemy.engine import make_url

from bench.common import DEFAULT_PG, percentile
from bench.office_roles import office_for
from khiw.clock import local_day, utcnow
from tests.fixtures import PG_ENV, new_database, pg_problem, pg_schema_url, with_office
from tests.history import add_history

KINDS = ("board", "counter", "kiosk")
TARGETS = {"board p95": 150.0, "driver median": 10.0, "connections": 40}
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def process_ticks(pid: int) -> int | None:
    """User + system CPU ticks of process ``pid`` (all its threads), None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return sum(values) - values[3] - values[4], sum(values)


class Station:
    """One station process and what it reported: (newest event shown, wall time) in order."""

    def __init__(self, kind: str, index: int, url: str, logs: Path) -> None:
        self.kind, self.index = kind, index
        self.log = logs / f"{kind}{index}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.office_roles", "station", kind, str(index), url],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log.open("w"), text=True,
        )
        self.ready = threading.Event()
        self.shown: list[tuple[int, float]] = []
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, out: IO[str]) -> None:
        for line in out:
            row = json.loads(line)
            if row.get("ready"):
                self.ready.set()
            else:
                self.shown.append((row["e"], row["t"]))

    def newest(self) -> int:
        return max((e for e, _ in self.shown), default=0)

    def first_showing(self) -> tuple[list[int], list[float]]:
        """Event ids shown so far (running maximum) and when: for a bisect per event."""
        ids, times, top = [], [], 0
        for e, t in self.shown:
            if e > top:
                top = e
                ids.append(e)
                times.append(t)
        return ids, times

    def stop(self) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write("stop\n")
            self.proc.stdin.close()
        except OSError:
            pass  # it died already: the report says so


class Monitor(threading.Thread):
    """Samples the bench's connections every second, and the CPU ticks of their backends."""

    def __init__(self, admin: str, schema: str) -> None:
        super().__init__(daemon=True)
        self.admin, self.prefix = admin, f"{schema}:"
        self.samples: list[tuple[float, Tally[str]]] = []
        self.backends: dict[int, list[int]] = {}  # pid -> [ticks when first seen in the window, latest]
        self.window = False
        self.done = threading.Event()

    def run(self) -> None:
        with psycopg.connect(self.admin, autocommit=True, application_name="khiw-bench-monitor") as conn:
            while not self.done.wait(1.0):
                rows = conn.execute(
                    "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE %s",
                    (self.prefix + "%",),
                ).fetchall()
                self.samples.append((time.time(), Tally(name[len(self.prefix):].rstrip("0123456789") for _, name in rows)))
                if self.window:
                    for pid, _ in rows:
                        ticks = process_ticks(pid)
                        if ticks is not None:
                            self.backends.setdefault(pid, [ticks, ticks])[1] = ticks

    def open_window(self) -> None:
        """Count backend CPU from now: every backend's ticks so far are the baseline."""
        self.window = True

    def close_window(self) -> int:
        self.window = False
        return sum(last - first for first, last in self.backends.values())


def stats(admin: str, schema: str) -> tuple[int, int]:
    """Rows the bench's tables returned and fetched so far, and the same for the whole database."""
    with psycopg.connect(admin, autocommit=True, application_name="khiw-bench-monitor") as conn:
        tables = conn.execute(
            "SELECT coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) FROM pg_stat_user_tables WHERE schemaname = %s", (schema,)
        ).fetchone()[0]
        indexes = conn.execute("SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE schemaname = %s", (schema,)).fetchone()[0]
        everything = conn.execute("SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()").fetchone()[0]
    return int(tables + indexes), int(everything)


def settled_stats(admin: str, schema: str, limit: float = 15.0) -> tuple[int, int]:
    """:func:`stats` once two readings two seconds apart agree (backends flush theirs when idle)."""
    deadline = time.monotonic() + limit
    before = stats(admin, schema)
    while time.monotonic() < deadline:
        time.sleep(2)
        now = stats(admin, schema)
        if now[0] == before[0]:
            return now
        before = now
    return before


def head(admin: str, schema: str) -> int:
    with psycopg.connect(admin, autocommit=True, application_name="khiw-bench-monitor") as conn:
        return int(conn.execute(f"SELECT last_id FROM {schema}.chain_head WHERE id = 1").fetchone()[0])


def lags(stations: list[Station], events: list[dict[str, Any]]) -> tuple[list[float], int]:
    """Milliseconds from each event's commit to each station showing it, and how many it never showed."""
    out, missed = [], 0
    for station in stations:
        ids, times = station.first_showing()
        for event in events:
            at = bisect_left(ids, event["e"])
            if at == len(ids):
                missed += 1
            else:
                out.append(1000 * (times[at] - event["at"]))
    return out, missed


def line(name: str, ms: list[float], note: str = "") -> str:
    if not ms:
        return f"{name:<16} no figures"
    return f"{name:<16} p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms   max {max(ms):7.1f} ms   {note}"


def run(args: argparse.Namespace, logs: Path) -> int:
    load_before = os.getloadavg()
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    counts = {"board": args.boards, "counter": args.counters, "kiosk": args.kiosks}
    with pg_schema_url() as url, ExitStack() as cleanup:
        schema = make_url(url).query["application_name"]
        began = time.monotonic()
        db = with_office(new_database(url), office_for(max(args.counters, 1)))
        written = add_history(db, events=args.history, before=local_day(utcnow(), "Asia/Bangkok")) if args.history else 0
        db.dispose()
        setup_s = time.monotonic() - began
        with psycopg.connect(admin, autocommit=True) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]

        def named(name: str) -> str:
            return make_url(url).update_query_dict({"application_name": f"{schema}:{name}"}).render_as_string(hide_password=False)

        monitor = Monitor(admin, schema)
        monitor.start()
        cleanup.callback(monitor.done.set)
        began = time.monotonic()
        stations = [Station(kind, i, named(f"{kind}{i}"), logs) for kind in KINDS for i in range(1, counts[kind] + 1)]

        def end_stations() -> None:
            for station in stations:
                station.stop()
            for station in stations:
                try:
                    station.proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    station.proc.kill()
            with psycopg.connect(admin, autocommit=True) as conn:  # before the schema is dropped
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE %s", (f"{schema}:%",))

        cleanup.callback(end_stations)
        for station in stations:
            while not station.ready.wait(1.0):
                if station.proc.poll() is not None or time.monotonic() - began > 900:
                    print(f"{station.kind} {station.index} did not start:\n{station.log.read_text()[-3000:]}")
                    return 1
        ready_s = time.monotonic() - began
        startup_connections = max((sum(t.values()) for _, t in monitor.samples), default=0)

        rows0, everything0 = settled_stats(admin, schema)
        driver = subprocess.Popen(
            [sys.executable, "-m", "bench.office_roles", "driver", named("driver"), "--counters", str(args.counters),
             "--seconds", str(args.seconds), "--rate", str(args.rate)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=(logs / "driver.log").open("w"), text=True,
        )
        driver_ticks = 0
        ops: list[dict[str, Any]] = []
        assert driver.stdout is not None
        for text in driver.stdout:
            row = json.loads(text)
            if "go" in row:  # the driver has started up: the measured window opens
                head0 = head(admin, schema)
                ticks0 = {s.proc.pid: process_ticks(s.proc.pid) or 0 for s in stations}
                driver0 = process_ticks(driver.pid) or 0
                busy0, total0 = machine_ticks()
                monitor.open_window()
                window0 = time.time()
                continue
            ops.append(row)
            ticks = process_ticks(driver.pid)
            driver_ticks = driver_ticks if ticks is None else ticks - driver0
        if driver.wait():
            print(f"the driver failed:\n{(logs / 'driver.log').read_text()[-3000:]}")
            return 1
        window1 = time.time()
        busy1, total1 = machine_ticks()
        ticks1 = {s.proc.pid: process_ticks(s.proc.pid) or ticks0[s.proc.pid] for s in stations}
        backend_ticks = monitor.close_window()
        head1 = head(admin, schema)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(s.newest() < head1 for s in stations):
            time.sleep(0.2)
        cleanup.close()  # stations stopped, their backends gone: their statistics are flushed
        rows1, everything1 = settled_stats(admin, schema)
    load_after = os.getloadavg()

    seconds = window1 - window0
    events = head1 - head0
    calls = [op for op in ops if op["call"]]
    by_kind = {kind: [s for s in stations if s.kind == kind] for kind in KINDS}
    board_ms, board_missed = lags(by_kind["board"], calls)
    counter_ms, counter_missed = lags(by_kind["counter"], ops)
    kiosk_ms, kiosk_missed = lags(by_kind["kiosk"], ops)
    driven = [op["ms"] for op in ops]
    in_run = [t for at, t in monitor.samples if window0 <= at <= window1]
    peak = max((sum(t.values()) for t in in_run), default=0)
    peaks = {kind: max((t[kind] for t in in_run), default=0) for kind in (*KINDS, "driver")}
    cores = os.cpu_count() or 1

    def cpu(ticks: int) -> float:
        return 100 * ticks / TICK / seconds

    print(f"\nOffice under load (issue #11): {len(stations)} stations ({args.boards} boards, {args.counters} counters, {args.kiosks} kiosks), "
          f"PostgreSQL {version}, {written:,}-event history")
    print(f"setup            office and history in {setup_s:.1f} s; stations ready in {ready_s:.1f} s (connections meanwhile: max {startup_connections})")
    print(f"driver           {len(ops)} operations in {seconds:.1f} s ({len(ops) / seconds:.2f}/s; "
          + ", ".join(f"{n} {name}" for name, n in sorted(Tally(op['op'] for op in ops).items())) + ")")
    print(f"driver op        median {statistics.median(driven):7.1f} ms   p95 {percentile(driven, 95):7.1f} ms   max {max(driven):7.1f} ms   "
          f"target median ≤ {TARGETS['driver median']:.0f} ms: {verdict(statistics.median(driven) <= TARGETS['driver median'])}")
    print(line("board lag", board_ms, f"target p95 ≤ {TARGETS['board p95']:.0f} ms: {verdict(bool(board_ms) and percentile(board_ms, 95) <= TARGETS['board p95'])}"))
    print(line("counter lag", counter_ms, "(any event → its live read applied)"))
    print(line("kiosk lag", kiosk_ms, "(any event → its live read applied)"))
    print(f"shown            every board saw every call: {'yes' if not board_missed else 'NO'} ({len(calls)} calls × {args.boards} boards, missed {board_missed}); "
          f"counters missed {counter_missed}, kiosks missed {kiosk_missed} of {len(ops)} events each")
    print(f"rows read        {(rows1 - rows0) / max(events, 1):,.0f} per event ({rows1 - rows0:,} rows of the bench's tables over {events} events; "
          f"whole database, other work included: {(everything1 - everything0) / max(events, 1):,.0f} per event)")
    print(f"connections      max {peak} ({', '.join(f'{kind}s {n}' for kind, n in peaks.items() if kind != 'driver')}, driver {peaks['driver']})   "
          f"target ≤ {TARGETS['connections']}: {verdict(peak <= TARGETS['connections'])}")
    kinds_cpu = ", ".join(f"{kind}s {cpu(sum(ticks1[s.proc.pid] - ticks0[s.proc.pid] for s in by_kind[kind])):.0f} %" for kind in KINDS)
    print(f"CPU              machine {100 * cores * (busy1 - busy0) / max(total1 - total0, 1):.0f} % of {100 * cores} %; "
          f"PostgreSQL backends {cpu(backend_ticks):.0f} %, {kinds_cpu}, driver {cpu(driver_ticks):.0f} %")
    print(f"load average     before {load_before[0]:.2f}, after {load_after[0]:.2f} ({cores} cores, shared with other work)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", metavar="URL", help=f"PostgreSQL server (default: ${PG_ENV}, else {DEFAULT_PG})")
    parser.add_argument("--boards", type=int)
    parser.add_argument("--counters", type=int)
    parser.add_argument("--kiosks", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--rate", type=float, default=5.0, help="driver operations per second")
    parser.add_argument("--history", type=int, help="events in the office's past (0: none)")
    parser.add_argument("--quick", action="store_true", help="2 + 2 + 2 stations, 20 s, a 20,000-event past")
    args = parser.parse_args()
    small = {"boards": 2, "counters": 2, "kiosks": 2, "seconds": 20.0, "history": 20_000}
    full = {"boards": 10, "counters": 12, "kiosks": 8, "seconds": 180.0, "history": 1_000_000}
    for name, value in (small if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.pg:
        os.environ[PG_ENV] = args.pg
    os.environ.setdefault(PG_ENV, DEFAULT_PG)
    problem = pg_problem()
    if problem:
        print(f"office bench skipped: {problem}")
        return 0
    with tempfile.TemporaryDirectory(prefix="khiw-office-") as logs:
        return run(args, Path(logs))


if __name__ == "__main__":
    sys.exit(main())
