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
kiosks' lag (over the events each shows: a counter those of its counter and services, a kiosk
all but starts and recalls; the rest it rightly skips), rows read per event
(``pg_stat_user_tables`` and ``_indexes`` of the bench's schema: what ``tup_returned +
tup_fetched`` counts, without the other work on the database),
connections (each station's carry ``<schema>:<kind><n>`` as application_name, sampled every
second) and CPU (``/proc``: the machine, each kind of process and the PostgreSQL backends
serving them). Targets (issue #11): board p95 ≤ 150 ms, driver median ≤ 10 ms, connections
≤ 40; a missed target is reported (NOT MET), not an error. All the stations share this
machine's cores, which in an office would be as many PCs: ``--nice 10`` lets PostgreSQL and
the driver go first, so their figures are the server's rather than the crowd's. ``--quick``:
2 + 2 + 2 stations, 20 s, a 20,000-event past (the smoke test). Linux only (``/proc``).
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
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import make_url

from bench.common import DEFAULT_PG, percentile
from bench.office_probes import TICK, Probe, machine_ticks, process_ticks
from bench.office_roles import office_for
from khiw.clock import local_day, utcnow
from tests.fixtures import PG_ENV, new_database, pg_problem, pg_schema_url, with_office
from tests.history import add_history

KINDS = ("board", "counter", "kiosk")
KIOSK_UNSEEN = ("start", "recall")  # the driver's operations in khiw.engine.touches.KIOSK_UNSEEN: nothing a kiosk shows
TARGETS = {"board p95": 150.0, "driver median": 10.0, "connections": 40}
QUICK = {"boards": 2, "counters": 2, "kiosks": 2, "seconds": 20.0, "history": 20_000}
FULL = {"boards": 10, "counters": 12, "kiosks": 8, "seconds": 180.0, "history": 1_000_000}


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


class Station:
    """One station process and what it reported: (newest event shown, wall time) in order."""

    def __init__(self, kind: str, index: int, url: str, logs: Path, nice: int = 0) -> None:
        self.kind, self.index = kind, index
        self.log = logs / f"{kind}{index}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.office_roles", "station", kind, str(index), url],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log.open("w"), text=True,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
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


@dataclass
class Window:
    """What was measured from the driver's first operation to its last."""

    ops: list[dict[str, Any]] = field(default_factory=list)
    began: float = 0.0
    ended: float = 0.0
    events: int = 0  # written meanwhile (the chain head's growth)
    machine: float = 0.0  # busy share of the whole machine, 0..1
    stations: dict[str, int] = field(default_factory=dict)  # CPU ticks per kind of station
    driver: int = 0
    backends: int = 0
    tables: Tally[str] = field(default_factory=Tally)  # rows read per table of the bench, stations' start-up and ending aside
    database: int = 0  # rows read in the whole database meanwhile, other work included

    @property
    def seconds(self) -> float:
        return self.ended - self.began


def start_stations(args: argparse.Namespace, named: Any, logs: Path) -> list[Station]:
    counts = {"board": args.boards, "counter": args.counters, "kiosk": args.kiosks}
    return [Station(kind, i, named(f"{kind}{i}"), logs, args.nice) for kind in KINDS for i in range(1, counts[kind] + 1)]


def wait_ready(stations: list[Station], limit: float = 900.0) -> bool:
    """Wait until every station shows the office; False (with its log) if one died or hung."""
    deadline = time.monotonic() + limit
    for station in stations:
        while not station.ready.wait(1.0):
            if station.proc.poll() is not None or time.monotonic() > deadline:
                print(f"{station.kind} {station.index} did not start:\n{station.log.read_text()[-3000:]}")
                return False
    return True


def stop_stations(stations: list[Station]) -> None:
    for station in stations:
        station.stop()
    for station in stations:
        try:
            station.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            station.proc.kill()


