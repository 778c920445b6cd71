"""The database's own limits: a busy SQLite file costs a bounded wait and one clear message."""

from __future__ import annotations

import logging
import sqlite3
import time

import pytest

from khiw.cli.main import main
from khiw.db import SQLITE_BUSY_SECONDS, Database
from khiw.engine import issue
from khiw.errors import DatabaseUnavailable


@pytest.fixture
def locked_sqlite(office: Database) -> Database:
    """The example office on SQLite while another program holds its write lock."""
    if not office.is_sqlite:
        pytest.skip("PostgreSQL's lock limits are tested with a stopped client (test_stuck_client)")
    holder = sqlite3.connect(office.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield office
    holder.rollback()
    holder.close()


def test_a_busy_sqlite_file_fails_after_the_documented_wait_with_one_message(locked_sqlite: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match=f"another program has held its write lock for more than {SQLITE_BUSY_SECONDS} s"):
        locked_sqlite.run(issue, service="TAX")
    waited = time.monotonic() - started
    assert SQLITE_BUSY_SECONDS - 0.5 < waited < SQLITE_BUSY_SECONDS + 2
    assert caplog.records == [], "a busy file is one error, not a retry per attempt"


def test_the_cli_says_it_in_one_line_on_stderr(locked_sqlite: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = locked_sqlite.url.render_as_string(hide_password=False)
    assert main(["--db", url, "issue", "TAX"]) == 4
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "write lock" in err
