"""Kiosk speed: from a tap to the last byte at the printer, the raster size, start-up and memory.

    .venv/bin/python -m bench.kiosk [--taps 40]

Drives the real kiosk window (offscreen Qt) on a SQLite office, printing to a fake network
printer on 127.0.0.1 that answers status queries like a real one. Targets: median tap to
last byte under 25 ms (a thermal printer needs ~300 ms to print the ticket), first paint
under 2 s, resident memory under 150 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import summary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _office(folder: Path):
    from tests.fixtures import new_database, office_config, with_office

    cfg = office_config()
    cfg = cfg.model_copy(update={"policy": cfg.policy.model_copy(update={"priority_lane": False})})
    return with_office(new_database(f"sqlite:///{folder / 'bench.db'}"), cfg)


def tap_to_last_byte(taps: int) -> tuple[list[float], int, int]:
    """Milliseconds from each tap to the printer's last received byte; raster bytes at 80/58 mm."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from khiw.config import KioskConfig, PrinterConfig
    from khiw.engine.tickets import issue_slip
    from khiw.printing import escpos
    from khiw.qt.fonts import install_sarabun
    from khiw.ticket import render_ticket
    from kiosk.window import KioskWindow
    from tests.printing.fakeprinter import FakePrinter

    app = QApplication.instance() or QApplication([])
    install_sarabun()
    out: list[float] = []
    with tempfile.TemporaryDirectory(prefix="khiw-bench-") as folder, FakePrinter("ok") as fake:
        db = _office(Path(folder))
        printer = PrinterConfig(kind="network", host="127.0.0.1", port=fake.port, width_dots=576)
        window = KioskWindow(db, kiosk=KioskConfig(fullscreen=False), printer=printer, locked=False)
        window.resize(1920, 1080)
        window.show()
        window.start()
        _until(app, lambda: window.status is not None)
        codes = [q.service_code for q in window.status.queues if q.closed_reason is None and q.service_code in ("TAX", "REG", "INF", "CMP")]
        for i in range(taps + 3):  # the first three warm caches and are not counted
            window.back_to_start()
            _until(app, window.accepting_taps)
            done = len(fake.jobs)
            button = window.start_page.buttons[codes[i % len(codes)]]
            start = time.monotonic()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            _until(app, lambda done=done: len(fake.jobs) > done)
            if i >= 3:
                out.append((fake.jobs[-1].last_byte_at - start) * 1000)
        slip = db.run(issue_slip, service="WEL")
        sizes = (len(escpos.ticket(render_ticket(slip, width=576))), len(escpos.ticket(render_ticket(slip, width=384))))
        window._unlocked = True
        window.close()
        db.dispose()
    return out, *sizes


def _until(app, condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("bench: the kiosk did not respond in time")
        app.processEvents()
        time.sleep(0.0005)


def startup() -> tuple[float, float, float]:
    """A fresh process: seconds to the first paint, to buttons painted, and its RSS (MB)."""
    with tempfile.TemporaryDirectory(prefix="khiw-bench-") as folder:
        db = _office(Path(folder))
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        db.dispose()
        start = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "bench.kiosk", "--child", url],
            cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
        )
    first, ready, rss = (float(v) for v in result.stdout.split()[-3:])
    return first - start, ready - start, rss


def _child(url: str) -> None:
    """Started by :func:`startup`: the kiosk as ``khiw kiosk`` builds it, timing its paints."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from khiw.config import KioskConfig, PrinterConfig
    from khiw.db import Database
    from khiw.qt.fonts import install_sarabun
    from kiosk.window import KioskWindow

    app = QApplication([])
    install_sarabun()
    marks: dict[str, float] = {}

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint:
                marks.setdefault("first", time.monotonic())
                if window.start_page.buttons:
                    marks.setdefault("ready", time.monotonic())
            return False

    window = KioskWindow(Database(url), kiosk=KioskConfig(fullscreen=False), printer=PrinterConfig(), locked=False)
    watcher = Paints()
    window.installEventFilter(watcher)
    window.start_page.installEventFilter(watcher)
    window.resize(1920, 1080)
    window.show()
    window.start()
    while "ready" not in marks:
        app.processEvents()
        window.start_page.update()
    print(marks["first"], marks["ready"], _rss_mb())
    window._unlocked = True
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=40)
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    first, ready, rss = startup()
    print(f"start-up: first paint {first:.2f} s, service buttons painted {ready:.2f} s (target < 2 s)")
    print(f"resident memory after start-up: {rss:.0f} MB (target < 150 MB)")
    taps, raster_80, raster_58 = tap_to_last_byte(args.taps)
    print(f"tap to last byte at a loopback printer ({len(taps)} taps): {summary(taps)} (target: median < 25 ms)")
    print(f"ticket bytes (ESC/POS, GS v 0 raster): {raster_80} at 80 mm (576 dots), {raster_58} at 58 mm (384 dots)")
    print(f"resident memory after {len(taps) + 3} tickets: {_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
