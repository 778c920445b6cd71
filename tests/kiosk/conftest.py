"""A real kiosk window on a SQLite office, printing to a fake network printer on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from khiw.config import KhiwConfig, KioskConfig, PrinterConfig
from khiw.db import Database
from khiw.models import Event, EventKind, Ticket
from kiosk.window import KioskWindow
from tests.fixtures import new_database, office_config, with_office
from tests.printing.fakeprinter import FakePrinter


def no_priority_lane() -> KhiwConfig:
    cfg = office_config()
    return cfg.model_copy(update={"policy": cfg.policy.model_copy(update={"priority_lane": False})})


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    with FakePrinter("ok") as fake:
        yield fake


class Kiosk:
    """A started kiosk window and helpers to read what it did to the database."""

    def __init__(self, qtbot: QtBot, db: Database, window: KioskWindow) -> None:
        self.qtbot, self.db, self.window = qtbot, db, window

    def tap(self, code: str) -> None:
        from PySide6.QtCore import Qt

        self.qtbot.waitUntil(self.window.accepting_taps, timeout=2000)
        self.qtbot.mouseClick(self.window.start_page.buttons[code], Qt.MouseButton.LeftButton)

    def tickets(self) -> list[Ticket]:
        with self.db.read() as s:
            return list(s.execute(select(Ticket).order_by(Ticket.id)).scalars())

    def print_events(self) -> list[Event]:
        with self.db.read() as s:
            kinds = [EventKind.PRINT_FAILED, EventKind.PRINTED]
            return list(s.execute(select(Event).where(Event.kind.in_(kinds)).order_by(Event.id)).scalars())


@pytest.fixture
def make_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build a kiosk: ``make_kiosk(printer=PrinterConfig(...), config=..., size=(w, h), **kiosk_settings)``."""
    made: list[Kiosk] = []

    def build(
        printer: PrinterConfig | None = None,
        *,
        config: KhiwConfig | None = None,
        size: tuple[int, int] = (1920, 1080),
        locked: bool = False,
        **settings: object,
    ) -> Kiosk:
        db = with_office(new_database(f"sqlite:///{tmp_path / f'kiosk{len(made)}.db'}"), config or no_priority_lane())
        kiosk_cfg = KioskConfig(**{"fullscreen": False, "name": "kiosk-test", **settings})
        window = KioskWindow(db, kiosk=kiosk_cfg, printer=printer or PrinterConfig(), locked=locked)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        with qtbot.waitSignal(window.status_applied, timeout=10_000):
            window.start()
        assert window.live.watcher.ready.wait(5), "the change feed did not start"
        kiosk = Kiosk(qtbot, db, window)
        made.append(kiosk)
        return kiosk

    yield build
    for kiosk in made:
        kiosk.window._unlocked = True
        kiosk.window.close()
        kiosk.db.dispose()


def network_printer(fake: FakePrinter | int, **extra: object) -> PrinterConfig:
    port = fake if isinstance(fake, int) else fake.port
    return PrinterConfig(kind="network", host="127.0.0.1", port=port, timeout_seconds=1.5, width_dots=576, **extra)
