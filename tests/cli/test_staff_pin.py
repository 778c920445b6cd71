"""``--staff NAME`` acts as that person only with their PIN; without it the system acts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from khiw.db import Database
from khiw.models import Event, EventKind
from tests.cli.test_queue_commands import khiw, url  # noqa: F401 (fixture)


def last_event(db_url: str, kind: EventKind) -> Event:
    db = Database(db_url)
    try:
        with db.read() as s:
            return s.execute(select(Event).where(Event.kind == kind).order_by(Event.id.desc())).scalars().first()
    finally:
        db.dispose()


class TestStaffNeedsAPin:
    def test_the_right_pin_acts_as_that_person(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
        khiw(capsys, "--db", url, "issue", "TAX")
        monkeypatch.setenv("KHIW_PIN", "1111")
        assert khiw(capsys, "--db", url, "call", "1", "--staff", "somchai")[0] == 0
        assert last_event(url, EventKind.CALLED).staff_id is not None

    def test_a_wrong_pin_is_refused_in_one_line(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
        khiw(capsys, "--db", url, "issue", "TAX")
        monkeypatch.setenv("KHIW_PIN", "0000")
        code, out, err = khiw(capsys, "--db", url, "cancel", "A001", "--staff", "wanida")
        assert (code, out) == (1, "")
        assert err == "khiw: wrong username or PIN for wanida\n"
        assert last_event(url, EventKind.CANCELLED) is None

    def test_a_locked_account_is_refused_even_with_the_right_pin(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
        khiw(capsys, "--db", url, "issue", "TAX")
        monkeypatch.setenv("KHIW_PIN", "0000")
        for _ in range(5):
            khiw(capsys, "--db", url, "cancel", "A001", "--staff", "wanida")
        monkeypatch.setenv("KHIW_PIN", "9999")
        code, _, err = khiw(capsys, "--db", url, "cancel", "A001", "--staff", "wanida")
        assert code == 1 and "account wanida is locked until" in err
        assert last_event(url, EventKind.CANCELLED) is None

    def test_without_a_pin_or_a_terminal_it_says_how(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
        monkeypatch.delenv("KHIW_PIN", raising=False)
        code, _, err = khiw(capsys, "--db", url, "call", "1", "--staff", "somchai")
        assert code == 2 and err.count("\n") == 1 and "KHIW_PIN" in err

    def test_without_staff_the_system_is_the_actor(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
        monkeypatch.delenv("KHIW_PIN", raising=False)
        khiw(capsys, "--db", url, "issue", "TAX")
        assert khiw(capsys, "--db", url, "cancel", "A001")[0] == 0
        assert last_event(url, EventKind.CANCELLED).staff_id is None


class TestHashPin:
    def test_prints_a_hash_that_the_kiosk_accepts(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        from khiw.config import KioskConfig

        monkeypatch.setattr("getpass.getpass", lambda prompt="": "2468")
        code, out, _ = khiw(capsys, "hash-pin")
        assert code == 0 and KioskConfig(admin_pin_hash=out.strip()).admin_pin_hash == out.strip()

    def test_refuses_the_pin_everyone_tries_first(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr("getpass.getpass", lambda prompt="": "0000")
        code, out, err = khiw(capsys, "hash-pin")
        assert (code, out) == (2, "") and "choose another" in err
