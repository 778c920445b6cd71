"""The supervisor's report view: choose a period and an office, read the figures, export.

Self-contained: it needs only an :class:`~khiw.qt.runner.OperationRunner`; the counter
station's supervisor window hosts it in a tab. Reports are computed off the GUI thread by
``khiw.reports.data.make_report`` (a short cache-refresh write, then a read, so the office's
kiosks and counters are never held up); the view shows the same tables (khiw.reports.tables),
summary and charts as the PDF, and exports exactly the report on screen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.widgets import fill_offices, say
from khiw.linebreak import with_break_hints
from khiw.messages import describe
from khiw.qt.fonts import sarabun_font
from khiw.qt.runner import OperationRunner
from khiw.reports.data import OfficeChoice, Report, make_report, offices
from khiw.reports.export import export
from khiw.reports.periods import Period, days, fiscal_year, parse_period
from khiw.reports.summary import facts, headline, sentences
from khiw.reports.tables import TABLES, Table, cells, show
from khiw.thaidate import MONTHS

ACCENT = "#1F4E79"
BARS = ("#1565C0", "#2E7D32", "#EF6C00")
KINDS = (("fy", "ปีงบประมาณ"), ("h1", "รอบ ๖ เดือนแรก"), ("h2", "รอบ ๖ เดือนหลัง"), ("month", "รายเดือน"), ("range", "ช่วงวันที่"))
EXPORTS = (("pdf", "PDF", "PDF (*.pdf)"), ("xlsx", "Excel", "Excel (*.xlsx)"), ("csv", "CSV บันทึกเหตุการณ์", "CSV (*.csv)"), ("json", "JSON", "JSON (*.json)"))


class BarChart(QWidget):
    """Vertical bars with their values, drawn with QPainter (no chart library needed)."""

    def __init__(self, title: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.color = title, QColor(color)
        self.labels: list[str] = []
        self.values: list[float] = []
        self.setMinimumHeight(220)

    def set_data(self, labels: list[str], values: list[float]) -> None:
        self.labels, self.values = labels, values
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(sarabun_font(16, QFont.Weight.Bold))
        p.setPen(QColor("#102027"))
        p.drawText(QRectF(8, 0, self.width() - 16, 26), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.values:
            return
        top, bottom, left = 44.0, self.height() - 26.0, 12.0
        slot = (self.width() - 2 * left) / len(self.values)
        peak = max(self.values) or 1
        p.setFont(sarabun_font(12))
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            h = (bottom - top) * value / peak
            x = left + i * slot
            p.fillRect(QRectF(x + slot * 0.15, bottom - h, slot * 0.7, h), self.color)
            p.drawText(QRectF(x, bottom - h - 18, slot, 16), Qt.AlignmentFlag.AlignCenter, f"{value:,.0f}")
            p.drawText(QRectF(x, bottom + 4, slot, 18), Qt.AlignmentFlag.AlignCenter, label)


class ComplianceChart(QWidget):
    """Per service: share finished within the standard time and share of waits within target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float | None, float | None]] = []
        self.target = 15
        self.setMinimumHeight(240)

    def set_data(self, rows: list[tuple[str, float | None, float | None]], target: int) -> None:
        self.rows, self.target = rows, target
        self.setMinimumHeight(60 + 44 * len(rows))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setFont(sarabun_font(16, QFont.Weight.Bold))
        p.setPen(QColor("#102027"))
        p.drawText(QRectF(8, 0, self.width() - 16, 26), Qt.AlignmentFlag.AlignLeft, "ทันเวลามาตรฐาน (น้ำเงิน) และรอไม่เกินเป้าหมาย (ส้ม) แยกตามงานบริการ")
        label_w, right = 300.0, 60.0
        bar_w = max(self.width() - label_w - right - 16, 40)
        p.setFont(sarabun_font(14))
        for i, (name, met, within) in enumerate(self.rows):
            y = 36 + i * 44
            p.setPen(QColor("#102027"))
            p.drawText(QRectF(8, y, label_w - 12, 36), Qt.AlignmentFlag.AlignVCenter, name)
            for j, (share, color) in enumerate(((met, BARS[0]), (within, BARS[2]))):
                by = y + 2 + j * 17
                p.fillRect(QRectF(label_w, by, bar_w, 14), QColor("#DDE3E8"))
                if share:
                    p.fillRect(QRectF(label_w, by, bar_w * share, 14), QColor(color))
                p.drawText(QRectF(label_w + bar_w + 6, by - 3, right, 20), Qt.AlignmentFlag.AlignLeft, "–" if share is None else f"{100 * share:.0f}%")


