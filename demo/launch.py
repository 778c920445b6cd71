"""Opening the demo: kiosk, counter 1, the board and the paper tray, tiled on one screen.

The demo composes the stations: it builds each one as its own command would, on the demo's
database and ``khiw.toml``, and arranges the windows they build.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication

from counter.app import build as build_counter
from demo.autoplay import Autoplay
from demo.office import DemoOffice, prepare
from display.app import build as build_board
from khiw.db import Database
from kiosk.app import build as build_kiosk
from kiosk.paper import PaperTray
from web.background import BackgroundServer

log = logging.getLogger(__name__)

HUMAN_COUNTER = 1
AUTOPLAY_DESKS = {2: "malee", 3: "prasert", 4: "kanya"}  # counter → the staff member signed in there


# Each station is laid out for a screen of its own; drawn at 85 % they all fit one 1920×1080
# screen side by side without overlapping. A QT_SCALE_FACTOR set by the user wins.
DEMO_SCALE = "0.85"


def tiles(screen: QRect) -> dict[str, QRect]:
    """Where each window goes: the kiosk (portrait) on the left, the board top right, the
    counter below it and the printed ticket in the corner."""
    x, y, w, h = screen.x(), screen.y(), screen.width(), screen.height()
    left, board_h, paper_w = round(w * 0.25), round(h * 0.49), round(w * 0.2)
    return {
        "kiosk": QRect(x, y, left, h),
        "display": QRect(x + left, y, w - left, board_h),
        "counter": QRect(x + left, y + board_h, w - left - paper_w, h - board_h),
        "paper": QRect(x + w - paper_w, y + board_h, paper_w, h - board_h),
    }


class _CloseWatcher(QObject):
    """Ends the demo when any of its windows is closed."""

    def __init__(self, on_close: Callable[[], None]) -> None:
        super().__init__()
        self.on_close = on_close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self.on_close)
        return False


def run_demo(office: DemoOffice, *, autoplay: bool, speed: float, quit_after: float | None, screenshot: Path | None) -> dict[str, int]:
    """Show the demo until a window is closed, Ctrl+C, SIGTERM or ``quit_after`` seconds."""
    os.environ.setdefault("QT_SCALE_FACTOR", DEMO_SCALE)
    db, cfg = Database(office.db_url), office.config
    app, kiosk = build_kiosk(db, office=None, kiosk=cfg.kiosk, printer=cfg.printer, windowed=True)
    _, desk = build_counter(db, office=None, counter=HUMAN_COUNTER)
    _, board = build_board(db, office=None, settings=cfg.display, config=cfg, config_path=office.config_path)
    windows: dict[str, Any] = {"kiosk": kiosk, "display": board, "counter": desk, "paper": PaperTray(office.tickets)}
    screen = QGuiApplication.primaryScreen()
    for name, rect in tiles(screen.availableGeometry() if screen else QRect(0, 0, 1920, 1080)).items():
        windows[name].setGeometry(rect)
        windows[name].show()
    stations = (kiosk, desk, board)
    for station in stations:
        station.start()
    web = BackgroundServer(Database(office.db_url), office.config.web, port=office.config.web.port).start()

    player = Autoplay(Database(office.db_url), kiosk, counters=list(AUTOPLAY_DESKS), staff=list(AUTOPLAY_DESKS.values()), speed=speed) if autoplay else None
    if player:
        player.start()

    ending = False

    def finish() -> None:
        nonlocal ending
        if ending:
            return
        ending = True
        if screenshot is not None and screen is not None:
            screen.grabWindow(0).save(str(screenshot))
        if player:
            player.stop()
        for window in windows.values():
            window.removeEventFilter(closer)
        for station in stations:
            station.stop()
        web.stop()
        for window in windows.values():
            window.close()
        app.quit()

    closer = _CloseWatcher(finish)
    for window in windows.values():
        window.installEventFilter(closer)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: QTimer.singleShot(0, finish))
    # Python runs signal handlers only between bytecodes: wake the interpreter now and then.
    heartbeat = QTimer(interval=200)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()
    if quit_after is not None:
        QTimer.singleShot(round(quit_after * 1000), finish)
    app.exec()
    heartbeat.stop()
    return {"issued": player.issued, "called": player.called, "finished": player.finished} if player else {}


def main(*, data: Path | None, autoplay: bool, speed: float, quit_after: float | None, screenshot: Path | None) -> int:
    """Prepare the demo office in ``data`` (a new temporary folder if None), print how to use
    it, run it until it ends and print what it did; the exit code of ``khiw demo``."""
    office = prepare(data)
    lines = [
        f"Khiw demo: {office.config.office.name_th}",
        f"  data:    {office.folder}  (khiw.db, khiw.toml, tickets/)",
        "  sign in at the counter window (counter 1) with:",
        *(f"    {s.username:<9} PIN {s.pin}  {s.role.value:<10} {s.display_name}" for s in office.config.staff),
        f"  web:     {office.config.web.base_url}/  (the tickets' QR codes lead here)",
        f"  autoplay: {'on, counters 2-4 serve by themselves' if autoplay else 'off (add --autoplay)'}",
        "  stop:    close any window, or press Ctrl+C",
    ]
    print("\n".join(lines), flush=True)
    done = run_demo(office, autoplay=autoplay, speed=speed, quit_after=quit_after, screenshot=screenshot)
    printed = len(list(office.tickets.glob("*.png")))
    summary = f"demo ended: {printed} tickets printed to {office.tickets}"
    if done:
        summary += f"; autoplay issued {done['issued']}, called {done['called']}, finished {done['finished']}"
    print(summary, flush=True)
    return 0
