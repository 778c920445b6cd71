"""Thai by default, English at F12, through Qt's .ts/.qm translations."""

from __future__ import annotations

import logging
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter.i18n import FOLDER, Translations
from counter.window import CounterWindow
from khiw.db import Database
from khiw.engine import issue
from tests.counter.conftest import WAIT, activate, press, shows, sign_in

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = ROOT / ".venv" / "bin" / "pyside6-lupdate"


class TestLanguage:
    def test_thai_by_default_and_english_at_f12_then_back(self, qtbot: QtBot, at_counter, office_db: Database) -> None:
        office_db.run(issue, service="TAX", priority="elderly")
        window = at_counter(1)
        press(qtbot, window, Qt.Key.Key_Plus)
        shows(qtbot, window, "A001")
        call = window.station.pad.buttons["call_next"]
        assert call.text() == "เรียกคิวถัดไป\n[ + ]"

        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F12)

        qtbot.waitUntil(lambda: call.text() == "Call next\n[ + ]", timeout=WAIT)
        panel = window.station.ticket
        assert panel.service.text() == "Land and building tax payment"
        assert panel.priority.text() == "Elderly"
        assert window.notice.text() == "Called A001"
        assert window.station.queues.title.text() == "Queues of this counter"
        assert window.sign_out.text() == "Sign out"
        assert window.language.text() == "ภาษาไทย"

        window.language.click()

        qtbot.waitUntil(lambda: call.text() == "เรียกคิวถัดไป\n[ + ]", timeout=WAIT)
        assert panel.service.text() == "ชำระภาษีที่ดินและสิ่งปลูกสร้าง"

    def test_refusals_follow_the_language(self, qtbot: QtBot, at_counter) -> None:
        window = at_counter(1)
        window.toggle_language()
        press(qtbot, window, Qt.Key.Key_Plus)
        qtbot.waitUntil(lambda: window.notice.text() == "Nobody is waiting", timeout=WAIT)

    def test_without_the_qm_file_the_station_runs_in_thai_and_says_why(
        self, qtbot: QtBot, make_window, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        window = make_window(counter=1)
        window.translations = Translations(tmp_path)  # an empty folder: no counter_en.qm
        window.language.setEnabled(True)
        with caplog.at_level(logging.WARNING, logger="counter.i18n"):
            window.toggle_language()
        assert window.lang == "th"
        assert "counter_en.qm" in caplog.text and "scripts/setup.sh" in caplog.text
        sign_in(qtbot, window, "somchai")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.station, timeout=WAIT)
        assert window.station.pad.buttons["call_next"].text().startswith("เรียกคิวถัดไป")

    def test_the_language_button_is_off_when_english_is_not_built(self, qtbot: QtBot, office_db: Database, tmp_path: Path) -> None:
        window = CounterWindow(office_db, translations=Translations(tmp_path), watch=False)
        qtbot.addWidget(window)
        try:
            assert not window.language.isEnabled()
        finally:
            window.stop()


class TestTranslationFile:
    def test_every_text_on_screen_has_a_finished_english_translation(self, tmp_path: Path) -> None:
        """Re-extract the tr() texts into a copy of the .ts: nothing new, nothing unfinished."""
        copy = tmp_path / "counter_en.ts"
        shutil.copy(FOLDER / "counter_en.ts", copy)
        sources = sorted(str(p) for p in (ROOT / "counter").glob("*.py"))
        subprocess.run(
            [str(LUPDATE), *sources, "-source-language", "th", "-target-language", "en", "-locations", "none", "-no-obsolete", "-ts", str(copy)],
            check=True,
            capture_output=True,
        )
        messages = ET.parse(copy).getroot().iter("message")
        unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") or not m.findtext("translation")]
        assert unfinished == []
