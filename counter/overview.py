"""The supervisor's read-only view of every counter and queue, as the first of its tabs.

Further supervisor tabs (the reports view) are added with :meth:`SupervisorPage.add_tab`;
a tab's title is its widget's ``windowTitle()``, so a tab translates itself by setting its
own title when the language changes. In the counter window that is::

    window.supervisor.add_tab(ReportView(...))   # after the overview, which stays first
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from counter import style
from counter.labels import COUNTER_STATES, TICKET_STATES, label, service_name
from counter.widgets import Panel, ReadOnlyTable
from khiw.engine.counter_snapshot import CounterSnapshot


class OverviewTab(QWidget):
    """Counters (state, staff, ticket) above queues (waiting, oldest, estimate, open counters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counters_box, self.queues_box = Panel(), Panel()
        self.counters = ReadOnlyTable(5, stretch=0)
        self.queues = ReadOnlyTable(6, stretch=0, numeric=(1, 2, 3, 4, 5))
        self.counters_box.body.addWidget(self.counters)
        self.queues_box.body.addWidget(self.queues)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(12)
        layout.addWidget(self.counters_box, 2)
        layout.addWidget(self.queues_box, 3)
        self.show_snapshot(None, "th")

    def show_snapshot(self, snap: CounterSnapshot | None, lang: str) -> None:
        self.setWindowTitle(self.tr("ภาพรวม"))
        self.counters_box.title.setText(self.tr("ช่องบริการ"))
        self.queues_box.title.setText(self.tr("คิวรอทุกงานบริการ"))
        self.counters.set_headers([self.tr("ช่องบริการ"), self.tr("สถานะ"), self.tr("เจ้าหน้าที่"), self.tr("คิวปัจจุบัน"), self.tr("งานบริการ")])
        self.queues.set_headers(
            [self.tr("งานบริการ"), self.tr("รอทั้งหมด"), self.tr("ช่องทางพิเศษ"), self.tr("รอนานสุด"), self.tr("เวลารอโดยประมาณ"), self.tr("ช่องที่เปิด")]
        )
        if snap is None:
            return
        minutes = self.tr("{minutes} นาที")
        names = {q.service_code: q for q in snap.status.queues}
        self.counters.set_rows(
            [
                [
                    c.name or str(c.number),
                    label(COUNTER_STATES, c.state),
                    c.staff_name or "—",
                    f"{c.current.code}  ({label(TICKET_STATES, c.current.status)})" if c.current else "—",
                    ", ".join(names[s].prefix for s in c.services if s in names),
                ]
                for c in snap.status.counters
            ],
            [style.STATE_COLOURS.get(str(c.state)) for c in snap.status.counters],
            tint=1,
        )
        self.queues.set_rows(
            [
                [
                    f"{q.prefix}  {service_name(lang, q.name_th, q.name_en)}",
                    str(q.waiting),
                    str(q.waiting_priority),
                    minutes.format(minutes=q.oldest_wait_minutes) if q.waiting else "—",
                    minutes.format(minutes=q.estimated_wait_minutes) if q.waiting else "—",
                    str(q.open_counters),
                ]
                for q in snap.status.queues
            ]
        )


class SupervisorPage(QTabWidget):
    """The supervisor's tabs: the live overview first; reports are added as further tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview = OverviewTab()
        self.add_tab(self.overview)

    def add_tab(self, widget: QWidget) -> int:
        """Append ``widget`` as a tab titled (and re-titled) by its ``windowTitle()``."""
        widget.installEventFilter(self)
        return self.addTab(widget, widget.windowTitle())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.WindowTitleChange and isinstance(watched, QWidget):
            index = self.indexOf(watched)
            if index >= 0:
                self.setTabText(index, watched.windowTitle())
        return super().eventFilter(watched, event)
