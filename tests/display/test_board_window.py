"""The board on screen: calls appear without refresh, are announced once each, in order."""

from __future__ import annotations

import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine import call_next, finish, issue, recall, start
from khiw.engine.alerts import record_print
from khiw.speech.announcer import Announcement
from khiw.speech.output import FileOutput
from khiw.speech.voices import EspeakVoice
from tests.fixtures import new_database, with_office

KHIW = Path(sys.executable).with_name("khiw")
SETTINGS = DisplayConfig(fullscreen=False, voice="espeak", notice_th="ยินดีต้อนรับ", notice_en="Welcome")


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[tuple[Database, str]]:
    """A SQLite file holding the example office (GUI tests run on SQLite), and its URL."""
    url = f"sqlite:///{tmp_path / 'board.db'}"
    db = with_office(new_database(url))
    yield db, url
    db.dispose()


class Board:
    """A started board window with a WAV-writing voice, and what it announced."""

    def __init__(self, qtbot: QtBot, db: Database, folder: Path, settings: DisplayConfig = SETTINGS) -> None:
        self.output = FileOutput(folder)
        self.voice = BoardVoice(settings, output=self.output)
        self.window = BoardWindow(db, settings, voice=self.voice)
        self.spoken: list[Announcement] = []
        self.voice.spoken.connect(self.spoken.append)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 720)
        self.window.show()
        with qtbot.waitSignal(self.window.controller.state_changed, timeout=10_000):
            self.window.start()

    @property
    def latest(self) -> tuple[str, str]:
        return self.window.latest.code.text(), self.window.latest.to.text()

    def close(self) -> None:
        self.window.close()


@pytest.fixture
def board(qtbot: QtBot, sqlite_office: tuple[Database, str], tmp_path: Path) -> Iterator[Board]:
    shown = Board(qtbot, sqlite_office[0], tmp_path / "audio")
    yield shown
    shown.close()


