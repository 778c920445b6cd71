"""The processes of ``bench/office.py``: the stations (real windows, offscreen) and the driver.

    python -m bench.office_roles station {board,counter,kiosk} INDEX URL
    python -m bench.office_roles driver URL --counters N --seconds S --rate R

Each prints JSON lines on stdout. A station builds its window with the station's own
``build()``, as ``khiw display|counter|kiosk`` does, prints ``{"ready": true}`` once it shows
the office (a counter after signing in at its counter), then ``{"e": id, "t": time}`` each time
it has shown a read of the database up to event ``id`` (the board's snapshot applied, the
counter's and the kiosk's live read applied; painted in each case), until a line or the end
of its standard input tells it to stop. The driver signs its counters' staff in, prints
``{"go": time}``, then runs the office's work at a fixed rate and prints each operation's
duration and the wall time its commit returned.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from collections import Counter as Tally
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khiw.config import CounterConfig, KhiwConfig, StaffConfig
from khiw.engine.auth import hash_pin
from tests.fixtures import office_config

PIN = "4826"
ISSUED = ("TAX", "REG", "INF", "CMP")  # uncapped services: a long run never closes a queue
RECALL, NO_SHOW = 0.08, 0.04  # of the calls answered: recalled first, or not turning up


def staff_name(counter: int) -> str:
    return f"desk{counter:02d}"


def office_for(counters: int) -> KhiwConfig:
    """The example office with ``counters`` counters (the four shipped, then copies of their
    service lists in turn) and one staff account per counter, all with :data:`PIN`."""
    cfg = office_config()
    shipped = cfg.counters
    extra = [
        CounterConfig(number=n, name=f"ช่องบริการ {n}", services=shipped[(n - 1) % len(shipped)].services)
        for n in range(len(shipped) + 1, counters + 1)
    ]
    secret = hash_pin(PIN)
    desks = [StaffConfig(username=staff_name(n), display_name=f"เจ้าหน้าที่ช่อง {n}", pin_hash=secret) for n in range(1, counters + 1)]
    return cfg.model_copy(update={"counters": [*shipped, *extra], "staff": [*cfg.staff, *desks]})


def _say(**row: Any) -> None:
    print(json.dumps(row), flush=True)


def _stop_on_stdin() -> threading.Event:
    """Set once standard input gives a line or ends (the bench is done, or it died)."""
    stop = threading.Event()

    def wait() -> None:
        sys.stdin.readline()
        stop.set()

    threading.Thread(target=wait, daemon=True).start()
    return stop


def station(kind: str, index: int, url: str) -> None:
    """Build one station's real window on ``url``, report what it shows, stop when told."""
    from PySide6.QtCore import QTimer

    from khiw.config import DisplayConfig, KioskConfig, PrinterConfig
    from khiw.db import Database

    db = Database(url)
    if kind == "board":
        from display.app import build as build_board

        app, window = build_board(db, office=None, settings=DisplayConfig(fullscreen=False, voice="none"))
        size, shows, ready = (1920, 1080), window.controller.state_changed, lambda: window.controller.state is not None
    elif kind == "counter":
        from counter.app import build as build_counter

        app, window = build_counter(db, office=None, counter=index)
        size, shows = (1366, 768), window.live.updated
        ready = lambda: (
            window.state.counter == index and window.stack.currentWidget() is window.station and not window.busy and not window.live.reading
        )
    else:
        from kiosk.app import build as build_kiosk

        app, window = build_kiosk(db, office=None, kiosk=KioskConfig(fullscreen=False), printer=PrinterConfig(), windowed=True)
        size, shows, ready = (1920, 1080), window.live.updated, lambda: window.status is not None

    def shown(result: Any) -> None:
        app.processEvents()  # the repaint the window's own slot (connected first) asked for
        _say(e=result.event_id, t=time.time())

    shows.connect(shown)
    window.resize(*size)
    window.show()
    window.start()
    if kind == "counter":
        window.signin.username.setText(staff_name(index))
        window.signin.pin.setText(PIN)
        window.signin.button.click()
    stop = _stop_on_stdin()
    announced = False

    def check() -> None:
        nonlocal announced
        if not announced and ready():
            announced = True
            _say(ready=True)
        if stop.is_set():
            app.quit()

    timer = QTimer(interval=100)
    timer.timeout.connect(check)
    timer.start()
    app.exec()
    window.close()
    db.dispose()


