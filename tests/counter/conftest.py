"""Counter windows on a real SQLite office, driven with pytest-qt like a member of staff would."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter.i18n import FOLDER, Translations
from counter.window import CounterWindow
from khiw.db import Database
from tests.fixtures import PINS, new_database, with_office

LRELEASE = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "pyside6-lrelease"
WAIT = 5000


@pytest.fixture
def office_db(tmp_path: Path) -> Iterator[Database]:
    """The example office on a fresh SQLite file (GUI tests run on SQLite only)."""
    db = with_office(new_database(f"sqlite:///{tmp_path / 'khiw.db'}"))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``counter_en.qm`` built from the committed ``.ts`` (as setup.sh does)."""
    folder = tmp_path_factory.mktemp("i18n")
    subprocess.run([str(LRELEASE), "-silent", str(FOLDER / "counter_en.ts"), "-qm", str(folder / "counter_en.qm")], check=True)
    return folder


WindowFactory = Callable[..., CounterWindow]


@pytest.fixture
def make_window(qtbot: QtBot, office_db: Database, english: Path) -> Iterator[WindowFactory]:
    """Open counter windows (1366×768, shown); all shut down at the end."""
    opened: list[CounterWindow] = []

    def make(counter: int | None = None, db: Database | None = None) -> CounterWindow:
        window = CounterWindow(db or office_db, counter=counter, translations=Translations(english))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.translations.use("th")
        window.stop()


def sign_in(qtbot: QtBot, window: CounterWindow, username: str, pin: str | None = None) -> None:
    """Type the username and PIN and press Enter, like a person (at the active window)."""
    page = window.signin
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=WAIT)
    activate(qtbot, window)
    page.username.clear()
    qtbot.keyClicks(page.username, username)
    page.pin.clear()
    qtbot.keyClicks(page.pin, pin if pin is not None else PINS[username])
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)


def at_station(qtbot: QtBot, window: CounterWindow) -> None:
    """Wait until the working page shows, with the office read at least once."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.station and window.state.snapshot is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.busy and window.state.snapshot.counter(window.state.counter) is not None, timeout=WAIT)


def press(qtbot: QtBot, window: CounterWindow, key: Qt.Key) -> None:
    """Press ``key`` on the numeric keypad, once the last change has landed."""
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)
    activate(qtbot, window)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.KeypadModifier)


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` (or a dialog) the one that gets the keyboard, as clicking on it would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)


def shown_code(window: CounterWindow) -> str:
    return window.station.ticket.code.text()


@pytest.fixture
def at_counter(qtbot: QtBot, make_window: WindowFactory) -> Callable[..., CounterWindow]:
    """A window bound to ``counter`` with ``username`` signed in and working there."""

    def open_at(counter: int = 1, username: str = "somchai", db: Database | None = None) -> CounterWindow:
        window = make_window(counter=counter, db=db)
        sign_in(qtbot, window, username)
        at_station(qtbot, window)
        return window

    return open_at


def shows(qtbot: QtBot, window: CounterWindow, code: str) -> None:
    """Wait until the ticket panel shows ``code`` ("—" for no ticket) and the change landed."""
    qtbot.waitUntil(lambda: shown_code(window) == code and not window.busy, timeout=WAIT)


def notice(window: CounterWindow) -> str:
    return window.notice.text()
