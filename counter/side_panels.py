"""The right-hand panels: this counter's queues, and the tickets it handled last."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget

from counter import style
from counter.labels import OUTCOMES, label, service_name
from counter.timing import clock_text
from counter.widgets import Panel, ReadOnlyTable
from khiw.engine import EventKind, QueueEstimate, TicketStatus
from khiw.engine.history import HandledTicket


class QueuesPanel(Panel):
    """Who waits for the services this counter serves, normal and priority lane apart (so
    nobody wonders whether one count includes the other), and the oldest wait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ReadOnlyTable(4, numeric=(1, 2, 3))
        self.body.addWidget(self.table)
        self.show_queues((), "th")

    def show_queues(self, queues: tuple[QueueEstimate, ...], lang: str) -> None:
        self.title.setText(self.tr("คิวรอของช่องบริการนี้"))
        self.table.set_headers([self.tr("งานบริการ"), self.tr("ทั่วไป"), self.tr("ช่องทางพิเศษ"), self.tr("รอนานสุด")])
        self.table.set_rows(
            [
                [
                    f"{q.prefix}  {service_name(lang, q.name_th, q.name_en)}",
                    str(q.waiting - q.waiting_priority),
                    str(q.waiting_priority),
                    self.tr("{minutes} นาที").format(minutes=q.oldest_wait_minutes) if q.waiting else "—",
                ]
                for q in queues
            ]
        )


class HistoryPanel(Panel):
    """The last tickets handled at this counter; a no-show who came back can be put back in the queue.

    Signals:
        reactivate(int): the ticket id of the selected no-show.
    """

    reactivate = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ReadOnlyTable(4, stretch=1, numeric=(3,))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._selection)
        self.back = QPushButton()
        self.back.setObjectName("choiceButton")
        self.back.clicked.connect(self._reactivate)
        self.body.addWidget(self.table)
        self.body.addWidget(self.back)
        self.handled: tuple[HandledTicket, ...] = ()
        self.show_handled((), "th")

    def show_handled(self, handled: tuple[HandledTicket, ...], lang: str) -> None:
        selected = self._selected()
        self.handled = handled
        self.title.setText(self.tr("คิวล่าสุดที่ช่องนี้"))
        self.back.setText(self.tr("นำคิวไม่มาแสดงตนกลับเข้าคิว"))
        self.table.set_headers([self.tr("หมายเลข"), self.tr("งานบริการ"), self.tr("ผล"), self.tr("เวลาให้บริการ")])
        self.table.set_rows(
            [
                [
                    h.code,
                    service_name(lang, h.service_name_th, h.service_name_en),
                    label(OUTCOMES, h.outcome) if h.outcome != EventKind.NO_SHOW or h.status == TicketStatus.NO_SHOW else self.tr("กลับเข้าคิวแล้ว"),
                    clock_text(h.service_seconds) if h.service_seconds is not None else "—",
                ]
                for h in handled
            ],
            [style.ALERT if h.outcome == EventKind.NO_SHOW and h.status == TicketStatus.NO_SHOW else None for h in handled],
        )
        for row, h in enumerate(handled):
            if selected is not None and h.ticket_id == selected.ticket_id:
                self.table.selectRow(row)
        self._selection()

    def select_code(self, code: str) -> None:
        """Select the row of ticket ``code`` (keyboard users and tests)."""
        for row, h in enumerate(self.handled):
            if h.code == code:
                self.table.selectRow(row)

    def _selected(self) -> HandledTicket | None:
        rows = self.table.selectionModel().selectedRows()
        return self.handled[rows[0].row()] if rows and rows[0].row() < len(self.handled) else None

    def _selection(self) -> None:
        chosen = self._selected()
        self.back.setEnabled(chosen is not None and chosen.status == TicketStatus.NO_SHOW)

    def _reactivate(self) -> None:
        chosen = self._selected()
        if chosen is not None and chosen.status == TicketStatus.NO_SHOW:
            self.reactivate.emit(chosen.ticket_id)
