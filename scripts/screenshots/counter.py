"""Screenshots of the counter station for docs/: 1366×768 and 1920×1080, Thai and English,
free (showing the next ticket), the keypad's call-a-ticket dialog, and the supervisor's
overview and report tab, on a throw-away SQLite office with a realistic morning in it.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/counter.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.dialogs import CallTicketDialog  # noqa: E402
from counter.i18n import FOLDER, Translations  # noqa: E402
from counter.window import CounterWindow  # noqa: E402
from khiw.clock import utcnow  # noqa: E402
from khiw.db import Database  # noqa: E402
from khiw.engine import (  # noqa: E402
    authenticate,
    call_next,
    finish,
    issue,
    no_show,
    pause_counter,
    start,
    transfer,
)
from khiw.qt.fonts import sarabun_font  # noqa: E402
from tests.fixtures import PINS, new_database, with_office  # noqa: E402

DOCS = ROOT / "docs"
SIZE = (1366, 768)


def morning(db: Database) -> None:
    """An hour of a working morning, replayed in time order: tickets issued, served, a no-show,
    a transfer, a counter on its lunch break, and at counter 2 a pregnant woman's service that
    has run past its 15-minute standard time (amber)."""
    now = utcnow()
    staff = {n: db.run(authenticate, username=n, pin=PINS[n]).staff_id for n in ("somchai", "malee", "prasert")}
    at_counter = {1: "somchai", 2: "malee", 3: "prasert"}
    issues = [
        (75, "REG", "none"), (72, "REG", "none"), (70, "TAX", "none"), (66, "REG", "elderly"), (64, "WEL", "none"),
        (60, "REG", "none"), (58, "REG", "none"), (55, "INF", "none"), (50, "REG", "none"), (47, "TAX", "none"),
        (40, "WEL", "disabled"), (33, "REG", "none"), (28, "REG", "pregnant"), (22, "REG", "none"), (15, "WEL", "none"),
        (12, "INF", "none"), (9, "REG", "none"), (6, "TAX", "none"), (3, "REG", "elderly"), (1, "CMP", "none"),
    ]
    work = [  # (minutes ago, counter, action)
        (74, 2, "call"), (73.5, 2, "start"), (62.2, 2, "finish"),
        (60, 2, "call"), (57, 2, "no_show"),
        (56, 2, "call"), (55.5, 2, "start"), (52, 2, "transfer"),
        (50, 2, "call"), (49.5, 2, "start"), (36.5, 2, "finish"),
        (40, 1, "call"), (39.5, 1, "start"), (31, 1, "finish"),
        (30, 3, "call"), (29, 3, "start"), (20, 3, "finish"), (19, 3, "pause"),
        (18, 2, "call"), (17.2, 2, "start"),
        (4, 1, "call"), (3.5, 1, "start"),
    ]
    steps = [(m, "issue", (svc, prio)) for m, svc, prio in issues] + [(m, action, counter) for m, counter, action in work]
    current: dict[int, int] = {}
    for minutes, action, arg in sorted(steps, key=lambda step: -step[0]):
        when = now - timedelta(minutes=minutes)
        if action == "issue":
            db.run(issue, service=arg[0], priority=arg[1], now=when)
            continue
        who = staff[at_counter[arg]]
        if action == "call":
            current[arg] = db.run(call_next, counter=arg, actor=who, now=when).ticket.id
        elif action == "pause":
            db.run(pause_counter, counter=arg, reason="lunch", actor=who, now=when)
        elif action == "transfer":
            db.run(transfer, ticket=current[arg], service="WEL", actor=who, now=when)
        else:
            op = {"start": start, "finish": finish, "no_show": no_show}[action]
            db.run(op, ticket=current[arg], actor=who, now=when)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(window: CounterWindow) -> None:
    """Wait for every queued read and write to land, then paint."""
    wait_until(lambda: not window.busy and not window.live.reading)
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.01)


def sign_in(window: CounterWindow, username: str) -> None:
    window.signin.username.setText(username)
    window.signin.pin.setText(PINS[username])
    window.signin.button.click()


def save(window: CounterWindow, name: str, size: tuple[int, int] = SIZE) -> None:
    window.resize(*size)
    settle(window)
    path = DOCS / name
    window.grab().save(str(path))
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setFont(sarabun_font(17))
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(FOLDER / "counter_en.ts"), "-qm", f"{tmp}/counter_en.qm"], check=True)
        db = with_office(new_database(f"sqlite:///{tmp}/khiw.db"))
        morning(db)
        window = CounterWindow(db, counter=2, translations=Translations(Path(tmp)), watch=False)
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(window)
        save(window, "counter-signin-th.png")
        sign_in(window, "malee")
        wait_until(lambda: window.stack.currentWidget() is window.station and window.state.current is not None)
        save(window, "counter-th.png")
        save(window, "counter-th-1920x1080.png", (1920, 1080))
        window.toggle_language()
        save(window, "counter-en.png")
        window.toggle_language()
        window.station.pad.buttons["finish"].click()
        wait_until(lambda: window.state.current is None and window.station.ticket.upcoming.isVisible())
        save(window, "counter-free-th.png")
        save(window, "counter-free-th-1920x1080.png", (1920, 1080))
        window.station.pad.buttons["call_ticket"].click()
        wait_until(lambda: window.findChild(CallTicketDialog) is not None and window.findChild(CallTicketDialog).isVisible())
        dialog = window.findChild(CallTicketDialog)
        dialog.digits = "21"
        dialog.choosing_reason = True
        dialog._draw()
        settle(window)
        path = DOCS / "counter-call-ticket-dialog.png"
        dialog.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}")
        dialog.reject()
        boss = CounterWindow(db, translations=Translations(Path(tmp)), watch=False)
        boss.resize(*SIZE)
        boss.show()
        boss.start()
        settle(boss)
        sign_in(boss, "wanida")
        wait_until(lambda: boss.stack.currentWidget() is boss.supervisor and boss.supervisor.overview.counters.rowCount() > 0)
        save(boss, "counter-overview-th.png")
        save(boss, "counter-overview-th-1920x1080.png", (1920, 1080))
        boss.supervisor.setCurrentWidget(boss.reports)
        save(boss, "counter-report-1366x768.png")
        for w in (window, boss):
            w.stop()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
