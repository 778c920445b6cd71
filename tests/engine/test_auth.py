"""Signing in: the lockout holds against parallel guessing, and usernames cannot be found."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import authenticate
from khiw.errors import AccountLocked, AuthFailed, KhiwError
from khiw.messages import describe
from khiw.models import Event, EventKind, Staff
from tests.fixtures import MORNING, PINS, office_config

GUESSES = 24


def guess(url: str, barrier: threading.Barrier, pin: str) -> type[KhiwError] | str:
    """One attempt on its own connection, started together with the others."""
    db = Database(url)
    try:
        barrier.wait()
        return db.run(authenticate, username="somchai", pin=pin, now=MORNING).username
    except KhiwError as err:
        return type(err)
    finally:
        db.dispose()


class TestParallelGuessing:
    def test_the_account_locks_after_exactly_the_configured_number(self, office: Database) -> None:
        attempts = office_config().policy.pin_attempts
        url = office.url.render_as_string(hide_password=False)
        barrier = threading.Barrier(GUESSES)
        with ThreadPoolExecutor(GUESSES) as pool:
            outcomes = list(pool.map(lambda i: guess(url, barrier, f"{i:04d}"), range(GUESSES)))  # never 1111
        assert outcomes.count(AuthFailed) == attempts - 1, outcomes
        assert outcomes.count(AccountLocked) == GUESSES - attempts + 1
        with office.read() as s:
            locks = s.execute(select(Event).where(Event.kind == EventKind.STAFF_LOCKED)).scalars().all()
            account = s.execute(select(Staff).where(Staff.username == "somchai")).scalar_one()
        assert len(locks) == 1
        assert account.locked_until is not None and account.locked_until > MORNING
        with pytest.raises(AccountLocked):  # and the right PIN is refused until then
            office.run(authenticate, username="somchai", pin=PINS["somchai"], now=MORNING)


class TestNoUsernameEnumeration:
    def test_an_unknown_user_and_a_wrong_pin_read_the_same(self, office: Database) -> None:
        with pytest.raises(AuthFailed) as unknown:
            office.run(authenticate, username="nobody", pin="1234", now=MORNING)
        with pytest.raises(AuthFailed) as wrong:
            office.run(authenticate, username="somchai", pin="1234", now=MORNING)
        for lang in ("th", "en"):
            assert describe(unknown.value, lang) == describe(wrong.value, lang)
        assert str(unknown.value).replace("nobody", "X") == str(wrong.value).replace("somchai", "X")

    def test_the_right_pin_clears_the_count(self, office: Database) -> None:
        attempts = office_config().policy.pin_attempts
        for _ in range(attempts - 1):
            with pytest.raises(AuthFailed):
                office.run(authenticate, username="somchai", pin="0000", now=MORNING)
        office.run(authenticate, username="somchai", pin=PINS["somchai"], now=MORNING)
        for _ in range(attempts - 1):  # a fresh count: these do not lock yet
            with pytest.raises(AuthFailed):
                office.run(authenticate, username="somchai", pin="0000", now=MORNING)