class TestBoardShowsCalls:
    def test_an_empty_board_invites_waiting_and_shows_the_queues(self, board: Board) -> None:
        assert board.latest == ("—", "กรุณารอเรียกคิว")
        assert board.window.queues.shown()["A"] == "รอ 0 คิว"
        assert board.window.header.office.text() == "องค์การบริหารส่วนตำบลท่าสะอ้าน"
        assert board.window.header.reconnecting.isHidden()
        assert board.window.ticker.text == "ยินดีต้อนรับ"  # english = false: the English notice is not shown

    def test_a_call_through_the_engine_appears_flashes_and_is_announced(
        self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str]
    ) -> None:
        db = sqlite_office[0]
        db.run(issue, service="TAX")
        db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: board.window.queues.shown()["A"] == "รอ 2 คิว", timeout=5000)
        called = db.run(call_next, counter=1)
        qtbot.waitUntil(lambda: board.latest == ("A001", "➜  ช่องบริการ  1"), timeout=5000)
        assert board.window.latest.flashing
        assert board.window.counters.shown() == [("1", "A001")]
        assert board.window.queues.shown()["A"] == "รอ 1 คิว"
        qtbot.waitUntil(lambda: len(board.spoken) == 1, timeout=10_000)
        assert board.spoken == [Announcement(called.event_id, "A001", 1, False)]
        assert board.spoken[0].th == "หมายเลข เอ ศูนย์ ศูนย์ หนึ่ง เชิญที่ช่องบริการ หนึ่ง"

    def test_a_call_from_another_process_appears(self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str]) -> None:
        db, url = sqlite_office
        db.run(issue, service="REG")
        done = subprocess.run([str(KHIW), "--db", url, "call", "2"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(lambda: board.latest == ("B001", "➜  ช่องบริการ  2"), timeout=5000)
        qtbot.waitUntil(lambda: [a.code for a in board.spoken] == ["B001"], timeout=10_000)

    def test_a_recall_is_announced_again(self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str]) -> None:
        db = sqlite_office[0]
        db.run(issue, service="TAX")
        called = db.run(call_next, counter=1)
        qtbot.waitUntil(lambda: len(board.spoken) == 1, timeout=10_000)
        again = db.run(recall, ticket=called.ticket.id)
        qtbot.waitUntil(lambda: len(board.spoken) == 2, timeout=10_000)
        assert [(a.event_id, a.code, a.recall) for a in board.spoken] == [(called.event_id, "A001", False), (again.event_id, "A001", True)]
        assert not board.window.latest.recall.isHidden()
        assert len(board.output.written) == 2

    def test_five_calls_at_once_give_five_announcements_in_order_none_lost(
        self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str]
    ) -> None:
        db = sqlite_office[0]
        for service in ("TAX", "REG", "WEL", "BLD", "TAX"):
            db.run(issue, service=service)
        first = db.run(call_next, counter=1)
        db.run(start, ticket=first.ticket.id)
        db.run(finish, ticket=first.ticket.id)
        qtbot.waitUntil(lambda: len(board.spoken) == 1, timeout=10_000)
        # Four counters call in the same instant, from four threads, then counter 1 again.
        results = []
        threads = [threading.Thread(target=lambda n=n: results.append(db.run(call_next, counter=n))) for n in (1, 2, 3, 4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        db.run(recall, ticket=results[0].ticket.id)
        qtbot.waitUntil(lambda: len(board.spoken) == 6, timeout=30_000)
        announced = board.spoken[1:]
        assert [a.event_id for a in announced] == sorted(a.event_id for a in announced)
        assert sorted((a.code, a.counter) for a in announced if not a.recall) == sorted(
            (r.ticket.code, r.counter_number) for r in results
        )
        assert [a.recall for a in announced] == [False] * 4 + [True]
        assert [p.name for p in board.output.written] == [f"announcement-000{i}.wav" for i in range(1, 7)]

    def test_calls_made_before_the_board_started_are_shown_not_announced(
        self, qtbot: QtBot, sqlite_office: tuple[Database, str], tmp_path: Path
    ) -> None:
        db = sqlite_office[0]
        db.run(issue, service="TAX")
        db.run(call_next, counter=1)
        late = Board(qtbot, db, tmp_path / "late")
        try:
            assert late.latest[0] == "A001"
            db.run(issue, service="REG")
            db.run(call_next, counter=2)
            qtbot.waitUntil(lambda: [a.code for a in late.spoken] == ["B001"], timeout=10_000)
        finally:
            late.close()

    def test_printer_alert_shown_only_when_configured(self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str], tmp_path: Path) -> None:
        db = sqlite_office[0]
        db.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out")
        qtbot.waitUntil(lambda: not board.window.alert.isHidden(), timeout=5000)
        assert board.window.alert.text() == "ตู้บัตรคิว kiosk-1: กระดาษหมด กรุณาแจ้งเจ้าหน้าที่"
        quiet = Board(qtbot, db, tmp_path / "quiet", SETTINGS.model_copy(update={"show_printer_alerts": False}))
        try:
            assert quiet.window.alert.isHidden()
        finally:
            quiet.close()
        db.run(record_print, ticket=None, kiosk="kiosk-1", problem=None)
        qtbot.waitUntil(lambda: board.window.alert.isHidden(), timeout=5000)


@pytest.mark.skipif(EspeakVoice.find() is None, reason="espeak-ng with a Thai voice is not installed")
class TestBoardVoice:
    def test_the_announcement_is_rendered_as_a_wav_of_plausible_length(
        self, qtbot: QtBot, board: Board, sqlite_office: tuple[Database, str]
    ) -> None:
        db = sqlite_office[0]
        db.run(issue, service="WEL")
        db.run(call_next, counter=3)
        qtbot.waitUntil(lambda: len(board.output.written) == 1, timeout=10_000)
        with wave.open(str(board.output.written[0])) as clip:
            seconds = clip.getnframes() / clip.getframerate()
        assert 4.0 < seconds < 20.0  # chime (1.65 s) and the Thai sentence at 135 words a minute


class TestPortrait:
    def test_the_portrait_board_shows_the_same_call(self, qtbot: QtBot, sqlite_office: tuple[Database, str], tmp_path: Path) -> None:
        db = sqlite_office[0]
        db.run(issue, service="WEL")
        db.run(call_next, counter=3)
        tall = Board(qtbot, db, tmp_path / "tall", SETTINGS.model_copy(update={"orientation": "portrait", "voice": "none"}))
        try:
            assert tall.latest == ("C001", "➜  ช่องบริการ  3")
            assert tall.window.queues.columns == 2
        finally:
            tall.close()
