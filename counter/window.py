"""The counter station's window: sign in, pick a counter, work; or, for a supervisor, watch.

All database work goes through one :class:`OperationRunner` (one worker thread, results back
as signals), and every outcome, from any operation or from a re-read after the change feed
fired, enters through :meth:`CounterWindow.apply`, which folds it into the
:class:`DeskState` and redraws. Nothing else changes what the window shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter import actions, style
from counter.admin_view import AdminView
from counter.desk import DeskState, Notice, reduce
from counter.dialogs import CallTicketDialog, ChoiceDialog, ServiceChoice
from counter.i18n import Translations
from counter.labels import (
    COUNTER_STATES,
    PRINTER_PROBLEMS,
    ROLES,
    label,
    service_name,
)
from counter.overview import SupervisorPage
from counter.plan_view import PlanView
from counter.report_view import ReportView
from counter.signin import CounterPicker, SignInPage
from counter.station import StationPage
from khiw.changes import Change
from khiw.clock import utcnow
from khiw.db import Database
from khiw.engine import (
    Actor,
    CounterState,
    EventKind,
    Role,
    authenticate,
    call_next,
    call_ticket,
    close_counter,
    finish,
    no_show,
    open_counter,
    pause_counter,
    reactivate,
    recall,
    resume_counter,
    start,
    transfer,
)
from khiw.engine.counter_snapshot import CounterSnapshot, read_counter_snapshot, update_counter_snapshot
from khiw.engine.touches import COUNTER_OFFICE_WIDE
from khiw.messages import describe
from khiw.qt.fonts import install_sarabun
from khiw.qt.live import LiveRead
from khiw.qt.restyle import restyle
from khiw.qt.runner import OperationRunner
from khiw.vocabulary import PAUSE_REASON_NAMES

TICK_MS = 1000  # the service timer's resolution
REFRESH_MS = 30_000  # waits grow without any event; re-read now and then


def _scrolled(page: QWidget) -> QScrollArea:
    """``page`` in a scroll area titled as it is: the staffing plan needs about 530 px, more
    than a 1024×600 screen leaves it (at 768 lines and up it never scrolls)."""
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QScrollArea.Shape.NoFrame)
    scroller.setWidget(page)
    scroller.setWindowTitle(page.windowTitle())
    page.windowTitleChanged.connect(scroller.setWindowTitle)
    return scroller


def _scroll_each_page(tabs: QTabWidget) -> None:
    """Let each page of ``tabs`` scroll on its own when it is taller than its room.

    The report's charts need about 500 px: as the report's tallest page they made the whole
    view taller than a 1366×768 screen, so the view sat in a scroll area and its export
    buttons fell below the fold. Scrolling inside the page keeps the period pickers, the
    figures and the export buttons in view at any height.
    """
    for index in range(tabs.count()):
        page, title = tabs.widget(index), tabs.tabText(index)
        if isinstance(page, QAbstractScrollArea):
            continue  # tables scroll already
        tabs.removeTab(index)
        tabs.insertTab(index, _scrolled(page), title)


class CounterWindow(QMainWindow):
    """One counter station (or a supervisor's overview) on one database.

    ``counter`` binds the station to that counter (``khiw counter --counter N``); without it
    the staff member picks one after signing in. ``clock`` only drives the on-screen timers;
    every recorded time comes from the engine.
    """

    def __init__(
        self,
        db: Database,
        *,
        counter: int | None = None,
        office: str | None = None,
        translations: Translations | None = None,
        clock: Callable[[], datetime] = utcnow,
        watch: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.bound = counter
        self.office = office
        self.translations = translations or Translations()
        self.clock = clock
        self.state = DeskState()
        self.runner = OperationRunner(db, self)
        self.runner.waiting.connect(self._set_waiting)
        self._waiting = False
        self._writes = 0
        self._online = True
        self._closing = self._shut = False
        self._build()
        # Names, reasons and notices come from the office's data: "<b>x</b>" must read as typed.
        for widget in self.findChildren(QLabel):
            widget.setTextFormat(Qt.TextFormat.PlainText)
        # The window's own look, not the application's: the demo shows the kiosk and the
        # board in the same process, and dialogs parented here inherit it.
        self.setStyleSheet(style.sheet(install_sarabun()))
        self._tick = QTimer(self, interval=TICK_MS, timeout=self._on_tick)
        self.live = LiveRead(
            db,
            read_counter_snapshot,
            runner=self.runner,
            arguments=self._read_arguments,
            safety_ms=REFRESH_MS,
            watch=watch,
            concerns=self._concerns,
            update=update_counter_snapshot,
            parent=self,
        )
        self.live.updated.connect(self.apply)
        self.live.online.connect(self._set_online)
        self._retranslate()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.top = QFrame()
        self.top.setObjectName("topBar")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 24px; font-weight: 800;")
        self.badge = QLabel()
        self.staff = QLabel()
        self.staff.setStyleSheet("font-size: 18px;")
        self.language = QPushButton()
        self.language.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_out = QPushButton()
        self.sign_out.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar = QHBoxLayout(self.top)
        bar.setContentsMargins(16, 8, 16, 8)
        bar.setSpacing(14)
        for widget in (self.heading, self.badge):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.staff, self.language, self.sign_out):
            bar.addWidget(widget)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.hide()
        self.signin = SignInPage()
        self.picker = CounterPicker()
        self.station = StationPage()
        self.supervisor = SupervisorPage()
        self.reports = ReportView(self.runner)
        _scroll_each_page(self.reports.tabs)
        self.reports.tabs.setObjectName("reportTabs")
        self.supervisor.add_tab(self.reports)
        self.planner = PlanView(self.runner)
        self.supervisor.add_tab(_scrolled(self.planner))
        self.admin = AdminView(self.runner, actor=lambda: self.state.actor.staff_id if self.state.actor else None, office=self.office, lang=lambda: self.lang)
        self.supervisor.add_tab(_scrolled(self.admin))  # its forms must not widen the window past a small screen
        self.stack = QStackedWidget()
        for page in (self.signin, self.picker, self.station, self.supervisor):
            self.stack.addWidget(page)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setMinimumHeight(40)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for widget in (self.top, self.banner, self.stack, self.notice):
            column.addWidget(widget)
        central = QWidget()
        central.setLayout(column)
        self.setCentralWidget(central)

        self.signin.submitted.connect(self._sign_in)
        self.picker.picked.connect(self._take)
        self.station.action.connect(self._act)
        self.station.reactivate.connect(self._reactivate)
        self.sign_out.clicked.connect(self._sign_out)
        self.language.clicked.connect(self.toggle_language)
        self.language.setEnabled(self.translations.available("en"))
        QShortcut(QKeySequence(Qt.Key.Key_F12), self, activated=self.toggle_language)

    # -- the one entry point ------------------------------------------------------------------

    def apply(self, outcome: Any) -> None:
        """Fold an outcome (engine result, snapshot, refusal) into the state and redraw."""
        self.state = reduce(self.state, outcome)
        if isinstance(outcome, BaseException) and self.stack.currentWidget() is self.signin:
            self.signin.refuse(describe(outcome, self.lang))
        self._render()

    @property
    def lang(self) -> str:
        return self.translations.language

    # -- running operations ---------------------------------------------------------------------

    def _submit(
        self,
        op: Callable[..., Any],
        *,
        read: bool = False,
        then: Callable[[Any], None] | None = None,
        otherwise: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> None:
        if not read:
            self._writes += 1

        def done(result: Any) -> None:
            if not read:
                self._writes -= 1
            self.apply(result)
            if then is not None:
                then(result)

        def failed(err: BaseException) -> None:
            if not read:
                self._writes -= 1
            self.apply(err)
            if otherwise is not None:
                otherwise(err)
            elif not read:
                self.live.refresh()  # a refusal often means this screen was behind the database

        self.runner.submit(op, read=read, on_done=done, on_error=failed, **kwargs)

    @property
    def busy(self) -> bool:
        """Whether a change is still on its way to the database (keys wait for it)."""
        return self._writes > 0

    def _read_arguments(self) -> dict[str, object]:
        return {"counter": self.state.counter, "office": self.office}

    def _concerns(self, change: Change) -> bool:
        """At its counter, the station shows that counter, its services' queues and the
        office-wide state: a ticket of another service at another counter is not its business.
        Anywhere else (signing in, the picker, the supervisor's overview) it shows every counter."""
        snap = self.state.snapshot
        if self._page() is not self.station or snap is None or snap.number is None or snap.number != self.state.counter:
            return True
        if change.kind in COUNTER_OFFICE_WIDE or change.counter_id == snap.counter_id or change.service_id in snap.service_ids:
            return True
        return change.counter_id is None and change.service_id is None

    # -- signing in and out ------------------------------------------------------------------

    def _sign_in(self, username: str, pin: str) -> None:
        self._submit(authenticate, username=username, pin=pin, then=self._signed_in)

    def _signed_in(self, actor: Actor) -> None:
        self.reports.produced_by = actor.display_name
        if actor.role == Role.STAFF and self.bound is not None:
            self._take(self.bound)
        else:
            self.live.refresh()
        if actor.role != Role.STAFF:
            self.admin.refresh(reload=True)

    def _take(self, number: int) -> None:
        """Work at counter ``number``: open it, unless this person paused it (it stays paused)."""
        self._submit(read_counter_snapshot, read=True, counter=number, office=self.office, then=lambda snap: self._open(number, snap))

    def _open(self, number: int, snap: CounterSnapshot) -> None:
        actor = self.state.actor
        desk = snap.counter(number)
        if actor is None or desk is None:
            return
        if desk.state == CounterState.PAUSED and desk.staff_username == actor.username:
            self.apply(desk)
            self.live.refresh()
            return
        self._submit(open_counter, counter=number, actor=actor.staff_id, office=self.office, then=lambda _: self.live.refresh())

    def _sign_out(self) -> None:
        s = self.state
        if s.actor is not None and s.counter is not None and s.counter_state != CounterState.CLOSED:
            self._submit(close_counter, counter=s.counter, actor=s.actor.staff_id, office=self.office, then=lambda _: self._signed_out())
        else:
            self._signed_out()

    def _signed_out(self) -> None:
        self.state = DeskState(snapshot=self.state.snapshot)
        self.signin.reset()
        self._render()

    # -- counter actions ------------------------------------------------------------------------

    def _act(self, name: str) -> None:
        s = self.state
        if self.busy or s.actor is None or s.counter is None:
            return  # one change at a time: a key pressed meanwhile acted on an outdated screen
        who = {"actor": s.actor.staff_id, "office": self.office}
        ticket = s.current.id if s.current is not None else None
        if name == actions.CALL_NEXT:
            self._submit(call_next, counter=s.counter, **who)
        elif name == actions.PAUSE and s.counter_state == CounterState.PAUSED:
            self._submit(resume_counter, counter=s.counter, **who)
        elif name == actions.PAUSE:
            items = [(str(reason), name.in_language(self.lang)) for reason, name in PAUSE_REASON_NAMES.items()]
            self._ask(ChoiceDialog(self.tr("พักชั่วคราว: เลือกเหตุผล"), items, self), lambda reason: self._submit(pause_counter, counter=s.counter, reason=reason, **who))
        elif name == actions.CALL_TICKET:
            services = [ServiceChoice(q.prefix, service_name(self.lang, q.name_th, q.name_en)) for q in (s.snapshot.queues_of(s.counter) if s.snapshot else ())]
            self._ask(CallTicketDialog(services, self.lang, self), lambda code, why: self._submit(call_ticket, counter=s.counter, ticket=code, reason=why, **who))
        elif ticket is None:
            return
        elif name == actions.TRANSFER:
            items = self._transfer_targets()
            self._ask(ChoiceDialog(self.tr("ส่งต่อไปงานบริการ"), items, self), lambda code: self._submit(transfer, ticket=ticket, service=code, **who))
        else:
            op = {actions.RECALL: recall, actions.START: start, actions.FINISH: finish, actions.NO_SHOW: no_show}[name]
            self._submit(op, ticket=ticket, **who)

    def _ask(self, dialog: ChoiceDialog | CallTicketDialog, answer: Callable[..., None]) -> None:
        """Open ``dialog`` without blocking (live updates go on) and act on its answer."""
        self.dialog = dialog
        dialog.chosen.connect(answer)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _transfer_targets(self) -> list[tuple[str, str]]:
        s = self.state
        if s.snapshot is None or s.current is None:
            return []
        return [
            (q.service_code, f"{q.prefix}  {service_name(self.lang, q.name_th, q.name_en)}")
            for q in s.snapshot.status.queues
            if q.service_code != s.current.service_code and q.closed_reason != "inactive"
        ]

    def _reactivate(self, ticket_id: int) -> None:
        if not self.busy and self.state.actor is not None:
            self._submit(reactivate, ticket=ticket_id, actor=self.state.actor.staff_id, office=self.office)

    # -- language -----------------------------------------------------------------------------

    def toggle_language(self) -> None:
        """Thai ⇄ English (English only when its translation file is built)."""
        self.translations.use("en" if self.lang == "th" else "th")
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("ช่องบริการ - ระบบบัตรคิว"))
        self.sign_out.setText(self.tr("ออกจากระบบ"))
        self.language.setText("English" if self.lang == "th" else "ภาษาไทย")
        self.language.setToolTip("F12" if self.language.isEnabled() else self.tr("ยังไม่ได้สร้างไฟล์แปลภาษาอังกฤษ"))
        self.signin.counter = self.bound
        self.signin.retranslate()
        self._render()

    # -- drawing ---------------------------------------------------------------------------------

    def _page(self) -> QWidget:
        s = self.state
        if s.actor is None:
            return self.signin
        if s.actor.role != Role.STAFF:
            return self.supervisor
        if s.counter is None:
            return self.signin if self.bound is not None else self.picker
        return self.station

    def _render(self) -> None:
        s, lang = self.state, self.lang
        page = self._page()
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        snap = s.snapshot
        desk = snap.counter(s.counter) if snap else None
        office = (snap.status.office_name_en if lang == "en" and snap.status.office_name_en else snap.status.office_name_th) if snap else ""
        if page is self.station:
            self.heading.setText(desk.name if desk and desk.name else self.tr("ช่องบริการ {number}").format(number=s.counter))
            self.badge.setText(label(COUNTER_STATES, s.counter_state))
            colour = style.STATE_COLOURS.get(s.counter_state, style.CLOSED)
            restyle(self.badge, f"background: {colour}; color: white; border-radius: 8px; padding: 3px 12px; font-size: 18px; font-weight: 700;")
            self.badge.show()
            self.station.show_state(s, lang, self.clock())
        else:
            self.heading.setText(office or self.tr("ระบบบัตรคิว"))
            self.badge.hide()
        if page is self.picker and snap is not None and s.actor is not None:
            self.picker.show_counters(snap.status.counters, s.actor.username)
        if page is self.supervisor:
            self.supervisor.overview.show_snapshot(snap, lang)
        if s.actor is not None:
            role = f" ({label(ROLES, s.actor.role)})" if s.actor.role != Role.STAFF else ""
            self.staff.setText(s.actor.display_name + role)
        self.staff.setVisible(s.actor is not None)
        self.sign_out.setVisible(s.actor is not None)
        self._render_banner(snap)
        self._render_notice(s.notice if page is not self.signin else None)

    def _render_banner(self, snap: CounterSnapshot | None) -> None:
        s = self.state
        alert = snap.printer_alert if snap is not None else None
        desk = snap.counter(s.counter) if snap is not None else None
        if not self._online:
            text = self.tr("ขาดการเชื่อมต่อฐานข้อมูล กำลังเชื่อมต่อใหม่…")
        elif self._waiting:
            text = self.tr("ระบบกำลังรอฐานข้อมูล…")
        elif desk is not None and s.actor is not None and desk.state != CounterState.CLOSED and desk.staff_username not in (None, s.actor.username):
            # Someone signed in to this counter elsewhere; the next action here takes it back.
            text = self.tr("{name} เข้าใช้งานช่องบริการนี้จากเครื่องอื่นอยู่").format(name=desk.staff_name or desk.staff_username)
        elif alert is not None and s.actor is not None:
            text = self.tr("ตู้บัตรคิว {kiosk}: {problem}").format(kiosk=alert.kiosk, problem=label(PRINTER_PROBLEMS, alert.problem))
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _render_notice(self, notice: Notice | None) -> None:
        error = notice is not None and notice.error is not None
        self.notice.setText(self._notice_text(notice))
        if self.notice.property("error") != error:
            self.notice.setProperty("error", error)
            self.notice.style().unpolish(self.notice)
            self.notice.style().polish(self.notice)

    def _notice_text(self, notice: Notice | None) -> str:
        if notice is None:
            return ""
        if notice.error is not None:
            return describe(notice.error, self.lang)
        if notice.kind == EventKind.NO_SHOW and notice.automatic:
            return self.tr("คิว {code} ไม่มาแสดงตน (เรียกซ้ำครบ {detail} ครั้งแล้ว)").format(code=notice.code, detail=notice.detail)
        texts = {
            EventKind.CALLED: self.tr("เรียกคิว {code} แล้ว"),
            EventKind.RECALLED: self.tr("เรียกซ้ำคิว {code} (ครั้งที่ {detail})"),
            EventKind.STARTED: self.tr("เริ่มให้บริการคิว {code}"),
            EventKind.FINISHED: self.tr("คิว {code} เสร็จสิ้น"),
            EventKind.NO_SHOW: self.tr("คิว {code} ไม่มาแสดงตน"),
            EventKind.TRANSFERRED: self.tr("ส่งต่อคิว {code} เป็นคิว {detail} แล้ว"),
            EventKind.REACTIVATED: self.tr("คิว {code} กลับเข้าคิวรอแล้ว"),
            EventKind.CANCELLED: self.tr("ยกเลิกคิว {code} แล้ว"),
            EventKind.COUNTER_PAUSED: self.tr("ช่องบริการพักชั่วคราว"),
            EventKind.COUNTER_RESUMED: self.tr("กลับมาให้บริการแล้ว"),
            EventKind.COUNTER_OPENED: self.tr("เปิดช่องบริการแล้ว"),
        }
        return texts.get(notice.kind, "").format(code=notice.code, detail=notice.detail) if notice.kind else ""

    def _on_tick(self) -> None:
        if self.stack.currentWidget() is self.station:
            self.station.ticket.tick(self.clock())

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        self._render()

    def _set_online(self, up: bool) -> None:
        self._online = up
        self._render()

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Closing signs out of a free counter; a ticket still at the counter keeps it open, so
        the next start (after a crash, too) resumes that ticket."""
        s = self.state
        if not self._shut and not self._closing and s.actor is not None and s.counter is not None and s.current is None and s.counter_state != CounterState.CLOSED:
            self._closing = True
            event.ignore()
            self._submit(
                close_counter, counter=s.counter, actor=s.actor.staff_id, office=self.office, then=lambda _: self.close(), otherwise=lambda _: self.close()
            )
            return
        self.stop()
        super().closeEvent(event)

    def start(self) -> None:
        """Read the office and follow its changes; the service timer starts ticking."""
        self._tick.start()
        self.live.start()

    def stop(self) -> None:
        """Stop the timers, the change feed and the worker (idempotent)."""
        if self._shut:
            return
        self._shut = True
        self._tick.stop()
        self.live.stop()
        self.planner.shutdown()
        self.runner.shutdown()
