"""Screenshots of the display board into docs/: landscape 1920×1080, at start-up, during a
burst of calls, in portrait 1080×1920, and the voice recorder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/display.py

Builds a throw-away SQLite office from examples/khiw.toml (hours lifted, so it works at any
time of day), issues and calls a morning's worth of tickets, and grabs the board. The board
speaks with a generated placeholder pack into an output that holds each announcement until
the picture is taken, so "during a burst" shows what a citizen sees while the calls are said.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from display.recorder import RecorderWindow  # noqa: E402
from display.voice import BoardVoice  # noqa: E402
from display.window import BoardWindow  # noqa: E402
from khiw import migrate  # noqa: E402
from khiw.config import DisplayConfig, load_config  # noqa: E402
from khiw.db import Database  # noqa: E402
from khiw.engine import call_next, close_counter, finish, issue, recall, start  # noqa: E402
from khiw.engine.alerts import record_print  # noqa: E402
from khiw.engine.board import board_state  # noqa: E402
from khiw.engine.setup import apply_config  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402
from khiw.speech.capture import WavFileMicrophone  # noqa: E402
from khiw.speech.pcm import Pcm, to_wav  # noqa: E402
from khiw.speech.phrases import needed_phrases  # noqa: E402
from khiw.speech.placeholder import tone, write_placeholder_pack  # noqa: E402
from khiw.speech.output import SilentOutput  # noqa: E402
from khiw.speech.voicepack import load_pack  # noqa: E402
from khiw.speech.voices import PackVoice, VoiceChoice  # noqa: E402

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


class HeldOutput:
    """Holds each announcement "playing" until released, like a sound card saying it."""

    def __init__(self) -> None:
        self.gate = threading.Semaphore(0)

    def play(self, clip: Pcm) -> bool:
        return self.gate.acquire(timeout=60)


def board(app: QApplication, db: Database, settings: DisplayConfig, size: tuple[int, int], choice: VoiceChoice, output: object) -> BoardWindow:
    window = BoardWindow(db, settings, voice=BoardVoice(settings, output=output, choice=choice))  # type: ignore[arg-type]
    window.resize(*size)
    window.show()
    window.start()
    while window.controller.state is None:
        app.processEvents()
    return window


def save(app: QApplication, window: BoardWindow, name: str) -> Path:
    for _ in range(20):
        app.processEvents()
    path = DOCS / name
    window.grab().save(str(path))
    return path


def burst(app: QApplication, db: Database, window: BoardWindow) -> None:
    """Four counters call within a second; wait until the first is being said."""
    for call in db.query(lambda session: board_state(session).per_counter):
        if call.live:
            db.run(start, ticket=call.ticket_code)
            db.run(finish, ticket=call.ticket_code)
    for counter in (2, 4, 1, 3):
        db.run(call_next, counter=counter)
    while len(window.upnext.shown()) != 3:
        app.processEvents()


def recorder(app: QApplication, folder: Path) -> Path:
    """The recorder on phrase 7 of the example office, the take just recorded."""
    cfg = load_config(ROOT / "examples" / "khiw.toml")
    wav = folder / "mic.wav"
    wav.write_bytes(to_wav(Pcm(22050, bytes(22050) + tone(440, 0.6, 22050).data + bytes(22050))))
    window = RecorderWindow(needed_phrases(cfg), folder / "recorded", microphone=WavFileMicrophone(wav), output=SilentOutput(), office_name=cfg.office.name_th)
    window.speaker.setText("มาลี ใจดี")
    for _ in range(6):
        window.toggle_record()
        window.toggle_record()
        window.go(window.index + 1)
    window.toggle_record()
    window.toggle_record()
    window.resize(1100, 760)
    window.show()
    for _ in range(20):
        app.processEvents()
    path = DOCS / "voice-recorder.png"
    window.grab().save(str(path))
    window.close()
    return path


def main() -> None:
    app = QApplication.instance() or QApplication([])
    install_sarabun()
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        example = load_config(ROOT / "examples" / "khiw.toml")
        pack = load_pack(write_placeholder_pack(Path(folder) / "voice", needed_phrases(example)))
        choice = VoiceChoice(PackVoice(pack), None, "placeholder pack")
        settings = example.display.model_copy(update={"voice": "pack"})
        db = demo_office(f"sqlite:///{folder}/board.db")
        window = board(app, db, settings, (1920, 1080), choice, SilentOutput())
        print(save(app, window, "display-landscape.png"))
        window.close()
        window = board(app, db, settings, (1366, 768), choice, SilentOutput())
        print(save(app, window, "display-landscape-1366x768.png"))
        window.close()

        # Start-up after the morning's last call was finished and its counter closed: calm.
        startup = demo_office(f"sqlite:///{folder}/startup.db")
        for call in startup.query(lambda session: board_state(session).per_counter):
            startup.run(start, ticket=call.ticket_code)
            startup.run(finish, ticket=call.ticket_code)
        startup.run(close_counter, counter=3)
        window = board(app, startup, settings, (1920, 1080), choice, SilentOutput())
        print(save(app, window, "display-startup.png"))
        window.close()
        startup.dispose()

        held = HeldOutput()
        window = board(app, db, settings, (1920, 1080), choice, held)
        burst(app, db, window)
        print(save(app, window, "display-burst.png"))
        for _ in range(4):
            held.gate.release()
        window.close()

        db.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out")
        portrait = settings.model_copy(update={"orientation": "portrait"})
        held = HeldOutput()
        window = board(app, db, portrait, (1080, 1920), choice, held)
        window.set_online(False)
        burst(app, db, window)
        print(save(app, window, "display-portrait.png"))
        for _ in range(4):
            held.gate.release()
        window.close()
        db.dispose()
        print(recorder(app, Path(folder)))


if __name__ == "__main__":
    main()