class Driver:
    """The office's work at the counters and a kiosk, one operation at a time.

    Tickets are issued while few wait; otherwise the counters take turns: an idle one calls
    the next ticket of its services, a called ticket is started (now and then recalled first,
    or marked no-show), a served one is finished. Seeded, so runs do the same work.
    """

    def __init__(self, url: str, counters: int, seed: int = 11) -> None:
        from khiw.db import Database
        from khiw.engine import authenticate

        self.db = Database(url)
        self.services = {c.number: c.services for c in office_for(counters).counters[:counters]}
        self.actors = {n: self.db.run(authenticate, username=staff_name(n), pin=PIN).staff_id for n in self.services}
        self.issued = [s for s in ISSUED if any(s in served for served in self.services.values())]
        self.rng = random.Random(seed)
        self.waiting: Tally[str] = Tally()
        self.desks: dict[int, tuple[int, str, int, str] | None] = dict.fromkeys(self.services)  # ticket, status, recalls, service
        self.turn = 0
        self.desk = 0  # the counter the last operation chosen works at

    def next_operation(self) -> tuple[str, Any, dict[str, Any]]:
        from khiw.engine import call_next, finish, issue, no_show, recall, start

        self.turn += 1
        order = sorted(self.services, key=lambda n: (n - self.turn) % len(self.services))
        busy = [n for n in order if self.desks[n] is not None]
        callable_ = [n for n in order if self.desks[n] is None and any(self.waiting[s] for s in self.services[n])]
        if sum(self.waiting.values()) < 3 or (self.turn % 4 == 0 and sum(self.waiting.values()) < 30) or not (busy or callable_):
            return "issue", issue, {"service": self.rng.choice(self.issued)}
        if callable_ and (not busy or self.turn % 2):
            n = self.desk = callable_[0]
            return "call next", call_next, {"counter": n, "actor": self.actors[n]}
        n = self.desk = busy[0]
        ticket, status, recalls, _ = self.desks[n]  # type: ignore[misc]
        actor = self.actors[n]
        if status == "serving":
            return "finish", finish, {"ticket": ticket, "actor": actor}
        roll = self.rng.random()
        if roll < RECALL and recalls < 2:
            return "recall", recall, {"ticket": ticket, "actor": actor}
        if roll < RECALL + NO_SHOW:
            return "no-show", no_show, {"ticket": ticket, "actor": actor}
        return "start", start, {"ticket": ticket, "actor": actor}

    def concerned(self, name: str, kwargs: dict[str, Any], result: Any) -> dict[str, Any]:
        """The service and counter (None: a kiosk's issue) the operation's event names, as the
        change feed carries them: a counter station shows only its own and its services'."""
        if name == "issue":
            return {"service": kwargs["service"], "counter": None}
        if name == "call next":
            return {"service": result.ticket.service_code, "counter": self.desk}
        return {"service": self.desks[self.desk][3], "counter": self.desk}  # type: ignore[index]

    def note(self, name: str, kwargs: dict[str, Any], result: Any) -> None:
        """Follow the office's state from what the operation returned."""
        if name == "issue":
            self.waiting[kwargs["service"]] += 1
        elif name == "call next":
            self.waiting[result.ticket.service_code] -= 1
            self.desks[self.desk] = (result.ticket.id, "called", 0, result.ticket.service_code)
        else:
            ticket, _, recalls, service = self.desks[self.desk]  # type: ignore[misc]
            self.desks[self.desk] = {"recall": (ticket, "called", recalls + 1, service), "start": (ticket, "serving", recalls, service)}.get(name)

    def run(self, seconds: float, rate: float) -> None:
        """Operations every ``1/rate`` s for ``seconds``; one JSON line each."""
        interval = 1 / rate
        _say(go=time.time())  # signed in and connected: the measured run starts now
        due = time.monotonic()
        deadline = due + seconds
        while due < deadline:
            name, op, kwargs = self.next_operation()
            began = time.perf_counter()
            result = self.db.run(op, **kwargs)
            took = (time.perf_counter() - began) * 1000
            _say(op=name, ms=took, e=result.event_id, at=time.time(), call=name in ("call next", "recall"), **self.concerned(name, kwargs, result))
            self.note(name, kwargs, result)
            due = max(due + interval, time.monotonic() - interval)  # late: go on, no burst to catch up
            time.sleep(max(0.0, due - time.monotonic()))
        self.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    roles = parser.add_subparsers(dest="role", required=True)
    one = roles.add_parser("station")
    one.add_argument("kind", choices=["board", "counter", "kiosk"])
    one.add_argument("index", type=int)
    one.add_argument("url")
    work = roles.add_parser("driver")
    work.add_argument("url")
    work.add_argument("--counters", type=int, required=True)
    work.add_argument("--seconds", type=float, required=True)
    work.add_argument("--rate", type=float, required=True)
    args = parser.parse_args()
    if args.role == "station":
        station(args.kind, args.index, args.url)
    else:
        Driver(args.url, args.counters).run(args.seconds, args.rate)


if __name__ == "__main__":
    main()
