"""Screenshots of the display board, landscape 1920×1080 and portrait 1080×1920, into docs/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/display.py

Builds a throw-away SQLite office from examples/khiw.toml (hours lifted, so it works at any
time of day), issues and calls a morning's worth of tickets, and grabs the board.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from display.voice import BoardVoice  # noqa: E402
from display.window import BoardWindow  # noqa: E402
from khiw import migrate  # noqa: E402
from khiw.config import DisplayConfig, load_config  # noqa: E402
from khiw.db import Database  # noqa: E402
from khiw.engine import call_next, finish, issue, recall, start  # noqa: E402
from khiw.engine.alerts import record_print  # noqa: E402
from khiw.engine.setup import apply_config  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402

DOCS = ROOT / "docs"


def demo_office(url: str) -> Database:
    """The example office with a few tickets waiting and four counters busy."""
    cfg = load_config(ROOT / "examples" / "khiw.toml")
    cfg = cfg.model_copy(
        update={
            "office": cfg.office.model_copy(update={"opens": None, "closes": None}),
            "services": [s.model_copy(update={"opens": None, "closes": None}) for s in cfg.services],
        }
    )
    db = Database(url)
    migrate.upgrade(db)
    db.run(apply_config, cfg)
    for service, count in (("TAX", 9), ("REG", 6), ("WEL", 12), ("BLD", 2), ("CMP", 1), ("INF", 4)):
        for _ in range(count):
            db.run(issue, service=service)
    for counter in (1, 2, 3, 4):  # a first round, served and finished
        done = db.run(call_next, counter=counter)
        db.run(start, ticket=done.ticket.id)
        db.run(finish, ticket=done.ticket.id)
    for counter in (1, 2, 4, 3):  # called now, counter 3 last
        latest = db.run(call_next, counter=counter)
    db.run(recall, ticket=latest.ticket.id)
    return db


def grab(app: QApplication, db: Database, settings: DisplayConfig, size: tuple[int, int], name: str, *, offline: bool = False) -> Path:
    window = BoardWindow(db, settings, voice=BoardVoice(settings))
    window.resize(*size)
    window.show()
    window.start()
    while window.controller.state is None:
        app.processEvents()
    if offline:
        window.set_online(False)
    for _ in range(20):
        app.processEvents()
    path = DOCS / name
    window.grab().save(str(path))
    window.close()
    return path


def main() -> None:
    app = QApplication.instance() or QApplication([])
    install_sarabun()
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = demo_office(f"sqlite:///{folder}/board.db")
        example = load_config(ROOT / "examples" / "khiw.toml").display
        quiet = example.model_copy(update={"voice": "none"})
        print(grab(app, db, quiet, (1920, 1080), "display-landscape.png"))
        db.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out")
        portrait = quiet.model_copy(update={"orientation": "portrait"})
        print(grab(app, db, portrait, (1080, 1920), "display-portrait.png", offline=True))
        db.dispose()


if __name__ == "__main__":
    main()
