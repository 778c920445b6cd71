"""The demo's autoplay: citizens arrive at the kiosk and other counters serve them.

It drives the real kiosk window (``take_ticket``, so tickets are printed like a tap would
print them) and counters 2 and up through the engine as their staff, at a pace a person
can follow on the board: about one arrival every few seconds, service in tens of seconds.
Counter 1 is left for the person trying the demo. QtCore only: timers on the GUI thread,
engine calls through the :class:`OperationRunner`.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from khiw.db import Database
from khiw.engine import (
    Priority,
    TicketCalled,
    call_next,
    finish,
    no_show,
    open_counter,
    start,
)
from khiw.engine.lookup import staff as find_staff
from khiw.errors import CounterBusy, KhiwError, QueueEmpty
from khiw.qt.runner import OperationRunner

log = logging.getLogger(__name__)

# How often each service is asked for, and how often a citizen is in the priority lane.
SERVICE_MIX = {"TAX": 5, "REG": 4, "WEL": 3, "BLD": 1, "CMP": 1, "INF": 4}
PRIORITY_SHARE = 0.15
NO_SHOW_SHARE = 0.08


class Kiosk(Protocol):
    def take_ticket(self, code: str, priority: Priority = ...) -> bool: ...


@dataclass
class Desk:
    """One autoplayed counter, the ticket it holds and when its next step is due."""

    number: int
    actor: int | None = None
    ticket: int | None = None
    started: bool = False
    due: float = 0.0
    standard_minutes: int = 10
    busy: bool = field(default=False)


class Autoplay(QObject):
    """Issues and serves tickets by itself until stopped; counts what it did."""

    def __init__(self, db: Database, kiosk: Kiosk, *, counters: list[int], staff: list[str], seed: int | None = None, speed: float = 1.0) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.random = random.Random(seed)
        self.speed = speed
        self.runner = OperationRunner(db, self)
        self.desks = [Desk(n) for n in counters]
        self.issued = self.called = self.finished = 0
        self._staff = dict(zip(counters, staff, strict=False))
        self.arrivals = QTimer(self, singleShot=True)
        self.arrivals.timeout.connect(self._arrive)
        self.work = QTimer(self, interval=round(1500 / speed))
        self.work.timeout.connect(self._serve)

    def start(self) -> None:
        """Sign the staff in at their counters, then begin."""
        for desk in self.desks:
            username = self._staff.get(desk.number)
            self.runner.submit(lambda s, u=username: find_staff(s, u).id if u else None, read=True, on_done=lambda actor, d=desk: self._sign_in(d, actor))
        self._schedule_arrival(0.5)
        self.work.start()

    def stop(self) -> None:
        self.arrivals.stop()
        self.work.stop()
        self.runner.shutdown()

    def _sign_in(self, desk: Desk, actor: int | None) -> None:
        desk.actor = actor
        self.runner.submit(open_counter, counter=desk.number, actor=actor, on_error=self._log)

    def _schedule_arrival(self, seconds: float) -> None:
        self.arrivals.start(round(seconds * 1000 / self.speed))

    def _arrive(self) -> None:
        codes = list(SERVICE_MIX)
        code = self.random.choices(codes, weights=[SERVICE_MIX[c] for c in codes])[0]
        priority = self.random.choice([p for p in Priority if p.is_priority]) if self.random.random() < PRIORITY_SHARE else Priority.NONE
        if self.kiosk.take_ticket(code, priority):
            self.issued += 1
            self._schedule_arrival(self.random.uniform(3, 7))
        else:
            self._schedule_arrival(1.0)  # someone is at the kiosk: come back in a moment

    def _serve(self) -> None:
        """One step per counter when it is due: call, then start (or no-show), then finish."""
        now = time.monotonic()
        for desk in self.desks:
            if desk.busy or now < desk.due:
                continue
            desk.busy = True
            if desk.ticket is None:
                self.runner.submit(call_next, counter=desk.number, actor=desk.actor, on_done=lambda r, d=desk: self._called(d, r), on_error=lambda e, d=desk: self._failed(d, e))
            elif not desk.started and self.random.random() < NO_SHOW_SHARE:
                self.runner.submit(no_show, ticket=desk.ticket, actor=desk.actor, on_done=lambda _r, d=desk: self._free(d), on_error=lambda e, d=desk: self._failed(d, e))
            elif not desk.started:
                self.runner.submit(start, ticket=desk.ticket, actor=desk.actor, on_done=lambda _r, d=desk: self._started(d), on_error=lambda e, d=desk: self._failed(d, e))
            else:
                self.runner.submit(finish, ticket=desk.ticket, actor=desk.actor, on_done=lambda _r, d=desk: self._finished(d), on_error=lambda e, d=desk: self._failed(d, e))

    def _later(self, desk: Desk, seconds: float) -> None:
        desk.busy = False
        desk.due = time.monotonic() + seconds / self.speed

    def _called(self, desk: Desk, result: TicketCalled) -> None:
        desk.ticket, desk.started, desk.standard_minutes = result.ticket.id, False, result.ticket.standard_minutes
        self.called += 1
        self._later(desk, self.random.uniform(2, 5))  # the citizen walks to the counter

    def _started(self, desk: Desk) -> None:
        desk.started = True
        # A demo minute is two seconds, around the service's published standard time.
        self._later(desk, 2 * desk.standard_minutes * self.random.uniform(0.6, 1.3))

    def _finished(self, desk: Desk) -> None:
        self.finished += 1
        self._free(desk)

    def _free(self, desk: Desk) -> None:
        desk.ticket, desk.started = None, False
        self._later(desk, self.random.uniform(1, 3))

    def _failed(self, desk: Desk, err: BaseException) -> None:
        if isinstance(err, CounterBusy | QueueEmpty):
            desk.ticket = None if isinstance(err, QueueEmpty) else desk.ticket
        else:
            self._log(err)
            desk.ticket, desk.started = None, False  # someone else moved it (a person at counter 1's window, say)
        self._later(desk, 2.0)

    def _log(self, err: Any) -> None:
        if isinstance(err, KhiwError):
            log.info("autoplay: %s", err)
        else:
            log.warning("autoplay: %s", err)
