"""The ticket at the counter: its code, service, priority class, wait, and the service timer;
when the counter is free, the ticket ``+`` would call and who waits, normal and priority lane."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from counter import style
from counter.labels import TICKET_STATES, label, service_name
from counter.timing import Pace, clock_text, elapsed, pace
from counter.widgets import Panel
from khiw.engine import CounterState, QueueEstimate, TicketStatus, TicketView
from khiw.qt.fonts import sarabun_font
from khiw.qt.restyle import restyle
from khiw.vocabulary import PRIORITY_NAMES


class TicketPanel(Panel):
    """Shows one ticket (or that the counter is free or paused); :meth:`tick` moves the timer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLabel("—")
        self.code.setFont(sarabun_font(96, QFont.Weight.ExtraBold))
        self.code.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.priority = QLabel()
        self.priority.setStyleSheet(f"background: {style.PAUSED}; color: white; border-radius: 8px; padding: 4px 12px; font-size: 22px; font-weight: 700;")
        self.service = QLabel()
        self.service.setStyleSheet("font-size: 26px; font-weight: 700;")
        self.service.setWordWrap(True)
        self.details = QLabel()
        self.details.setStyleSheet(f"font-size: 20px; color: {style.MUTED};")
        self.details.setWordWrap(True)
        self.upcoming = QLabel()
        self.upcoming.setObjectName("upcoming")
        self.upcoming.setStyleSheet("font-size: 24px; font-weight: 700;")
        self.upcoming.setWordWrap(True)
        self.lanes = QLabel()
        self.lanes.setObjectName("lanes")
        self.lanes.setStyleSheet(f"font-size: 20px; color: {style.MUTED};")
        self.lanes.setWordWrap(True)
        self.timer = QLabel()
        self.timer.setStyleSheet("font-size: 24px; font-weight: 700;")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(14)
        self.bar.setRange(0, 1000)
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addSpacing(18)
        head.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        self.body.addLayout(head)
        self.body.addWidget(self.service)
        self.body.addWidget(self.details)
        self.body.addWidget(self.upcoming)
        self.body.addWidget(self.lanes)
        self.body.addStretch(1)
        self.body.addWidget(self.timer)
        self.body.addWidget(self.bar)
        self.ticket: TicketView | None = None
        self.next_ticket: TicketView | None = None
        self.lang = "th"
        self.counter_state = CounterState.CLOSED
        self.pace: Pace | None = None
        self.show_ticket(None, CounterState.CLOSED, "th", None)

    def show_ticket(
        self,
        ticket: TicketView | None,
        counter_state: CounterState,
        lang: str,
        now: datetime | None,
        *,
        next_ticket: TicketView | None = None,
        queues: tuple[QueueEstimate, ...] = (),
    ) -> None:
        """Draw ``ticket`` (None: the counter is free, or paused) as of ``now``; a free counter
        also shows ``next_ticket`` (what ``+`` calls) and who waits in ``queues``, by lane."""
        self.ticket, self.counter_state, self.lang = ticket, counter_state, lang
        self.next_ticket = next_ticket if ticket is None else None
        self.title.setText(self.tr("คิวที่ช่องบริการ"))
        free = ticket is None and counter_state == CounterState.OPEN
        self.upcoming.setVisible(free)
        self.lanes.setVisible(free)
        if free:
            priority = sum(q.waiting_priority for q in queues)
            normal = sum(q.waiting for q in queues) - priority
            self.lanes.setText(self.tr("รอ {total} คิว: ทั่วไป {normal} · ช่องทางพิเศษ {priority}").format(total=normal + priority, normal=normal, priority=priority))
            self._show_next(now)
        # No ticket: no big empty code; the next ticket below says what + brings.
        self.code.setVisible(ticket is not None)
        if ticket is None:
            self.code.setText("—")
            self.priority.hide()
            if counter_state == CounterState.PAUSED:
                self.service.setText(self.tr("ช่องบริการพักชั่วคราว"))
                self.details.setText(self.tr("กด 0 เพื่อกลับมาให้บริการ"))
            else:
                self.service.setText(self.tr("ยังไม่มีคิวที่ช่องบริการ"))
                self.details.setText(self.tr("กด + เพื่อเรียกคิวถัดไป"))
            self.timer.clear()
            self.bar.hide()
            self.pace = None
            return
        self.code.setText(ticket.code)
        self.priority.setVisible(ticket.priority.is_priority)
        self.priority.setText(PRIORITY_NAMES[ticket.priority].in_language(lang))
        self.service.setText(service_name(lang, ticket.service_name_th, ticket.service_name_en))
        parts = [label(TICKET_STATES, ticket.status)]
        if ticket.called_at is not None:
            waited = int((ticket.called_at - ticket.queued_at).total_seconds() // 60)
            parts.append(self.tr("รอคิว {minutes} นาที").format(minutes=waited))
        if ticket.recalls:
            parts.append(self.tr("เรียกซ้ำ {count} ครั้ง").format(count=ticket.recalls))
        self.details.setText(" · ".join(parts))
        self.tick(now)

    def _show_next(self, now: datetime | None) -> None:
        """``คิวถัดไป A012 · งานทะเบียนราษฎร · ผู้สูงอายุ · รอมาแล้ว 12 นาที``, or that nobody waits."""
        nxt = self.next_ticket
        if nxt is None:
            self.upcoming.setText(self.tr("คิวถัดไป: ไม่มีคิวรอ"))
            return
        parts = [self.tr("คิวถัดไป {code}").format(code=nxt.code), service_name(self.lang, nxt.service_name_th, nxt.service_name_en)]
        parts.append(PRIORITY_NAMES[nxt.priority].in_language(self.lang))
        if now is not None:
            parts.append(self.tr("รอมาแล้ว {minutes} นาที").format(minutes=int(elapsed(nxt.queued_at, now) // 60)))
        self.upcoming.setText(" · ".join(parts))

    def tick(self, now: datetime | None) -> None:
        """Move the timer on to ``now``: service time once started, else time since the call
        (a free counter: how long its next ticket has waited)."""
        ticket = self.ticket
        if ticket is None and self.upcoming.isVisibleTo(self):
            self._show_next(now)
        if ticket is None or now is None:
            return
        if ticket.status == TicketStatus.SERVING and ticket.started_at is not None:
            seconds = elapsed(ticket.started_at, now)
            self.pace = pace(seconds, ticket.standard_minutes)
            colour = style.PACE_COLOURS[self.pace]
            self.timer.setText(
                self.tr("เวลาให้บริการ {clock} / มาตรฐาน {minutes} นาที").format(clock=clock_text(seconds), minutes=ticket.standard_minutes)
            )
            restyle(self.timer, f"font-size: 24px; font-weight: 700; color: {colour};")
            self.bar.setValue(min(int(seconds / (ticket.standard_minutes * 60) * 1000), 1000))
            restyle(self.bar, f"QProgressBar {{ border: none; background: #ECEFF1; border-radius: 7px; }} QProgressBar::chunk {{ background: {colour}; border-radius: 7px; }}")
            self.bar.show()
            return
        self.pace = None
        since = ticket.called_at if ticket.called_at is not None else ticket.queued_at
        self.timer.setText(self.tr("เรียกไปแล้ว {clock}").format(clock=clock_text(elapsed(since, now))))
        restyle(self.timer, f"font-size: 24px; font-weight: 700; color: {style.MUTED};")
        self.bar.hide()
