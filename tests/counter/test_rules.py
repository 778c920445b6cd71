"""The counter's plain rules: timer colours, which keys do what, stale reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter import actions
from counter.desk import DeskState, reduce
from counter.timing import Pace, clock_text, pace
from khiw.db import Database
from khiw.engine import call_next, issue
from khiw.engine.counter_snapshot import read_counter_snapshot
from tests.counter.conftest import WAIT, press, shows, sign_in


class TestPace:
    @pytest.mark.parametrize(
        ("seconds", "expected"),
        [(0, Pace.NORMAL), (599, Pace.NORMAL), (600, Pace.AMBER), (899, Pace.AMBER), (900, Pace.RED), (5000, Pace.RED)],
    )
    def test_amber_at_the_standard_time_red_at_half_as_long_again(self, seconds: int, expected: Pace) -> None:
        assert pace(seconds, standard_minutes=10) is expected

    def test_clock_text(self) -> None:
        assert [clock_text(s) for s in (0, 65.9, 3600 + 62)] == ["0:00", "1:05", "1:01:02"]


class TestKeys:
    def test_enter_starts_a_called_ticket_and_finishes_a_served_one(self) -> None:
        called = actions.available("open", "called")
        serving = actions.available("open", "serving")
        assert actions.for_key(Qt.Key.Key_Enter, called) == actions.START
        assert actions.for_key(Qt.Key.Key_Return, serving) == actions.FINISH

    def test_a_paused_counter_can_only_resume(self) -> None:
        paused = actions.available("paused", None)
        assert paused == {actions.PAUSE}
        assert actions.for_key(Qt.Key.Key_Plus, paused) is None
        assert actions.for_key(Qt.Key.Key_Insert, paused) == actions.PAUSE

    def test_every_key_fires_one_action_at_a_time(self) -> None:
        for state in (("open", None), ("open", "called"), ("open", "serving"), ("paused", None)):
            enabled = actions.available(*state)
            for spec in actions.ACTIONS:
                fired = {a.name for a in actions.ACTIONS if a.name in enabled and set(a.keys) & set(spec.keys)}
                assert len(fired) <= 1, (state, spec.name, fired)


class TestStaleReads:
    def test_a_read_older_than_the_last_change_does_not_bring_a_ticket_back(self, office_db: Database) -> None:
        office_db.run(issue, service="TAX")
        before = office_db.query(read_counter_snapshot, counter=1)
        called = office_db.run(call_next, counter=1)
        state = reduce(DeskState(), called)
        assert reduce(state, before).current == called.ticket
        after = office_db.query(read_counter_snapshot, counter=1)
        assert reduce(state, after).snapshot is after


class TestTimerOnScreen:
    def test_the_timer_turns_amber_then_red(self, qtbot: QtBot, make_window, office_db: Database) -> None:
        office_db.run(issue, service="INF")  # 5-minute standard
        later = timedelta()
        window = make_window(counter=1)
        window.clock = lambda: datetime.now(UTC) + later
        sign_in(qtbot, window, "somchai")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.station and not window.busy, timeout=WAIT)
        press(qtbot, window, Qt.Key.Key_Plus)
        shows(qtbot, window, "F001")
        press(qtbot, window, Qt.Key.Key_Enter)
        panel = window.station.ticket
        qtbot.waitUntil(lambda: panel.pace is Pace.NORMAL, timeout=WAIT)
        later = timedelta(minutes=5, seconds=1)
        qtbot.waitUntil(lambda: panel.pace is Pace.AMBER, timeout=WAIT)
        assert "#F9A825" in panel.timer.styleSheet()
        later = timedelta(minutes=7, seconds=31)
        qtbot.waitUntil(lambda: panel.pace is Pace.RED, timeout=WAIT)
        assert panel.timer.text().startswith("เวลาให้บริการ 7:3")

