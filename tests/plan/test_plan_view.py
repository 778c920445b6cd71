"""The supervisor's "วางแผนกำลังคน" tab, driven with pytest-qt on the simulated fortnight."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.plan_view import PlanView
from khiw.db import Database
from khiw.qt.runner import OperationRunner

PLAN_WAIT = 120_000  # ms: a plan is seconds of simulation, more on a loaded machine


@pytest.fixture
def view(qtbot: QtBot, history: str) -> Iterator[PlanView]:
    db = Database(history)
    runner = OperationRunner(db)
    widget = PlanView(runner, workers=1)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.office.count() == 1)
    widget.set_history(date(2026, 6, 1), date(2026, 6, 14))
    widget.replications.setValue(6)
    yield widget
    widget.shutdown()
    runner.shutdown()
    db.dispose()


def run(qtbot: QtBot, view: PlanView) -> None:
    with qtbot.waitSignal(view.plan_shown, timeout=PLAN_WAIT):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)


class TestPlanView:
    def test_shows_counters_recommended_and_open_per_weekday_and_hour(self, qtbot: QtBot, view: PlanView) -> None:
        run(qtbot, view)
        assert view.heat.rowCount() == 5
        assert view.heat.verticalHeaderItem(0).text() == "จันทร์ (2 วัน)"
        hours = [view.heat.horizontalHeaderItem(c).text() for c in range(view.heat.columnCount())]
        assert "10.00–11.00" in hours
        busy = view.cell(0, hours.index("10.00–11.00"))
        recommended, opened = busy.split(" / ")
        assert int(recommended) >= 1 and 0 < float(opened) <= 4
        assert "ช่องที่แนะนำเริ่มจาก" in view.heat.item(0, hours.index("10.00–11.00")).toolTip()
        assert view.waits.item(0, 0).text() == "จันทร์"
        assert "จำลอง 6 วันต่อวันทำการ" in view.status.text()
        assert view.run_button.isEnabled()

    def test_what_if_more_arrivals_recommends_more_counter_hours(self, qtbot: QtBot, view: PlanView) -> None:
        run(qtbot, view)
        before = sum(d.counter_hours_recommended for d in view.plan.days)
        view.arrivals.setValue(150)
        run(qtbot, view)
        assert view.plan.scenario.arrivals_scale == 1.5
        assert sum(d.counter_hours_recommended for d in view.plan.days) > before
        assert "สถานการณ์สมมติ" in view.title.text()

    def test_a_what_if_it_cannot_read_is_said_in_thai_and_nothing_runs(self, qtbot: QtBot, view: PlanView) -> None:
        view.standard.setText("REG")
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
        assert "ข้อมูลสมมติไม่ถูกต้อง" in view.status.text()
        assert view.plan is None and view.run_button.isEnabled()
        view.standard.setText("NOPE=5")
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "ข้อมูลสมมติไม่ถูกต้อง" in view.status.text() and "NOPE" in view.status.text(), timeout=PLAN_WAIT)
