"""The board never shows a stale or mismatched call: at start-up, in a burst, in Thai only,
and readable from across the room."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display import style
from display.style import FitText, ScaledLabel
from display.voice import BoardVoice
from display.window import BoardWindow
from khiw.config import DisplayConfig
from khiw.db import Database
from khiw.engine import call_next, close_counter, finish, issue, recall, start, transfer
from khiw.speech.announcer import Announcement
from khiw.speech.output import FileOutput
from khiw.speech.pcm import from_wav
from khiw.speech.voices import VoiceChoice
from tests.display.voices import GatedOutput, tone_voice
from tests.fixtures import new_database, with_office

SETTINGS = DisplayConfig(fullscreen=False, voice="pack", notice_th="ยินดีต้อนรับ", notice_en="Welcome")
CODE = re.compile(r"\b[A-Z]{1,2}\d{3}\b")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = with_office(new_database(f"sqlite:///{tmp_path / 'board.db'}"))
    yield database
    database.dispose()


@pytest.fixture
def pack_choice(tmp_path: Path) -> VoiceChoice:
    return tone_voice(tmp_path / "voice")


def open_board(qtbot: QtBot, db: Database, voice: BoardVoice, settings: DisplayConfig = SETTINGS, size: tuple[int, int] = (1920, 1080)) -> BoardWindow:
    window = BoardWindow(db, settings, voice=voice)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    with qtbot.waitSignal(window.controller.state_changed, timeout=10_000):
        window.start()
    return window


def panel(window: BoardWindow) -> tuple[str, str]:
    return window.latest.code.text(), window.latest.to.text()


class TestStartUp:
    def test_a_finished_call_at_a_closed_counter_is_not_shown(self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice) -> None:
        db.run(issue, service="TAX")
        done = db.run(call_next, counter=1)
        db.run(start, ticket=done.ticket.id)
        db.run(finish, ticket=done.ticket.id)
        db.run(close_counter, counter=1)
        window = open_board(qtbot, db, BoardVoice(SETTINGS, output=FileOutput(tmp_path / "a"), choice=pack_choice))
        assert panel(window) == ("—", "กรุณารอเรียกคิว")
        assert window.counters.shown() == []
        window.close()

    def test_a_finished_call_at_an_open_counter_is_not_shown_but_a_call_still_open_is(
        self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice
    ) -> None:
        db.run(issue, service="TAX")
        db.run(issue, service="REG")
        done = db.run(call_next, counter=1)
        db.run(start, ticket=done.ticket.id)
        db.run(finish, ticket=done.ticket.id)
        window = open_board(qtbot, db, BoardVoice(SETTINGS, output=FileOutput(tmp_path / "a"), choice=pack_choice))
        assert panel(window) == ("—", "กรุณารอเรียกคิว")
        assert window.counters.shown() == [("1", "A001")]  # the truth: counter 1 called A001 last,
        assert window.counters.rows[0].code.color == style.MUTED  # and it is done: muted, not yellow
        window.close()
        db.run(call_next, counter=2)
        again = open_board(qtbot, db, BoardVoice(SETTINGS, output=FileOutput(tmp_path / "b"), choice=pack_choice))
        assert panel(again) == ("B001", "➜  ช่องบริการ  2")
        assert [r.code.color for r in again.counters.rows[:2]] == [style.MUTED, style.FLASH_TEXT]
        assert again.voice.announcer.output.written == []  # shown, not announced: it was called before
        again.close()


class TestOneCall:
    def test_a_call_to_a_quiet_board_shows_at_once_with_no_line_of_calls_to_say(
        self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice
    ) -> None:
        output = GatedOutput(tmp_path / "audio")
        window = open_board(qtbot, db, BoardVoice(SETTINGS, output=output, choice=pack_choice))
        lines: list[int] = []
        show_calls = window.upnext.show_calls
        window.upnext.show_calls = lambda calls: (lines.append(len(calls)), show_calls(calls))  # type: ignore[method-assign]
        before = (window.latest.size(), window.counters.rows[0].code.size())
        db.run(issue, service="TAX")
        called = db.run(call_next, counter=1)
        qtbot.waitUntil(lambda: panel(window) == (called.ticket.code, "➜  ช่องบริการ  1"), timeout=10_000)
        qtbot.waitUntil(lambda: len(output.written) == 1, timeout=10_000)  # being said
        output.release()
        qtbot.wait(50)
        # Never listed as "next" while its own announcement was prepared: the line would
        # have shown and gone at every call, the panels above jumping each time.
        assert lines and set(lines) == {0} and window.upnext.isHidden()
        assert (window.latest.size(), window.counters.rows[0].code.size()) == before
        window.close()


class TestBurst:
    def test_five_calls_in_one_second_the_panel_shows_what_is_said_in_order_none_lost(
        self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice
    ) -> None:
        output = GatedOutput(tmp_path / "audio")
        voice = BoardVoice(SETTINGS, output=output, choice=pack_choice)
        started: list[Announcement] = []
        spoken: list[Announcement] = []
        voice.started.connect(started.append)
        voice.spoken.connect(spoken.append)
        window = open_board(qtbot, db, voice)
        for service in ("TAX", "REG", "WEL", "BLD"):
            db.run(issue, service=service)
        calls = [db.run(call_next, counter=n) for n in (1, 2, 3, 4)]
        again = db.run(recall, ticket=calls[0].ticket.id)  # five calls within a second
        order = [(c.ticket.code, c.counter_number) for c in calls] + [(calls[0].ticket.code, 1)]
        qtbot.waitUntil(lambda: len(started) == 1 and len(window.upnext.shown()) == 4, timeout=10_000)
        for i, (code, counter) in enumerate(order):
            qtbot.waitUntil(lambda i=i: len(started) == i + 1, timeout=10_000)
            qtbot.waitUntil(lambda code=code, counter=counter: panel(window) == (code, f"➜  ช่องบริการ  {counter}"), timeout=5000)
            assert window.upnext.shown() == [c for c, _ in order[i + 1 :]]
            assert sorted(window.counters.shown()) == sorted((str(c.counter_number), c.ticket.code) for c in calls)
            assert window.latest.recall.isHidden() == (i < 4)
            output.release()
        qtbot.waitUntil(lambda: len(spoken) == 5, timeout=10_000)
        assert [a.event_id for a in spoken] == [c.event_id for c in calls] + [again.event_id]
        assert window.upnext.isHidden()
        assert panel(window) == (calls[0].ticket.code, "➜  ช่องบริการ  1")  # still called: it stays
        assert len(output.written) == 5 and all(from_wav(p.read_bytes()).seconds > 4 for p in output.written)
        window.close()

    def test_a_transferred_ticket_shows_and_says_where_it_came_from(
        self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice
    ) -> None:
        output = FileOutput(tmp_path / "audio")
        voice = BoardVoice(SETTINGS, output=output, choice=pack_choice)
        spoken: list[Announcement] = []
        voice.spoken.connect(spoken.append)
        window = open_board(qtbot, db, voice)
        db.run(issue, service="TAX")
        first = db.run(call_next, counter=1)
        moved = db.run(transfer, ticket=first.ticket.id, service="REG")
        db.run(call_next, counter=2)
        qtbot.waitUntil(lambda: len(spoken) == 2, timeout=10_000)
        assert spoken[1].transferred_from == "A001" and spoken[1].code == moved.new.code
        assert panel(window) == (moved.new.code, "➜  ช่องบริการ  2")
        assert "ส่งต่อจาก A001" in window.latest.service.text()
        window.close()


def visible_texts(window: BoardWindow) -> list[str]:
    texts = [w.text() for w in window.findChildren(ScaledLabel) if w.isVisibleTo(window)]
    texts += [w.text() for w in window.findChildren(FitText) if w.isVisibleTo(window)]
    return [*texts, window.ticker.text]


class TestThaiOnly:
    def test_english_false_shows_no_latin_letters_but_ticket_codes(self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice) -> None:
        for service in ("TAX", "REG", "TAX"):
            db.run(issue, service=service)
        output = GatedOutput(tmp_path / "audio")
        window = open_board(qtbot, db, BoardVoice(SETTINGS, output=output, choice=pack_choice))
        empty = visible_texts(window)
        db.run(call_next, counter=1)
        db.run(call_next, counter=2)
        qtbot.waitUntil(lambda: len(window.upnext.shown()) == 1, timeout=10_000)
        for text in empty + visible_texts(window):
            # A queue tile starts with its ticket prefix ("A  ชำระภาษี…"): part of the code.
            assert not re.search("[A-Za-z]", re.sub(r"^[A-Z]{1,2}  ", "", CODE.sub("", text))), text
        output.release()
        output.release()
        window.close()

    def test_english_true_adds_the_english_words(self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice) -> None:
        settings = SETTINGS.model_copy(update={"english": True})
        window = open_board(qtbot, db, BoardVoice(settings, output=FileOutput(tmp_path / "a"), choice=pack_choice), settings)
        shown = " ".join(visible_texts(window))
        assert "Counter" in shown and "Please wait to be called" in shown and "Welcome" in shown
        window.close()


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class TestReadableFromFiveMetres:
    def test_tile_names_are_at_least_40_px_and_text_contrast_at_least_4_5(self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice) -> None:
        window = open_board(qtbot, db, BoardVoice(SETTINGS, output=FileOutput(tmp_path / "a"), choice=pack_choice))
        assert all(card.name.font().pixelSize() >= 40 for card in window.queues.cards)
        assert window.header.date.font().pixelSize() >= 32
        for colour in (style.TEXT, style.MUTED, style.CALL, style.WARNING):
            assert contrast(colour, style.BACKGROUND) >= 4.5 and contrast(colour, style.PANEL) >= 4.5, colour
        assert contrast(style.FLASH_TEXT, style.FLASH_BG) >= 4.5
        window.close()

    def test_no_service_name_is_cut_off_in_portrait(self, qtbot: QtBot, db: Database, tmp_path: Path, pack_choice: VoiceChoice) -> None:
        settings = SETTINGS.model_copy(update={"orientation": "portrait"})
        window = open_board(qtbot, db, BoardVoice(settings, output=FileOutput(tmp_path / "a"), choice=pack_choice), settings, (1080, 1920))
        qtbot.wait(50)
        names = {c.full_name: c.name for c in window.queues.cards}
        assert "C  ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ" in names
        for full, label in names.items():
            lines = label.text().split("\n")
            assert "".join(lines).replace(" ", "") == full.replace(" ", "")  # every character shown
            assert all(label.fontMetrics().horizontalAdvance(line) <= label.width() for line in lines), lines
            assert label.height() >= len(lines) * label.fontMetrics().lineSpacing() - 2, (full, label.height())
        assert len(names["C  ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ"].text().split("\n")) == 2
        window.close()
