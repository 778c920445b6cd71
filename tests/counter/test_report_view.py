"""The supervisor's report view, driven with real widgets (SQLite)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.report_view import ReportView
from khiw.db import Database
from khiw.qt.runner import OperationRunner
from khiw.reports.periods import parse_period
from tests.fixtures import new_database, with_office
from tests.reports import scenario


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> Iterator[ReportView]:
    db: Database = with_office(new_database(f"sqlite:///{tmp_path / 'khiw.db'}"))
    scenario.build(db)
    runner = OperationRunner(db)
    widget = ReportView(runner)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.office.count() == 1, timeout=5000)
    try:
        yield widget
    finally:
        runner.shutdown()
        db.dispose()


def show(qtbot: QtBot, view: ReportView, period: str) -> None:
    view.set_period(parse_period(period))
    with qtbot.waitSignal(view.report_shown, timeout=10000):
        view.show_button.click()


class TestReportView:
    def test_picks_the_only_office_and_starts_on_this_fiscal_year(self, view: ReportView) -> None:
        assert view.office.currentData() == "TSA"
        assert view.kind.currentData() == "fy" and not view.export_buttons["pdf"].isEnabled()

    def test_shows_the_figures_of_the_chosen_day(self, qtbot: QtBot, view: ReportView) -> None:
        show(qtbot, view, "2026-11-20")
        assert [value.text() for value, _ in view.cards] == ["6", "3", "12.0 นาที", "50.0%"]
        assert view.tables["by_service"].rowCount() == 6
        assert view.cell("by_service", 0, 0) == "ชำระภาษีที่ดินและสิ่งปลูกสร้าง" and view.cell("by_service", 0, 1) == "TAX"
        assert view.cell("by_service", 0, 2) == "3"
        assert view.cell("out_of_order", 0, 5) == "นัดหมาย"
        assert view.arrivals.values == [7]
        assert "ผู้รับบริการ 6 ราย (บัตรคิว 7 ใบ)" in view.status.text()
        summary = view.sentences.text().replace("\u200b", "")  # Qt's break hints, on screen only
        assert "มีประชาชนมารับบริการ 6 ราย ให้บริการเสร็จสิ้น 3 ราย" in summary

    def test_periods_round_trip_through_the_pickers(self, view: ReportView) -> None:
        for code in ("2569", "2569-H2", "2569-11", "2026-11-01..2026-11-20"):
            view.set_period(parse_period(code))
            assert view.period() == parse_period(code)

    def test_exports_the_report_on_screen(self, qtbot: QtBot, view: ReportView, tmp_path: Path) -> None:
        show(qtbot, view, "2026-11-20")
        for fmt in ("json", "pdf"):
            out = tmp_path / f"report.{fmt}"
            with qtbot.waitSignal(view.exported, timeout=10000):
                view.export_to(str(out), fmt)
            assert out.stat().st_size > 1000
        assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["totals"]["issued"] == 7
        assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["totals"]["visits"] == 6

    def test_a_backwards_range_is_refused_on_screen(self, view: ReportView) -> None:
        view.set_period(parse_period("2026-11-20"))
        view.first.setDate(view.last.date().addDays(3))
        view.show_button.click()
        assert "ช่วงเวลาไม่ถูกต้อง" in view.status.text()
