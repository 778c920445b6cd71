"""Preparing the demo office: a fresh folder, its khiw.toml, its database. No Qt here."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from khiw import migrate
from khiw.config import EXAMPLE, KhiwConfig, load_config
from khiw.db import Database
from khiw.engine.setup import apply_config


@dataclass(frozen=True)
class DemoOffice:
    """Where the demo lives: its folder, config file, database URL and ticket folder."""

    folder: Path
    config_path: Path
    config: KhiwConfig
    db_url: str
    tickets: Path


def demo_config_text(example: str, tickets: Path) -> str:
    """The sample khiw.toml, made fit for a demo on one screen at any hour.

    Opening hours are dropped (a reviewer at night still sees it work), the printer writes
    ticket images into ``tickets``, and the stations run in windows.
    """
    text = re.sub(r'(?m)^(opens|closes) = "\d\d:\d\d"\n', "", example)
    replacements = {
        '[printer]\nkind = "none"': f'[printer]\nkind = "folder"\npath = "{tickets.as_posix()}"',
        "[kiosk]\nfullscreen = true": "[kiosk]\nfullscreen = false",
        "[display]\nfullscreen = true": "[display]\nfullscreen = false",
        "result_seconds = 8": "result_seconds = 4",
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
    config_path.write_text(demo_config_text(EXAMPLE.read_text(encoding="utf-8"), tickets), encoding="utf-8")
    config = load_config(config_path)
    db_url = f"sqlite:///{folder / 'khiw.db'}"
    db = Database(db_url)
    try:
        migrate.upgrade(db)
        db.run(apply_config, config)
    finally:
        db.dispose()
    return DemoOffice(folder, config_path, config, db_url, tickets)
