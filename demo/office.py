"""Preparing the demo office: a fresh folder, its khiw.toml, its database. No Qt here."""

from __future__ import annotations

import re
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path

from khiw import migrate
from khiw.config import EXAMPLE, KhiwConfig, load_config
from khiw.db import Database
from khiw.engine.setup import apply_config
from khiw.speech.phrases import needed_phrases, pack_path
from khiw.speech.placeholder import write_placeholder_pack


@dataclass(frozen=True)
class DemoOffice:
    """Where the demo lives: its folder, config file, database URL and ticket folder."""

    folder: Path
    config_path: Path
    config: KhiwConfig
    db_url: str
    tickets: Path


DEMO_STAFF = '[[staff]]\nusername = "kanya"\ndisplay_name = "กัญญา เพียรดี"\nrole = "staff"\npin = "4444"\n\n'


def demo_config_text(example: str, tickets: Path, web_port: int = 8080) -> str:
    """The sample khiw.toml, made fit for a demo on one screen at any hour.

    Opening hours are dropped (a reviewer at night still sees it work), the printer writes
    ticket images into ``tickets``, the stations run in windows, and the tickets' QR codes
    lead to the demo's own web station on 127.0.0.1:``web_port``.
    """
    text = re.sub(r'(?m)^(opens|closes) = "\d\d:\d\d"\n', "", example)
    base = f"http://127.0.0.1:{web_port}"
    replacements = {
        'qr_url = "https://queue.example.go.th/t/{ticket_id}?k={token}"': f'qr_url = "{base}/t/{{ticket_id}}?k={{token}}"',
        'base_url = "https://queue.example.go.th"': f'base_url = "{base}"',
        "\nport = 8080\n": f"\nport = {web_port}\n",
        '[printer]\nkind = "none"': f'[printer]\nkind = "folder"\npath = "{tickets.as_posix()}"',
        "[kiosk]\nfullscreen = true": "[kiosk]\nfullscreen = false",
        "[display]\nfullscreen = true": "[display]\nfullscreen = false",
        "result_seconds = 8": "result_seconds = 4",
        # Every autoplay counter is served by someone signed in: its work is attributed.
        '[[staff]]\nusername = "wanida"': DEMO_STAFF + '[[staff]]\nusername = "wanida"',
    }
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"the sample khiw.toml no longer contains {old!r}; update demo.office")
        text = text.replace(old, new)
    return text


def prepare(folder: Path | None = None) -> DemoOffice:
    """Create the demo folder (a new temporary one unless given), its config and database."""
    folder = folder or Path(tempfile.mkdtemp(prefix="khiw-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    tickets = folder / "tickets"
    config_path = folder / "khiw.toml"
    config_path.write_text(demo_config_text(EXAMPLE.read_text(encoding="utf-8"), tickets, _free_port()), encoding="utf-8")
    config = load_config(config_path)
    # Tones, labelled as a placeholder, so the recorded-voice mechanism is visible before
    # anyone records the office's own voice with `khiw voice record`.
    write_placeholder_pack(pack_path(config.display.voice_pack, config_path), needed_phrases(config))
    db_url = f"sqlite:///{folder / 'khiw.db'}"
    db = Database(db_url)
    try:
        migrate.upgrade(db)
        db.run(apply_config, config)
    finally:
        db.dispose()
    return DemoOffice(folder, config_path, config, db_url, tickets)


def _free_port() -> int:
    """A port for the demo's web station that nothing listens on now (8080 is often taken)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
