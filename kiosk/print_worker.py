"""Rendering and printing tickets on their own thread, with a watchdog.

The engine runner must never wait for a printer, and the kiosk must never wait for either:
tickets are rendered and printed one at a time on a print thread, and each outcome comes
back as a signal. The printer's own timeouts end nearly every failure; the watchdog ends
the rest (a driver stuck in a write): the citizen is told within seconds, and later tickets
go to a fresh print thread instead of queueing behind the stuck one.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from khiw.config import PrinterConfig
from khiw.engine.tickets import TicketSlip
from khiw.printing import PrintOutcome, PrintProblem, TicketPrinter
from khiw.ticket import render_ticket

log = logging.getLogger(__name__)

#: Seconds a ticket may take to print after the printer said it is ready, at most.
SEND_BUDGET = 30.0


@dataclass
class _Job:
    slip: TicketSlip
    resolved: bool = False
    sending: bool = False
    timer: QTimer | None = field(default=None, repr=False)


class PrintWorker(QObject):
    """Signals:
    finished(object, object): a ticket (:class:`TicketSlip`) and its :class:`PrintOutcome`.
        Emitted once per ticket, except that a ticket the watchdog gave up on emits again
        if it prints after all.
    """

    finished = Signal(object, object)
    _outcome = Signal(object, object)
    _sending = Signal(object)

    def __init__(self, cfg: PrinterConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.printer = TicketPrinter(cfg)
        self._queue: queue.SimpleQueue[_Job | None] | None = None
        self._outcome.connect(self._deliver)
        self._sending.connect(self._on_sending)

    @property
    def enabled(self) -> bool:
        return self.printer.enabled

    def submit(self, slip: TicketSlip) -> None:
        """Render and print ``slip``; the outcome arrives through :attr:`finished`."""
        job = _Job(slip)
        job.timer = QTimer(self, singleShot=True)
        job.timer.timeout.connect(lambda: self._give_up(job))
        job.timer.start(round((self.cfg.timeout_seconds + 1.0) * 1000))
        if self._queue is None:
            self._queue = queue.SimpleQueue()
            threading.Thread(target=self._loop, args=(self._queue,), name="khiw-print", daemon=True).start()
        self._queue.put(job)

    def stop(self) -> None:
        """End the print thread after the ticket it is printing, if any."""
        if self._queue is not None:
            self._queue.put(None)
            self._queue = None

    def warm_up(self) -> None:
        """Load fonts and the line breaker now, so the first ticket prints as fast as the rest."""
        threading.Thread(target=_warm, name="khiw-print-warm", daemon=True).start()

    def _loop(self, jobs: queue.SimpleQueue[_Job | None]) -> None:
        while (job := jobs.get()) is not None:
            if job.resolved:
                continue  # the watchdog already told the citizen; do not print it late
            try:
                image = render_ticket(job.slip, width=self.cfg.width_dots)
                name = f"{job.slip.ticket.code}-{job.slip.ticket.id}"
                outcome = self.printer.print_image(image, name=name, on_send=lambda job=job: self._sending.emit(job))
            except Exception as err:  # a rendering bug must still leave the citizen a ticket on screen
                log.exception("printing ticket %s failed", job.slip.ticket.code)
                outcome = PrintOutcome(False, PrintProblem.ERROR, str(err))
            self._outcome.emit(job, outcome)

    @Slot(object)
    def _on_sending(self, job: _Job) -> None:
        job.sending = True
        if job.timer is not None and not job.resolved:
            job.timer.start(round(SEND_BUDGET * 1000))

    def _give_up(self, job: _Job) -> None:
        if job.resolved:
            return
        job.resolved = True
        if self._queue is not None:  # the thread is stuck in a driver call: start afresh
            self._queue.put(None)
            self._queue = None
        stage = "sending the ticket" if job.sending else "waiting for the printer"
        log.warning("ticket %s: printer stuck %s", job.slip.ticket.code, stage)
        self.finished.emit(job.slip, PrintOutcome(False, PrintProblem.TIMEOUT, f"stuck {stage}"))

    @Slot(object, object)
    def _deliver(self, job: _Job, outcome: PrintOutcome) -> None:
        if job.timer is not None:
            job.timer.stop()
        if job.resolved and not outcome.printed:
            return  # already reported as a timeout
        job.resolved = True
        self.finished.emit(job.slip, outcome)


def _warm() -> None:
    from khiw.linebreak import chunks
    from khiw.ticket.fonts import font

    for weight in (400, 500, 700, 800):
        font(32, weight).getlength("ก")
    chunks("บัตรคิว")
