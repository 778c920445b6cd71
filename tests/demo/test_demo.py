"""``khiw demo``: the sample office opens, plays by itself, prints, and ends cleanly on request."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from sqlalchemy import func, select

from khiw.config import EXAMPLE
from khiw.db import Database
from demo.launch import AUTOPLAY_DESKS, tiles
from demo.office import demo_config_text, prepare
from khiw.models import Event, EventKind
from tests.fixtures import ROOT

KHIW = str(Path(sys.executable).with_name("khiw"))


def demo_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def event_counts(folder: Path) -> dict[EventKind, int]:
    db = Database(f"sqlite:///{folder / 'khiw.db'}")
    try:
        with db.read() as s:
            return {kind: count for kind, count in s.execute(select(Event.kind, func.count()).group_by(Event.kind)).all()}
    finally:
        db.dispose()


class TestDemoOffice:
    def test_the_demo_config_is_the_sample_open_all_day_printing_to_a_folder(self, tmp_path: Path) -> None:
        raw = tomllib.loads(demo_config_text(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "tickets"))
        assert "opens" not in raw["office"] and all("opens" not in s for s in raw["services"])
        assert raw["printer"] == {**raw["printer"], "kind": "folder", "path": (tmp_path / "tickets").as_posix()}
        assert raw["kiosk"]["fullscreen"] is False and raw["display"]["fullscreen"] is False

    def test_every_autoplay_counter_has_a_staff_member_to_sign_in(self, tmp_path: Path) -> None:
        """Counter 4 used to serve with nobody signed in: its work was attributed to no one."""
        raw = tomllib.loads(demo_config_text(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "tickets"))
        staff = {s["username"]: s["role"] for s in raw["staff"]}
        counters = {c["number"] for c in raw["counters"]}
        for counter, username in AUTOPLAY_DESKS.items():
            assert counter in counters and staff.get(username) == "staff", (counter, username)
        assert len(set(AUTOPLAY_DESKS.values())) == len(AUTOPLAY_DESKS)

    def test_prepare_makes_a_ready_database_and_can_be_run_again(self, tmp_path: Path) -> None:
        first = prepare(tmp_path)
        again = prepare(tmp_path)
        assert first.db_url == again.db_url and first.config.office.code == "TSA"
        assert event_counts(tmp_path)[EventKind.CONFIG_APPLIED] == 2

    def test_the_windows_tile_the_screen_without_overlapping(self) -> None:
        screen = QRect(0, 0, 2259, 1270)
        rects = list(tiles(screen).values())
        assert all(screen.contains(r) for r in rects)
        assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
        assert sum(r.width() * r.height() for r in rects) == screen.width() * screen.height()


@pytest.mark.slow
class TestDemoRun:
    def test_autoplay_issues_calls_finishes_and_prints_then_quits(self, tmp_path: Path) -> None:
        proc = subprocess.run(
            [KHIW, "demo", "--autoplay", "--speed", "4", "--quit-after", "14", "--data", str(tmp_path)],
            capture_output=True, text=True, timeout=120, env=demo_env(), cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr
        assert "wanida    PIN 9999  supervisor" in proc.stdout
        assert "demo ended:" in proc.stdout and "Traceback" not in proc.stderr
        counts = event_counts(tmp_path)
        assert counts[EventKind.ISSUED] >= 2
        assert counts[EventKind.CALLED] >= 1
        assert counts[EventKind.FINISHED] >= 1
        printed = sorted((tmp_path / "tickets").glob("*.png"))
        assert len(printed) == counts[EventKind.ISSUED]
        assert not list((tmp_path / "tickets").glob("*.part"))
        db = Database(f"sqlite:///{tmp_path / 'khiw.db'}")
        try:
            with db.read() as s:
                nobody = s.execute(select(func.count()).where(Event.kind == EventKind.CALLED, Event.staff_id.is_(None))).scalar_one()
        finally:
            db.dispose()
        assert nobody == 0  # every call is someone's

    def test_sigterm_ends_the_demo_cleanly(self, tmp_path: Path) -> None:
        proc = subprocess.Popen(
            [KHIW, "demo", "--autoplay", "--speed", "4", "--data", str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=demo_env(), cwd=ROOT,
        )
        try:
            deadline = time.monotonic() + 60
            while not list((tmp_path / "tickets").glob("*.png")):
                assert proc.poll() is None and time.monotonic() < deadline, "the demo printed nothing"
                time.sleep(0.2)
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, err
        assert "demo ended:" in out


def test_the_demo_tickets_lead_to_the_demo_web_station(tmp_path: Path) -> None:
    raw = tomllib.loads(demo_config_text(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "tickets", 8123))
    assert raw["web"]["base_url"] == "http://127.0.0.1:8123" and raw["web"]["port"] == 8123
    assert raw["ticket"]["qr_url"] == "http://127.0.0.1:8123/t/{ticket_id}?k={token}"