class ReportView(QWidget):
    """Period and office pickers, the figures, charts and tables, and export buttons.

    Signals:
        report_shown(object): a new :class:`~khiw.reports.data.Report` is on screen.
        exported(str): a file was written (its path).
    """

    report_shown = Signal(object)
    exported = Signal(str)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.report: Report | None = None
        self.produced_by = "หัวหน้างาน"  # the cover's "จัดทำโดย"; the window sets who signed in
        self.setWindowTitle("รายงาน")  # the supervisor window's tab title
        self.setFont(sarabun_font(17))
        today = date.today()

        self.kind = QComboBox()
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.year = QSpinBox()
        self.year.setRange(2500, 2700)
        self.year.setPrefix("พ.ศ. ")
        self.year.setValue(fiscal_year(today))
        self.month = QComboBox()
        for number, name in enumerate(MONTHS, start=1):
            self.month.addItem(name, number)
        self.month.setCurrentIndex(today.month - 1)
        self.first = QDateEdit(QDate(today.year, today.month, 1))
        self.last = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.office = QComboBox()
        self.office.setMinimumWidth(380)
        self.show_button = QPushButton("แสดงรายงาน")
        self.show_button.setObjectName("showReport")
        self.show_button.clicked.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        pick = QHBoxLayout()
        for widget in (QLabel("ช่วงเวลา"), self.kind, self.year, self.month, self.first, QLabel("ถึง"), self.last, QLabel("หน่วยงาน"), self.office, self.show_button):
            pick.addWidget(widget)
        pick.addStretch(1)
        self._range_widgets = (self.first, pick.itemAt(5).widget(), self.last)

        self.status = QLabel("เลือกช่วงเวลาแล้วกด แสดงรายงาน")
        self.status.setObjectName("reportStatus")
        self.title = QLabel("")
        self.title.setFont(sarabun_font(22, QFont.Weight.Bold))
        self.title.setStyleSheet(f"color: {ACCENT};")
        self.cards: list[tuple[QLabel, QLabel]] = []
        card_row = QHBoxLayout()
        for _ in range(4):
            frame = QFrame()
            frame.setStyleSheet("QFrame { background: #E8F0FA; border-radius: 10px; }")
            inner = QVBoxLayout(frame)
            value, label = QLabel("–"), QLabel("")
            value.setFont(sarabun_font(30, QFont.Weight.Bold))
            value.setStyleSheet(f"color: {ACCENT};")
            for w in (value, label):
                w.setAlignment(Qt.AlignmentFlag.AlignCenter)
                inner.addWidget(w)
            self.cards.append((value, label))
            card_row.addWidget(frame)

        self.tabs = QTabWidget()
        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        self.sentences = QLabel("")
        self.sentences.setObjectName("summarySentences")
        self.sentences.setWordWrap(True)
        self.sentences.setTextFormat(Qt.TextFormat.PlainText)
        self.sentences.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary = self._table(2)
        summary_layout.addWidget(self.sentences)
        summary_layout.addWidget(self.summary, 1)
        self.tabs.addTab(summary_page, "บทสรุปผู้บริหาร")
        charts = QWidget()
        grid = QGridLayout(charts)
        self.arrivals = BarChart("บัตรคิวที่ออก แยกตามชั่วโมง", BARS[0])
        self.waits = BarChart("การกระจายของเวลารอ (นาที)", BARS[1])
        self.compliance = ComplianceChart()
        grid.addWidget(self.arrivals, 0, 0)
        grid.addWidget(self.waits, 0, 1)
        grid.addWidget(self.compliance, 1, 0, 1, 2)
        self.tabs.addTab(charts, "แผนภูมิ")
        self.tables: dict[str, QTableWidget] = {}
        pages: dict[str, QVBoxLayout] = {}  # tables that share a tab are stacked under their titles
        for table in TABLES:
            widget = self._table(len(table.columns))
            widget.setHorizontalHeaderLabels([c.th for c in table.columns])
            self.tables[table.key] = widget
            if not table.tab:
                self.tabs.addTab(widget, table.sheet)
                continue
            if table.tab not in pages:
                page = QWidget()
                pages[table.tab] = QVBoxLayout(page)
                self.tabs.addTab(page, table.tab)
            widget.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
            pages[table.tab].addWidget(QLabel(table.title_th))
            pages[table.tab].addWidget(widget)
        for layout in pages.values():
            layout.addStretch(1)

        exports = QHBoxLayout()
        exports.addWidget(QLabel("ส่งออก:"))
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, text, _filter in EXPORTS:
            button = QPushButton(text)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self._ask_export(f))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        exports.addStretch(1)
        exports.addWidget(self.status)

        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.title)
        layout.addLayout(card_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(exports)
        self._kind_changed()
        self.runner.submit(offices, read=True, on_done=self._offices, on_error=self._failed)

    # Period -------------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.year.setVisible(kind != "range")
        self.month.setVisible(kind == "month")
        for widget in self._range_widgets:
            widget.setVisible(kind == "range")
        self.year.setPrefix("ปีงบประมาณ พ.ศ. " if kind in ("fy", "h1", "h2") else "พ.ศ. ")

    def period(self) -> Period:
        """The period the pickers describe."""
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "fy":
            return parse_period(str(year))
        if kind in ("h1", "h2"):
            return parse_period(f"{year}-{kind.upper()}")
        if kind == "month":
            return parse_period(f"{year}-{self.month.currentData():02d}")
        return days(self.first.date().toPython(), self.last.date().toPython())

    def set_period(self, period: Period) -> None:
        """Show ``period`` in the pickers (as a date range unless it is a month or fiscal year)."""
        code = period.code
        if code.isdigit():
            self.kind.setCurrentIndex(0)
            self.year.setValue(int(code))
        elif code.endswith(("-H1", "-H2")):
            self.kind.setCurrentIndex(1 if code.endswith("1") else 2)
            self.year.setValue(int(code[:4]))
        elif len(code) == 7:
            self.kind.setCurrentIndex(3)
            self.year.setValue(int(code[:4]))
            self.month.setCurrentIndex(int(code[5:]) - 1)
        else:
            self.kind.setCurrentIndex(4)
            self.first.setDate(QDate(period.first.year, period.first.month, period.first.day))
            self.last.setDate(QDate(period.last.year, period.last.month, period.last.day))

    # Loading ------------------------------------------------------------------------------

    def _offices(self, choices: list[OfficeChoice]) -> None:
        fill_offices(self.office, choices)

    def refresh(self) -> None:
        """Compute the report for the chosen period and office (off the GUI thread)."""
        try:
            period = self.period()
        except ValueError as err:
            self._say(f"ช่วงเวลาไม่ถูกต้อง: {err}", error=True)
            return
        self.show_button.setEnabled(False)
        self._say(f"กำลังคำนวณรายงาน {period.label_th} …")
        self.runner.submit(
            make_report,
            with_database=True,
            period=period,
            office=self.office.currentData(),
            produced_by=self.produced_by,
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, report: Report) -> None:
        self.report = report
        self.show_button.setEnabled(True)
        self.title.setText(f"{report.office_name_th} · {report.period.label_th}")
        for (value, label), (text, number) in zip(self.cards, headline(report), strict=True):
            label.setText(text)
            value.setText(number)
        self.sentences.setText("\n".join(f"• {with_break_hints(sentence)}" for sentence in sentences(report)))
        self._fill(self.summary, [[fact.label, show(fact.value, fact.kind)] for fact in facts(report)], ["ตัวชี้วัด", "ผล"])
        f = report.figures
        charts = f.charts
        hours = [h for h, n in enumerate(charts.arrivals_by_hour) if n] or list(range(8, 17))
        span = range(min(hours), max(hours) + 1)
        self.arrivals.set_data([f"{h:02d}" for h in span], [charts.arrivals_by_hour[h] for h in span])
        hist = charts.wait_histogram
        self.waits.set_data([f"{b.from_min}–{b.to_min}" if b.to_min else f"{b.from_min}+" for b in hist], [b.tickets for b in hist])
        self.compliance.set_data(
            [(r.name_th, r.standard_met, r.wait_within_target) for r in f.by_service if r.issued],
            report.wait_target_minutes,
        )
        for table in TABLES:
            self._fill(self.tables[table.key], cells(table, f, report.hours), None, table)
        for button in self.export_buttons.values():
            button.setEnabled(True)
        self._say(f"รายงาน {report.period.label_th}: ผู้รับบริการ {f.totals.visits:,} ราย (บัตรคิว {f.totals.issued:,} ใบ)")
        self.report_shown.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.show_button.setEnabled(True)
        self._say(describe(error, "th") if hasattr(error, "exit_code") else f"เกิดข้อผิดพลาด: {error}", error=True)

    # Export -------------------------------------------------------------------------------

    def _ask_export(self, fmt: str) -> None:
        if self.report is None:
            return
        label, pattern = next((t, f) for key, t, f in EXPORTS if key == fmt)
        suggested = f"รายงาน-{self.report.office_code}-{self.report.period.code}.{fmt}".replace("..", "_")
        path, _ = QFileDialog.getSaveFileName(self, f"ส่งออก {label}", suggested, pattern)
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Write the report on screen to ``path`` as ``fmt`` (off the GUI thread)."""
        if self.report is None:
            return
        self._say(f"กำลังบันทึก {path} …")
        self.runner.submit(export, read=True, report=self.report, fmt=fmt, out=path, on_done=self._exported, on_error=self._failed)

    def _exported(self, path: str) -> None:
        self._say(f"บันทึกแล้ว: {path}")
        self.exported.emit(path)

    # Helpers ------------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        say(self.status, text, error=error)

    @staticmethod
    def _table(columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        return table

    @staticmethod
    def _fill(widget: QTableWidget, rows: list[list[str]], headers: list[str] | None, table: Table | None = None) -> None:
        if headers:
            widget.setHorizontalHeaderLabels(headers)
        widget.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                numeric = table is not None and table.columns[c].kind != "text"
                item.setTextAlignment((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
                widget.setItem(r, c, item)

    def cell(self, key: str, row: int, column: int) -> str:
        """The text of a cell of table ``key`` (for tests and scripts)."""
        item = self.tables[key].item(row, column)
        return item.text() if item else ""

