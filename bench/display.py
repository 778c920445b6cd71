"""Latency from a call committed in another process to the board showing it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/display.py [--calls 60] [--pg URL]

A worker process issues a ticket, waits for the board to settle, calls it and prints the
wall-clock time right after the commit returned; the board (this process, a real
BoardWindow) notes the time its snapshot containing that call was drawn. Prints median, p95
and max per database. Targets: p95 under 150 ms on PostgreSQL, under 300 ms on SQLite
(FQM, an open-source peer, polls every 2 seconds). PostgreSQL uses ``--pg`` or
``$KHIW_TEST_PG_URL`` in a throw-away schema; it is skipped when neither is set.
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
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAUSE = 0.25  # between a ticket's issue and its call, so each call meets an idle board


def worker(url: str, calls: int) -> None:
    """The other process: issue, pause, call, report; then free the counter."""
    from khiw.db import Database
    from khiw.engine import call_next, finish, issue, start

    db = Database(url)
    for _ in range(calls):
        db.run(issue, service="TAX")
        time.sleep(PAUSE)
        called = db.run(call_next, counter=1)
        committed = time.time()
        print(json.dumps({"event_id": called.event_id, "at": committed}), flush=True)
        time.sleep(PAUSE)
        db.run(start, ticket=called.ticket.id)
        db.run(finish, ticket=called.ticket.id)
    db.dispose()


def measure(url: str, calls: int) -> list[float]:
    """Milliseconds from commit to drawn, one per call."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from display.voice import BoardVoice
    from display.window import BoardWindow
    from khiw.config import DisplayConfig
    from khiw.db import Database
    from khiw.engine.board import BoardState

    app = QApplication.instance() or QApplication([])
    settings = DisplayConfig(fullscreen=False, voice="none")
    db = Database(url)
    window = BoardWindow(db, settings, voice=BoardVoice(settings))
    window.resize(1920, 1080)
    window.show()
    drawn: dict[int, float] = {}

    def note(state: BoardState) -> None:
        app.processEvents()  # let the repaint the snapshot caused happen before the clock is read
        now = time.time()
        for call in state.new_calls:
            drawn.setdefault(call.event_id, now)

    window.controller.state_changed.connect(note)
    window.start()
    while window.controller.state is None:
        app.processEvents()

    proc = subprocess.Popen([sys.executable, __file__, "--worker", url, "--calls", str(calls)], stdout=subprocess.PIPE, text=True)
    committed: dict[int, float] = {}

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            row = json.loads(line)
            committed[row["event_id"]] = row["at"]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    loop = QEventLoop()
    check = QTimer()
    check.timeout.connect(lambda: loop.quit() if proc.poll() is not None and not reader.is_alive() and set(committed) <= set(drawn) else None)
    check.start(50)
    loop.exec()
    window.close()
    db.dispose()
    if proc.returncode:
        raise SystemExit(f"worker failed with exit code {proc.returncode}")
    return [1000 * (drawn[event_id] - at) for event_id, at in committed.items()]


def report(name: str, ms: list[float], target: float) -> None:
    ms = sorted(ms)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    verdict = "ok" if p95 < target else "OVER TARGET"
    print(f"{name:<11} calls={len(ms):<4} median={statistics.median(ms):6.1f} ms  p95={p95:6.1f} ms  max={ms[-1]:6.1f} ms  (target p95 < {target:.0f} ms: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--pg", default=os.environ.get("KHIW_TEST_PG_URL"))
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.calls)
        return

    from tests.fixtures import new_database, pg_schema_url, with_office

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        with_office(new_database(url)).dispose()
        report("SQLite", measure(url, args.calls), 300)
    if args.pg:
        os.environ["KHIW_TEST_PG_URL"] = args.pg
        with pg_schema_url() as url:
            with_office(new_database(url)).dispose()
            report("PostgreSQL", measure(url, args.calls), 150)
    else:
        print("PostgreSQL  skipped: give --pg URL or set KHIW_TEST_PG_URL")


if __name__ == "__main__":
    main()
