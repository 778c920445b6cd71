"""The kiosk window: start → (priority lane) → result → start, locked down, live.

One entry point per outcome: :meth:`KioskWindow._apply_status` for queue changes,
:meth:`_on_issued` / :meth:`_on_refused` for a tap, :meth:`_on_printed` for the printer.
"""

from __future__ import annotations

import socket
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QLayout, QStackedWidget, QVBoxLayout, QWidget

from khiw.config import KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.engine import Priority
from khiw.engine.alerts import record_print
from khiw.engine.status import OfficeStatus, office_status, update_office_status
from khiw.engine.tickets import TicketSlip, issue_slip
from khiw.engine.touches import KIOSK_UNSEEN
from khiw.messages import describe
from khiw.printing import PrintOutcome
from khiw.qt.live import LiveRead
from khiw.qt.runner import OperationRunner
from khiw.thaidate import english_date, thai_date, thai_time
from kiosk import style, texts
from kiosk.admin_page import AdminPage
from kiosk.print_worker import PrintWorker
from kiosk.priority_page import PriorityPage
from kiosk.result_page import ResultPage
from kiosk.start_page import StartPage


FAILED_RESULT_SECONDS = 25.0  # a citizen without paper needs time to note the number
IDLE_SECONDS = 30.0  # the priority step or the PIN pad, left untouched, goes back to start
REFRESH_SECONDS = 30.0  # opening hours end without any event: re-read now and then


