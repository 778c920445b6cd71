"""Screenshots of the kiosk and its tickets for docs/: `python scripts/screenshots/kiosk.py`.

Kiosk at 1920×1080 and 1366×768 (start and result screens, one portrait start screen), and
tickets at 58 mm (384 dots) and 80 mm (576 dots). Runs offscreen on a throw-away database.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from khiw.config import KioskConfig, PrinterConfig  # noqa: E402
from khiw.engine import call_next, open_counter  # noqa: E402
from khiw.engine.tickets import issue_slip  # noqa: E402
from khiw.models import Priority  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402
from khiw.ticket import render_ticket  # noqa: E402
from kiosk.window import KioskWindow  # noqa: E402
from tests.fixtures import new_database, office_config, with_office  # noqa: E402

DOCS = ROOT / "docs"


def demo_office(folder: Path):
    """The example office with people waiting, one service at its cap, one outside its hours."""
    cfg = office_config()
    services = []
    for s in cfg.services:
        if s.code == "BLD":
            s = s.model_copy(update={"daily_cap": 3})
        if s.code == "CMP":
            s = s.model_copy(update={"opens": time(0, 0), "closes": time(0, 1)})
        services.append(s)
    db = with_office(new_database(f"sqlite:///{folder / 'shots.db'}"), cfg.model_copy(update={"services": services}))
    for code, count in (("TAX", 7), ("REG", 4), ("WEL", 12), ("BLD", 3), ("INF", 2)):
        for _ in range(count):
            db.run(issue_slip, service=code)
    for counter in (1, 2, 3):
        db.run(open_counter, counter=counter)
    db.run(call_next, counter=1)
    return db


def grab(window: KioskWindow, app: QApplication, size: tuple[int, int], name: str) -> None:
    window.resize(*size)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(DOCS / name))
    print("wrote", DOCS / name)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    install_sarabun()
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_office(Path(tmp))
        window = KioskWindow(db, kiosk=KioskConfig(), printer=PrinterConfig(), locked=False)
        window.show()
        window.live.refresh()
        while window.status is None:
            app.processEvents()
        for size, tag in (((1920, 1080), "1920x1080"), ((1366, 768), "1366x768")):
            window.back_to_start()
            grab(window, app, size, f"kiosk-start-{tag}.png")
        window.back_to_start()
        window._toggle_language()
        grab(window, app, (1920, 1080), "kiosk-start-en-1920x1080.png")
        window.back_to_start()
        grab(window, app, (1080, 1920), "kiosk-start-portrait-1080x1920.png")
        window._service = "WEL"
        window.priority_page.prepare("ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ", window.status.priority_classes, "th")
        window.stack.setCurrentWidget(window.priority_page)
        grab(window, app, (1920, 1080), "kiosk-priority-1920x1080.png")

        slip = db.run(issue_slip, service="WEL", priority=Priority.ELDERLY)
        window.result_page.show_slip(slip, "th")
        window.result_page.show_status("printed")
        window.stack.setCurrentWidget(window.result_page)
        grab(window, app, (1920, 1080), "kiosk-result-1920x1080.png")
        from khiw.printing import PrintProblem

        window.result_page.show_status("failed", PrintProblem.PAPER_OUT)
        grab(window, app, (1366, 768), "kiosk-result-paper-out-1366x768.png")
        window.stop()

        plain = db.run(issue_slip, service="REG")
        render_ticket(plain, width=384).save(DOCS / "ticket-58mm-384.png")
        render_ticket(slip, width=576).save(DOCS / "ticket-80mm-576.png")
        print("wrote tickets")
        db.dispose()


if __name__ == "__main__":
    main()
