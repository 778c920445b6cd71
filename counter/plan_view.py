"""The supervisor's staffing planner, "วางแผนกำลังคน": how many counters per weekday and hour.

Self-contained like the report view: it needs only an
:class:`~khiw.qt.runner.OperationRunner`, and the supervisor window hosts it in a tab. The
office's model is estimated by the runner (``khiw.plan.api.load_model``: one short
transaction); the simulation needs no database, so it runs on this view's own worker thread
(which spreads the replications over every core) and the runner stays free for the live
overview. The what-if fields change the arrivals, the counters evaluated or a service's
standard time, and the plan is computed again.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter.widgets import fill_offices, say
from khiw.messages import describe
from khiw.plan.api import OfficeModel, Scenario, ScenarioError, Settings, StaffingPlan, Waits, load_model, plan
from khiw.plan.whatif import parse_counters, parse_standard
from khiw.qt.fonts import sarabun_font
from khiw.qt.runner import OperationRunner
from khiw.reports.data import OfficeChoice, offices
from khiw.reports.periods import days

ACCENT = "#1F4E79"
SHORT = "#C62828"
COOL, HOT = (255, 248, 225), (239, 108, 0)
WHAT_IF_HELP = "ข้อมูลสมมติไม่ถูกต้อง: ช่องที่เปิดให้ใส่ เช่น 4 หรือ 8=2,9=4 และเวลามาตรฐานให้ใส่รหัสงานบริการ เช่น REG=10"


class PlanView(QWidget):
    """History and target pickers, what-if fields, the heat map and the expected waits.

    Signals:
        plan_shown(object): a new :class:`~khiw.plan.result.StaffingPlan` is on screen.
    """

    plan_shown = Signal(object)
    _planned = Signal(object, object)  # (StaffingPlan | None, error | None), from the worker thread

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None, *, workers: int | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workers = workers
        self.plan: StaffingPlan | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="khiw-plan")
        self._planned.connect(self._deliver)
        self.setWindowTitle("วางแผนกำลังคน")
        self.setFont(sarabun_font(16))

        last_month_end = date.today().replace(day=1) - timedelta(days=1)
        self.first = QDateEdit(QDate(last_month_end.year, last_month_end.month, 1))
        self.last = QDateEdit(QDate(last_month_end.year, last_month_end.month, last_month_end.day))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.office = QComboBox()
        self.office.setMinimumWidth(300)
        self.target = QSpinBox()
        self.target.setRange(50, 99)
        self.target.setValue(90)
        self.target.setSuffix(" %")
        self.wait = QSpinBox()
        self.wait.setRange(0, 240)
        self.wait.setValue(15)
        self.wait.setSuffix(" นาที")
        self.arrivals = QSpinBox()
        self.arrivals.setRange(10, 500)
        self.arrivals.setSingleStep(10)
        self.arrivals.setValue(100)
        self.arrivals.setSuffix(" %")
        self.counters = QLineEdit()
        self.counters.setPlaceholderText("ตามที่เปิดจริง")
        self.counters.setToolTip("จำนวนช่องที่เปิดทุกชั่วโมง เช่น 4 หรือรายชั่วโมง เช่น 8=2,9=4,13=3; เว้นว่าง = ตามที่เปิดจริงในช่วงข้อมูล")
        self.standard = QLineEdit()
        self.standard.setPlaceholderText("ตามที่ประกาศ")
        self.standard.setToolTip("เวลามาตรฐานใหม่ (นาที) ของงานบริการ เช่น REG=10, TAX=8: เวลาให้บริการจริงปรับตามสัดส่วน")
        self.replications = QSpinBox()
        self.replications.setRange(2, 400)
        self.replications.setValue(Settings().replications)
        self.run_button = QPushButton("คำนวณแผน")
        self.run_button.setObjectName("runPlan")
        self.run_button.clicked.connect(self.refresh)

        form = QGridLayout()
        form.addWidget(QLabel("ข้อมูลย้อนหลัง"), 0, 0)
        history = QHBoxLayout()
        for widget in (self.first, QLabel("ถึง"), self.last, QLabel("หน่วยงาน"), self.office):
            history.addWidget(widget)
        history.addStretch(1)
        form.addLayout(history, 0, 1, 1, 3)
        form.addWidget(QLabel("เป้าหมาย"), 1, 0)
        goal = QHBoxLayout()
        for widget in (QLabel("ผู้รับบริการอย่างน้อย"), self.target, QLabel("รอไม่เกิน"), self.wait, QLabel("จำลอง"), self.replications, QLabel("วัน/วันทำการ")):
            goal.addWidget(widget)
        goal.addStretch(1)
        form.addLayout(goal, 1, 1, 1, 3)
        form.addWidget(QLabel("สมมติว่า"), 2, 0)
        what_if = QHBoxLayout()
        for widget in (QLabel("ผู้รับบริการ"), self.arrivals, QLabel("ช่องที่เปิด"), self.counters, QLabel("เวลามาตรฐาน"), self.standard, self.run_button):
            what_if.addWidget(widget)
        form.addLayout(what_if, 2, 1, 1, 3)
        form.setColumnStretch(1, 1)

        self.title = QLabel("")
        self.title.setFont(sarabun_font(20, QFont.Weight.Bold))
        self.title.setStyleSheet(f"color: {ACCENT};")
        self.status = QLabel("เลือกช่วงข้อมูลย้อนหลังแล้วกด คำนวณแผน")
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        self.heat = self._table()
        self.heat.setMinimumHeight(230)
        self.legend = QLabel("ตัวเลขในช่อง: ช่องบริการที่แนะนำ / ที่เปิดจริงโดยเฉลี่ย · สีเข้ม = ต้องเปิดมาก · สีแดง = เปิดน้อยกว่าที่แนะนำ · ชี้ที่ช่องเพื่อดูงานบริการของแต่ละช่อง")
        self.legend.setStyleSheet("color: #455A64;")
        self.legend.setWordWrap(True)
        self.waits = self._table()
        self.waits.verticalHeader().setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.title)
        layout.addWidget(self.heat, 3)
        layout.addWidget(self.legend)
        layout.addWidget(self.waits, 2)
        layout.addWidget(self.status)
        self.runner.submit(offices, read=True, on_done=self._offices, on_error=self._failed)

    # Input --------------------------------------------------------------------------------

    def set_history(self, first: date, last: date) -> None:
        """Plan from the days ``first`` … ``last``."""
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def scenario(self) -> Scenario:
        """The what-if fields as a scenario (:class:`ScenarioError` when one cannot be read)."""
        standards = [part for part in self.standard.text().replace(" ", "").split(",") if part]
        return Scenario(
            arrivals_scale=self.arrivals.value() / 100,
            standards=dict(parse_standard(part) for part in standards),
            counters_per_hour=parse_counters(self.counters.text()) if self.counters.text().strip() else {},
        )

    def _offices(self, choices: list[OfficeChoice]) -> None:
        fill_offices(self.office, choices)

    # Running ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Estimate (through the runner), then simulate (on the worker) and show the plan."""
        try:
            period = days(self.first.date().toPython(), self.last.date().toPython())
            scenario = self.scenario()
        except ScenarioError as err:
            self._say(f"{WHAT_IF_HELP} ({err})", error=True)
            return
        except ValueError as err:
            self._say(f"ช่วงวันที่ไม่ถูกต้อง: {err}", error=True)
            return
        settings = Settings(target=self.target.value() / 100, wait_minutes=float(self.wait.value()), replications=self.replications.value())
        self.run_button.setEnabled(False)
        self._say(f"กำลังอ่านข้อมูล {period.label_th} …")
        self.runner.submit(
            load_model,
            period=period,
            office=self.office.currentData(),
            on_done=lambda model: self._simulate(model, scenario, settings),
            on_error=self._failed,
        )

    def _simulate(self, model: OfficeModel, scenario: Scenario, settings: Settings) -> None:
        if not model.weekdays:
            self._failed(ValueError("ไม่มีบัตรคิวในช่วงเวลานี้"))
            return
        self._say(f"กำลังจำลองการให้บริการ {settings.replications} วันต่อวันทำการ …")
        future = self._worker.submit(plan, model, scenario=scenario, settings=settings, workers=self.workers)
        future.add_done_callback(self._done)

    def _done(self, future: Future[StaffingPlan]) -> None:
        # On the worker thread: hand the outcome to the GUI thread through the signal.
        error = future.exception()
        self._planned.emit(None if error else future.result(), error)

    def _deliver(self, result: StaffingPlan | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self._failed(error or RuntimeError("no plan"))
            return
        self._show(result)

    def _failed(self, error: BaseException) -> None:
        self.run_button.setEnabled(True)
        if isinstance(error, ScenarioError):
            self._say(f"{WHAT_IF_HELP} ({error})", error=True)
            return
        self._say(describe(error, "th") if hasattr(error, "exit_code") else f"คำนวณไม่ได้: {error}", error=True)

    def shutdown(self) -> None:
        """Let a running simulation finish, then stop the worker thread."""
        self._worker.shutdown(wait=True, cancel_futures=True)

    # Showing ------------------------------------------------------------------------------

    def _show(self, result: StaffingPlan) -> None:
        self.plan = result
        self.run_button.setEnabled(True)
        what_if = "" if result.scenario.is_baseline else " (สถานการณ์สมมติ)"
        self.title.setText(
            f"จำนวนช่องบริการที่แนะนำ{what_if}: ผู้รับบริการอย่างน้อย {result.target:.0%} รอไม่เกิน {result.wait_minutes:g} นาที"
        )
        hours = result.days[0].by_hour()
        peak = max((h.recommended for d in result.days for h in d.by_hour()), default=0)
        names = {s.code: s.name_th for s in result.services}
        self.heat.clear()
        self.heat.setColumnCount(len(hours))
        self.heat.setRowCount(len(result.days))
        self.heat.setHorizontalHeaderLabels([h.label for h in hours])
        self.heat.setVerticalHeaderLabels([f"{d.name_th} ({d.days_observed} วัน)" for d in result.days])
        for r, day in enumerate(result.days):
            for c, h in enumerate(day.by_hour()):
                item = QTableWidgetItem(f"{h.recommended} / {h.counters_open:.1f}" if h.arrivals or h.recommended else "–")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                t = h.recommended / peak if peak else 0.0
                item.setBackground(QColor(*(round(a + (b - a) * t) for a, b in zip(COOL, HOT, strict=True))))
                if h.short:
                    item.setForeground(QColor(SHORT))
                    bold = item.font()
                    bold.setBold(True)
                    item.setFont(bold)
                assigned = ", ".join(f"{names.get(code, code)} {n}" for code, n in h.assignments.items())
                item.setToolTip(f"{day.name_th} {h.label}: ผู้รับบริการเฉลี่ย {h.arrivals:.1f} คน · ช่องที่แนะนำเริ่มจาก {assigned}")
                self.heat.setItem(r, c, item)
        evaluated = "ตามที่เปิดจริง" if result.evaluated_is_history else "ตามที่สมมติ"
        headers = ["วัน", f"ชั่วโมง-ช่อง {evaluated}", f"รอไม่เกิน {result.wait_minutes:g} นาที", "มัธยฐาน / P90 (นาที)", "ชั่วโมง-ช่อง แนะนำ", "มัธยฐาน / P90 แนะนำ"]
        self.waits.clear()
        self.waits.setColumnCount(len(headers))
        self.waits.setHorizontalHeaderLabels(headers)
        self.waits.setRowCount(len(result.days))
        for r, day in enumerate(result.days):
            e = day.evaluated
            row = [
                day.name_th,
                f"{day.counter_hours_evaluated:g}",
                f"{e.within.value:.0%} ({e.within.low:.0%}–{e.within.high:.0%})" if e else "–",
                _pair(e) if e else "–",
                f"{day.counter_hours_recommended:g}",
                _pair(day.recommended),
            ]
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment((Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter)
                self.waits.setItem(r, c, item)
        self._say(f"{result.office_name_th} · {result.period_label_th} · จำลอง {result.replications} วันต่อวันทำการ ({result.seconds:.1f} วินาที); ตัวเลขในวงเล็บคือเปอร์เซ็นไทล์ที่ 10–90")
        self.plan_shown.emit(result)

    def _say(self, text: str, *, error: bool = False) -> None:
        say(self.status, text, error=error)

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget(0, 0)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def cell(self, row: int, column: int) -> str:
        """The text of a heat-map cell (for tests and scripts)."""
        item = self.heat.item(row, column)
        return item.text() if item else ""


def _pair(w: Waits) -> str:
    m, p = w.median_minutes, w.p90_minutes
    return f"{m.value:.0f} ({m.low:.0f}–{m.high:.0f}) / {p.value:.0f} ({p.low:.0f}–{p.high:.0f})"