class KioskWindow(QWidget):
    """Signals:
    status_applied(object): an :class:`OfficeStatus` is on screen.
    issued(object): a ticket (:class:`TicketSlip`) was issued and is shown.
    print_finished(object, object): a ticket and its :class:`PrintOutcome`.
    """

    status_applied = Signal(object)
    issued = Signal(object)
    print_finished = Signal(object, object)

    #: Taps this soon after a page change are ignored: a double tap must not choose twice.
    TAP_GUARD_SECONDS = 0.4

    def __init__(
        self,
        db: Database,
        *,
        kiosk: KioskConfig,
        printer: PrinterConfig,
        office: str | None = None,
        locked: bool = True,
    ) -> None:
        super().__init__()
        self.settings = kiosk
        self.office = office
        self.locked = locked
        self.name = kiosk.name or socket.gethostname()
        self.lang = kiosk.language
        self.status: OfficeStatus | None = None
        self._busy = False
        self._guard_until = 0.0
        self._printer_down = False
        self._alerted: set[int] = set()
        self._unlocked = False
        self._service = ""
        self._stopped = False
        self._printing = 0

        self.setWindowTitle("Khiw — ตู้กดบัตรคิว")
        self.setObjectName("kiosk")
        self.setStyleSheet(f"QWidget#kiosk {{ background: {style.BACKGROUND}; }}")
        if locked:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        if kiosk.hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)

        self.start_page = StartPage()
        self.priority_page = PriorityPage()
        self.result_page = ResultPage()
        self.admin_page = AdminPage(kiosk.admin_pin_hash)
        self.stack = QStackedWidget()
        for page in (self.start_page, self.priority_page, self.result_page, self.admin_page):
            self.stack.addWidget(page)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        # The window takes the screen's size, whatever the pages' minimum at the size they were
        # first drawn at; they then rescale to it (see resizeEvent).
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.addWidget(self.stack)

        self.start_page.service_tapped.connect(self._on_service)
        self.start_page.language_toggled.connect(self._toggle_language)
        self.start_page.office.admin_gesture.connect(self.open_admin)
        self.priority_page.chosen.connect(self._on_priority)
        self.priority_page.back.connect(self.back_to_start)
        self.result_page.done.connect(self.back_to_start)
        self.admin_page.cancelled.connect(self.back_to_start)
        self.admin_page.unlocked.connect(self._unlock)
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, activated=self.open_admin)

        self.back_timer = QTimer(self, singleShot=True)
        self.back_timer.timeout.connect(self.back_to_start)
        self.clock_timer = QTimer(self, interval=1000)  # the minute turns over on time
        self.clock_timer.timeout.connect(self._show_clock)

        self.runner = OperationRunner(db, self)
        self.runner.waiting.connect(self._on_waiting)
        # The queues alone (no counter is shown here), brought up to date from each change.
        self.live = LiveRead(
            db,
            office_status,
            runner=self.runner,
            arguments=lambda: {"office": self.office, "counters": False},
            safety_ms=round(REFRESH_SECONDS * 1000),
            concerns=lambda change: change.kind not in KIOSK_UNSEEN,
            update=update_office_status,
            parent=self,
        )
        self.live.updated.connect(self._apply_status)
        self.live.online.connect(self._on_online)
        self.printing = PrintWorker(printer, self)
        self.printing.finished.connect(self._on_printed)
        self._retranslate()

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Read the queues and follow the database's changes."""
        self.printing.warm_up()
        self.live.start()
        self.clock_timer.start()

    def stop(self) -> None:
        self._stopped = True
        self.clock_timer.stop()
        self.printing.stop()
        self.live.stop()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        if self.locked and not self._unlocked:
            event.ignore()  # Alt+F4 and friends: only the admin PIN closes a locked kiosk
            return
        self.stop()
        event.accept()

    def _unlock(self) -> None:
        self._unlocked = True
        self.close()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        factor = style.scale_for(event.size())
        portrait = event.size().height() > event.size().width()
        self.start_page.set_portrait(portrait)
        self.result_page.set_portrait(portrait)
        style.rescale_all(self, factor)
        for button in self.start_page.buttons.values():
            button.rescale_badge(factor)

    # -- pages --------------------------------------------------------------------------

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._guard_until = time.monotonic() + self.TAP_GUARD_SECONDS

    def accepting_taps(self) -> bool:
        """False while a tap is being handled or just after the page changed."""
        return not self._busy and time.monotonic() >= self._guard_until

    def back_to_start(self) -> None:
        self.back_timer.stop()
        self._busy = False
        if self.lang != self.settings.language:
            self.lang = self.settings.language
            self._retranslate()
        self._show(self.start_page)

    def open_admin(self) -> None:
        self.admin_page.reset()
        self._show(self.admin_page)
        self.back_timer.start(round(IDLE_SECONDS * 1000))

    def _toggle_language(self) -> None:
        self.lang = "en" if self.lang == "th" else "th"
        self._retranslate()

    def _retranslate(self) -> None:
        self._show_clock()
        for page in (self.start_page, self.priority_page, self.result_page, self.admin_page):
            page.retranslate(self.lang)
        if self._printer_down:
            self.start_page.show_printer_problem(texts.text("printer_down", self.lang))
        factor = style.scale_for(self.size())
        style.rescale_all(self, factor)
        for button in self.start_page.buttons.values():
            button.rescale_badge(factor)

    # -- queues -------------------------------------------------------------------------

    def _apply_status(self, status: OfficeStatus) -> None:
        before, self.status = self.status, status
        if before is None:
            self._show_clock()
        # A change often leaves what this screen shows as it was (a ticket finished, a counter
        # paused whose services' waits round the same): then nothing is drawn again.
        if before is None or (before.office_name_th, before.office_name_en) != (status.office_name_th, status.office_name_en):
            self.start_page.set_office(status.office_name_th, status.office_name_en)
        if before is None or (before.queues, before.show_standard_time) != (status.queues, status.show_standard_time):
            self.start_page.show_queues(status.queues, standard_time=status.show_standard_time)
            factor = style.scale_for(self.size())
            for button in self.start_page.buttons.values():
                button.rescale_badge(factor)
        self.status_applied.emit(status)

    def _on_online(self, up: bool) -> None:
        if up:
            self.start_page.notice.hide()
        else:
            self.start_page.show_notice(texts.text("offline", self.lang))

    def _on_waiting(self, waiting: bool) -> None:
        """A tap whose ticket waits on the database (another PC holds a lock) says so."""
        if waiting:
            self.start_page.show_notice(texts.text("db_waiting", self.lang))
        else:
            self.start_page.notice.hide()

    def _show_clock(self) -> None:
        """The office's clock, as on the ticket, whatever the PC's own time zone says; blank
        until the office (and so its zone) has been read, never the PC's zone meanwhile."""
        if self.status is None:
            self.start_page.set_clock("")
            return
        now = datetime.now(ZoneInfo(self.status.timezone))
        when = english_date(now.date()) + now.strftime("  %H:%M") if self.lang == "en" else f"{thai_date(now.date(), short=True)}  {thai_time(now)}"
        self.start_page.set_clock(when)

    # -- a tap --------------------------------------------------------------------------

    def _on_service(self, code: str) -> None:
        if not self.accepting_taps() or self.status is None:
            return
        queue = next((q for q in self.status.queues if q.service_code == code), None)
        if queue is None or queue.closed_reason is not None:
            return
        if self.status.priority_classes:
            self._service = code
            name = queue.name_en if self.lang == "en" and queue.name_en else queue.name_th
            self.priority_page.prepare(name, self.status.priority_classes, self.lang)
            style.rescale_all(self.priority_page, style.scale_for(self.size()))
            self._show(self.priority_page)
            self.back_timer.start(round(IDLE_SECONDS * 1000))
        else:
            self._issue(code, Priority.NONE)

    def take_ticket(self, code: str, priority: Priority = Priority.NONE) -> bool:
        """Do what a citizen's taps on the start page do, in one call (the demo's autoplay).

        False when someone is using the kiosk, or the service is closed or unknown.
        """
        if self.stack.currentWidget() is not self.start_page or not self.accepting_taps() or self.status is None:
            return False
        queue = next((q for q in self.status.queues if q.service_code == code), None)
        if queue is None or queue.closed_reason is not None:
            return False
        if priority.is_priority and priority not in self.status.priority_classes:
            priority = Priority.NONE
        self._issue(code, priority)
        return True

    def _on_priority(self, priority: Priority) -> None:
        if self.accepting_taps() and self._service:
            self._issue(self._service, priority)

    def _issue(self, code: str, priority: Priority) -> None:
        self._busy = True
        self.back_timer.stop()
        self.runner.submit(issue_slip, service=code, priority=priority, office=self.office, on_done=self._on_issued, on_error=self._on_refused)

    def _on_issued(self, slip: TicketSlip) -> None:
        if self.printing.enabled:  # first: the citizen waits for paper, not for the screen
            self._printing += 1
            self.live.hold(True)  # the queues are re-read once the ticket is out
            self.printing.submit(slip)
        self.result_page.show_slip(slip, self.lang)
        self.result_page.show_status("printing" if self.printing.enabled else "screen_only")
        self._show(self.result_page)
        self._busy = False
        self.back_timer.start(round(self.settings.result_seconds * 1000))
        self.issued.emit(slip)

    def _on_refused(self, err: BaseException) -> None:
        self.back_to_start()
        self.start_page.show_notice(describe(err, self.lang))
        self.live.refresh()

    # -- the printer --------------------------------------------------------------------

    def _on_printed(self, slip: TicketSlip, outcome: PrintOutcome) -> None:
        if self._stopped:
            return
        self._printing = max(0, self._printing - 1)
        if not self._printing:
            self.live.hold(False)
        showing = self.stack.currentWidget() is self.result_page and self.result_page.slip == slip
        ticket = slip.ticket.id
        if outcome.problem is not None:
            if ticket not in self._alerted:
                self._alerted.add(ticket)
                self.runner.submit(record_print, ticket=ticket, kiosk=self.name, problem=outcome.problem.alert, office=self.office)
            self._printer_down = True
            self.start_page.show_printer_problem(texts.text("printer_down", self.lang))
            if showing:
                self.result_page.show_status("failed", outcome.problem)
                self.back_timer.start(round(max(self.settings.result_seconds, FAILED_RESULT_SECONDS) * 1000))
        elif outcome.printed:
            if showing:
                self.result_page.show_status("printed")
            if self._printer_down:
                self._printer_down = False
                self.start_page.show_printer_problem(None)
                self.runner.submit(record_print, ticket=ticket, kiosk=self.name, problem=None, office=self.office)
        self.print_finished.emit(slip, outcome)
