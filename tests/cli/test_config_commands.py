"""``khiw config export`` and ``khiw init --config`` on a database already set up: the
differences first, a warning for edits made in the admin tab, applied only when confirmed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from khiw.cli.main import main
from khiw.config import load_config
from khiw.db import Database
from khiw.engine.admin import update_service, update_staff
from khiw.engine.audit import verify
from khiw.models import Event, Service, Staff
from tests.fixtures import EXAMPLE


def khiw(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def events(url: str) -> int:
    db = Database(url)
    try:
        return db.query(lambda s: s.execute(select(func.count()).select_from(Event)).scalar_one())
    finally:
        db.dispose()


@pytest.fixture
def url(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The example office applied by ``khiw init`` on a fresh database: no question asked."""
    code, out, err = khiw(capsys, "--db", db_url, "init", "--config", str(EXAMPLE))
    assert code == 0 and "applied" in out, err
    return db_url


def edit_standard_time(url: str, minutes: int) -> None:
    db = Database(url)
    try:
        boss = db.query(lambda s: s.execute(select(Staff.id).where(Staff.username == "wanida")).scalar_one())
        db.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": minutes}, was={"standard_minutes": 10})
    finally:
        db.dispose()


class TestExport:
    def test_export_then_init_writes_nothing(self, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out_file = tmp_path / "exported.toml"
        assert khiw(capsys, "--db", url, "config", "export", "--out", str(out_file))[0] == 0
        exported = load_config(out_file)  # a file khiw init accepts
        assert [s.code for s in exported.services] == [s.code for s in load_config(EXAMPLE).services]
        before = events(url)
        code, out, err = khiw(capsys, "--db", url, "init", "--config", str(out_file))
        assert code == 0 and "nothing written" in out and "already matches" in err
        assert events(url) == before

    def test_export_carries_an_edit_and_to_stdout(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        edit_standard_time(url, 25)
        code, out, _ = khiw(capsys, "--db", url, "config", "export")
        assert code == 0 and "standard_minutes = 25" in out and "\n[printer]" not in out and "pin_hash" in out


class TestInitOnAnExistingDatabase:
    def test_dry_run_names_exactly_the_field_edited_in_the_admin_tab(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        edit_standard_time(url, 20)
        before = events(url)
        code, out, _ = khiw(capsys, "--db", url, "init", "--config", str(EXAMPLE), "--dry-run")
        assert code == 0
        changes = [line for line in out.splitlines() if line.startswith("  ")]
        assert changes == ["  services[TAX].standard_minutes: 20 -> 10"]
        assert "WARNING: services[TAX].standard_minutes was set to 20 in the admin tab by wanida" in out
        assert events(url) == before

    def test_dry_run_as_json(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        db = Database(url)
        boss = db.query(lambda s: s.execute(select(Staff.id).where(Staff.username == "wanida")).scalar_one())
        db.run(update_staff, actor=boss, username="somchai", changes={"active": False}, was={"active": True})
        db.dispose()
        code, out, _ = khiw(capsys, "--db", url, "init", "--config", str(EXAMPLE), "--dry-run", "--json")
        found = json.loads(out)
        assert code == 0 and found["differences"] == [{"where": "staff[somchai].active", "old": False, "new": True}]
        assert found["overwrites"][0]["by"] == "wanida"

    def test_without_a_terminal_or_yes_it_refuses_and_changes_nothing(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        edit_standard_time(url, 20)
        before = events(url)
        code, out, err = khiw(capsys, "--db", url, "init", "--config", str(EXAMPLE))
        assert code == 2 and "run with --yes" in err and out == ""
        assert events(url) == before

    def test_yes_applies_and_the_audit_agrees(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        edit_standard_time(url, 20)
        code, out, _ = khiw(capsys, "--db", url, "init", "--config", str(EXAMPLE), "--yes")
        assert code == 0 and "applied" in out
        db = Database(url)
        try:
            assert db.query(lambda s: s.execute(select(Service.standard_minutes).where(Service.code == "TAX")).scalar_one()) == 10
            assert db.query(verify).ok
        finally:
            db.dispose()


class TestAskedAtATerminal:
    """A person at a terminal is shown the differences and asked (a real pseudo-terminal)."""

    @pytest.mark.parametrize(("answer", "code", "minutes"), [("n", 1, 20), ("y", 0, 10)])
    def test_the_answer_decides(self, url: str, answer: str, code: int, minutes: int) -> None:
        edit_standard_time(url, 20)
        master, slave = os.openpty()
        khiw_bin = str(Path(sys.executable).with_name("khiw"))
        child = subprocess.Popen([khiw_bin, "--db", url, "init", "--config", str(EXAMPLE)], stdin=slave, stdout=slave, stderr=slave)
        os.close(slave)
        seen = b""
        while b"[y/N]" not in seen:
            seen += os.read(master, 4096)
        text = seen.decode()
        assert "services[TAX].standard_minutes: 20 -> 10" in text and "(undoing changes made in the admin tab)" in text
        os.write(master, answer.encode() + b"\n")
        assert child.wait(timeout=60) == code
        os.close(master)
        db = Database(url)
        try:
            assert db.query(lambda s: s.execute(select(Service.standard_minutes).where(Service.code == "TAX")).scalar_one()) == minutes
        finally:
            db.dispose()