def drive(args: argparse.Namespace, url: str, probe: Probe, stations: list[Station], logs: Path) -> Window | None:
    """Run the driver process; the window opens when it says go and closes with its last operation."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.office_roles", "driver", url, "--counters", str(args.counters), "--seconds", str(args.seconds), "--rate", str(args.rate)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=(logs / "driver.log").open("w"), text=True,
    )
    window = Window()
    before: dict[int, int] = {}
    machine, head = (0, 0), 0
    assert proc.stdout is not None
    for text in proc.stdout:
        row = json.loads(text)
        if "go" in row:
            before = {pid: process_ticks(pid) or 0 for pid in (proc.pid, *(s.proc.pid for s in stations))}
            machine, head = machine_ticks(), probe.head()
            probe.open_window()
            window.began = time.time()
            continue
        window.ops.append(row)
        ticks = process_ticks(proc.pid)
        window.driver = window.driver if ticks is None else ticks - before[proc.pid]
    if proc.wait() or not window.ops:
        print(f"the driver failed:\n{(logs / 'driver.log').read_text()[-3000:]}")
        return None
    window.ended = time.time()
    busy, total = machine_ticks()
    window.machine = (busy - machine[0]) / max(total - machine[1], 1)
    for kind in KINDS:
        window.stations[kind] = sum((process_ticks(s.proc.pid) or before[s.proc.pid]) - before[s.proc.pid] for s in stations if s.kind == kind)
    window.backends = probe.close_window()
    window.events = probe.head() - head
    return window


def run(args: argparse.Namespace, logs: Path) -> int:
    """Set the office up, run it, print the figures; 1 only if the bench itself could not run."""
    load_before = os.getloadavg()
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    with pg_schema_url() as url, ExitStack() as cleanup:
        schema = make_url(url).query["application_name"]
        began = time.monotonic()
        db = with_office(new_database(url), office_for(max(args.counters, 1)))
        written = add_history(db, events=args.history, before=local_day(utcnow(), "Asia/Bangkok")) if args.history else 0
        db.dispose()
        setup = {"history": written, "setup_s": time.monotonic() - began}

        def named(name: str) -> str:
            return make_url(url).update_query_dict({"application_name": f"{schema}:{name}"}).render_as_string(hide_password=False)

        probe = Probe(admin, schema)
        probe.start()
        cleanup.callback(probe.done.set)
        cleanup.callback(probe.end_backends)
        began = time.monotonic()
        stations = start_stations(args, named, logs)
        cleanup.callback(stop_stations, stations)
        if not wait_ready(stations):
            return 1
        setup |= {"ready_s": time.monotonic() - began, "version": probe.version(), "startup_peak": probe.peaks(0, time.time())[0]}
        rows0, everything0 = probe.settled_rows()
        window = drive(args, named("driver"), probe, stations, logs)
        if window is None:
            return 1
        last = max(op["e"] for op in window.ops)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(s.newest() < last for s in stations):
            time.sleep(0.2)
        cleanup.close()  # stations stopped, their backends gone: every count is reported
        rows1, everything1 = probe.settled_rows()
    rows1.subtract(rows0)
    window.tables, window.database = rows1, everything1 - everything0
    report(args, setup, stations, window, probe, (load_before[0], os.getloadavg()[0]))
    return 0

def lags(
    stations: list[Station], events: list[dict[str, Any]], shows: Callable[[Station, dict[str, Any]], bool] = lambda station, event: True
) -> tuple[list[float], int]:
    """Milliseconds from each event's commit to each station showing it, and how many it never
    showed; only the events ``shows`` says the station shows (the others it rightly skips: a
    station's newest read waits for the next change it does show)."""
    out, missed = [], 0
    for station in stations:
        ids, times = station.first_showing()
        for event in (e for e in events if shows(station, e)):
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


def report(
    args: argparse.Namespace, setup: dict[str, Any], stations: list[Station], window: Window, probe: Probe, load: tuple[float, float]
) -> None:
    """The table: each figure, and each target MET or NOT MET."""
    ops, events, seconds, cores = window.ops, max(window.events, 1), window.seconds, os.cpu_count() or 1
    calls = [op for op in ops if op["call"]]
    by_kind = {kind: [s for s in stations if s.kind == kind] for kind in KINDS}
    board_ms, board_missed = lags(by_kind["board"], calls)
    serves = {c.number: set(c.services) for c in office_for(max(args.counters, 1)).counters}
    counter_ms, counter_missed = lags(by_kind["counter"], ops, lambda desk, op: op["counter"] == desk.index or op["service"] in serves[desk.index])
    kiosk_ms, kiosk_missed = lags(by_kind["kiosk"], ops, lambda kiosk, op: op["op"] not in KIOSK_UNSEEN)
    driven = [op["ms"] for op in ops]
    peak, peaks = probe.peaks(window.began, window.ended)

    def cpu(ticks: int) -> str:
        return f"{100 * ticks / TICK / seconds:.0f} %"

    def per_event(kind: str) -> str:  # CPU time one station of the kind spends per event
        return f"{1000 * window.stations[kind] / TICK / max(len(by_kind[kind]), 1) / events:.0f} ms"

    print(f"\nOffice under load (issue #11): {len(stations)} stations ({args.boards} boards, {args.counters} counters, {args.kiosks} kiosks), "
          f"PostgreSQL {setup['version']}, {setup['history']:,}-event history")
    print(f"setup            office and history in {setup['setup_s']:.1f} s; stations ready in {setup['ready_s']:.1f} s "
          f"(connections meanwhile: max {setup['startup_peak']})")
    kinds = ", ".join(f"{n} {name}" for name, n in sorted(Tally(op["op"] for op in ops).items()))
    print(f"driver           {len(ops)} operations in {seconds:.1f} s ({len(ops) / seconds:.2f}/s of {args.rate:g}/s asked; {kinds})")
    median = statistics.median(driven)
    print(f"driver op        median {median:7.1f} ms   p95 {percentile(driven, 95):7.1f} ms   max {max(driven):7.1f} ms   "
          f"target median ≤ {TARGETS['driver median']:.0f} ms: {verdict(median <= TARGETS['driver median'])}")
    print(line("board lag", board_ms, f"target p95 ≤ {TARGETS['board p95']:.0f} ms: {verdict(bool(board_ms) and percentile(board_ms, 95) <= TARGETS['board p95'])}"))
    print(line("counter lag", counter_ms, "(an event of its counter or services → its live read applied)"))
    print(line("kiosk lag", kiosk_ms, "(an event it shows, all but starts and recalls → its live read applied)"))
    print(f"shown            every board saw every call: {'yes' if not board_missed else 'NO'} ({len(calls)} calls × {args.boards} boards, missed {board_missed}); "
          f"counters missed {counter_missed}, kiosks missed {kiosk_missed} of {len(ops)} events each")
    rows = sum(window.tables.values())
    print(f"rows read        {rows / events:,.0f} per event ({rows:,} rows of the bench's tables over {window.events} events; "
          f"whole database, other work included: {window.database / events:,.0f} per event)")
    print("rows by table    most read, per event: " + ", ".join(f"{name} {n / events:,.0f}" for name, n in window.tables.most_common(4)))
    print(f"connections      max {peak} ({', '.join(f'{kind}s {peaks[kind]}' for kind in KINDS)}, driver {peaks['driver']})   "
          f"target ≤ {TARGETS['connections']}: {verdict(peak <= TARGETS['connections'])}")
    print(f"CPU              machine {100 * cores * window.machine:.0f} % of {100 * cores} %; PostgreSQL backends {cpu(window.backends)}, "
          + ", ".join(f"{kind}s {cpu(window.stations[kind])}" for kind in KINDS) + f", driver {cpu(window.driver)}")
    print(f"CPU per event    one board {per_event('board')}, one counter {per_event('counter')}, one kiosk {per_event('kiosk')} "
          "(in an office each station has its own PC; here all share the machine)")
    niced = f"; stations at nice {args.nice}" if args.nice else ""
    print(f"load average     before {load[0]:.2f}, after {load[1]:.2f} ({cores} cores, shared with other work{niced})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", metavar="URL", help=f"PostgreSQL server (default: ${PG_ENV}, else {DEFAULT_PG})")
    parser.add_argument("--boards", type=int)
    parser.add_argument("--counters", type=int)
    parser.add_argument("--kiosks", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--rate", type=float, default=5.0, help="driver operations per second")
    parser.add_argument("--history", type=int, help="events in the office's past (0: none)")
    parser.add_argument("--nice", type=int, default=0, help="run the stations at this niceness: the server and the driver first, as if each station had its own PC")
    parser.add_argument("--quick", action="store_true", help="2 + 2 + 2 stations, 20 s, a 20,000-event past")
    args = parser.parse_args()
    for name, value in (QUICK if args.quick else FULL).items():
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
