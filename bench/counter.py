"""How long from pressing Call next (the keypad's +) to the ticket shown at the counter.

Drives the real window (offscreen) on a real database: SQLite in a temporary file, and
PostgreSQL at ``--pg URL``, ``$KHIW_TEST_PG_URL`` or the local test server, in a throw-away
schema (skipped, with the reason, when there is none). Each round presses +, waits until the ticket panel shows the new code and has painted
it, then marks the ticket no-show (untimed) and waits for the window to settle, so every press
starts from a quiet station, as a member of staff would press it. Target: median < 50 ms.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/counter.py [--rounds 50] [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.common import DEFAULT_PG, office_database  # noqa: E402
from counter.window import CounterWindow  # noqa: E402
from khiw.db import Database  # noqa: E402
from khiw.engine import issue  # noqa: E402
from khiw.qt.fonts import sarabun_font  # noqa: E402
from tests.fixtures import PG_ENV, PINS, pg_problem  # noqa: E402

TARGET_MS = 50.0


def spin_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop (sleeping while nothing happens) until ``condition`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the counter window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


def quiet(window: CounterWindow) -> bool:
    return not window.busy and not window.live.reading


def measure(db: Database, rounds: int) -> list[float]:
    """Milliseconds from each + press to the called ticket painted in the window."""
    for _ in range(rounds):
        db.run(issue, service="TAX")
    window = CounterWindow(db, counter=1)
    window.resize(1366, 768)
    window.show()
    window.start()
    window.activateWindow()
    spin_until(window.isActiveWindow)
    window.signin.username.setText("somchai")
    window.signin.pin.setText(PINS["somchai"])
    window.signin.button.click()
    spin_until(lambda: window.stack.currentWidget() is window.station and window.state.snapshot is not None and quiet(window))
    code = window.station.ticket.code
    times = []
    try:
        for n in range(1, rounds + 1):
            expected = f"A{n:03d}"
            spin_until(lambda: quiet(window))
            started = time.perf_counter()
            QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
            spin_until(lambda expected=expected: code.text() == expected)
            code.repaint()  # shown means painted, not only set
            times.append((time.perf_counter() - started) * 1000)
            spin_until(lambda: quiet(window))
            window.station.pad.buttons["no_show"].click()
            spin_until(lambda: window.state.current is None and quiet(window))
    finally:
        window.stop()
    return times


def report(name: str, times: list[float]) -> None:
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    verdict = "ok" if median < TARGET_MS else "OVER TARGET"
    print(f"{name:<11} n={len(times):<4} median {median:6.1f} ms   p90 {p90:6.1f} ms   min {min(times):6.1f}   max {max(times):6.1f}   ({verdict}, target < {TARGET_MS:.0f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--pg", metavar="URL", help=f"PostgreSQL server (default: ${PG_ENV})")
    args = parser.parse_args()
    if args.pg:
        os.environ[PG_ENV] = args.pg
    app = QApplication(sys.argv[:1])
    app.setFont(sarabun_font(17))
    print("Call next → ticket shown at the counter window")
    with office_database("sqlite") as db:
        report("SQLite", measure(db, args.rounds))
    os.environ.setdefault(PG_ENV, DEFAULT_PG)
    problem = pg_problem()
    if problem:
        print(f"PostgreSQL  skipped: {problem}")
        return 0
    with office_database("pg") as db:
        report("PostgreSQL", measure(db, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
