"""The database's own limits: a restart between two operations costs a retry, not an error or
a lost ticket; a busy SQLite file costs a bounded wait and one clear message."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator

import psycopg
import pytest

from khiw import db as dbmodule
from khiw.cli.main import main
from khiw.db import Database
from khiw.engine import call_next, issue
from khiw.errors import DatabaseUnavailable
from tests.fixtures import MORNING


def drop_connections(db: Database) -> int:
    """End every server connection of this database's test schema (as a restart would)."""
    name = db.url.query["application_name"]
    admin = db.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (name,)).fetchall()
    return len(rows)


def test_operations_survive_their_pooled_connection_being_killed(office: Database) -> None:
    if office.is_sqlite:
        pytest.skip("a SQLite file has no server connection to lose")
    first = office.run(issue, service="TAX", now=MORNING)
    assert drop_connections(office) >= 1
    second = office.run(issue, service="TAX", now=MORNING)  # the dead pooled connection is replaced
    assert (first.ticket.code, second.ticket.code) == ("A001", "A002")
    assert drop_connections(office) >= 1
    assert office.run(call_next, counter=1, now=MORNING).ticket.code == "A001"


BUSY = 2  # seconds: the documented 10 s would only make the tests slower


@pytest.fixture
def locked_sqlite(office: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The example office on SQLite while another program holds its write lock; a fresh
    Database whose busy wait is ``BUSY`` seconds."""
    if not office.is_sqlite:
        pytest.skip("PostgreSQL's lock limits are tested with a stopped client (test_stuck_client)")
    monkeypatch.setattr(dbmodule, "SQLITE_BUSY_SECONDS", BUSY)
    holder = sqlite3.connect(office.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    fresh = Database(office.url.render_as_string(hide_password=False))
    yield fresh
    fresh.dispose()
    holder.rollback()
    holder.close()


def test_a_busy_sqlite_file_fails_after_the_documented_wait_with_one_message(locked_sqlite: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match=f"another program has held its write lock for more than {BUSY} s"):
        locked_sqlite.run(issue, service="TAX")
    waited = time.monotonic() - started
    assert BUSY - 0.5 < waited < BUSY + 2
    assert caplog.records == [], "a busy file is one error, not a retry per attempt"


def test_the_cli_says_it_in_one_line_on_stderr(locked_sqlite: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = locked_sqlite.url.render_as_string(hide_password=False)
    assert main(["--db", url, "issue", "TAX"]) == 4
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "write lock" in err


def test_a_process_names_its_connections_unless_the_url_does() -> None:
    # Building an engine connects to nothing: no server needed.
    station = Database("postgresql://khiw@127.0.0.1:9/khiw", application_name="khiw-board", connections=1)
    assert station.application_name == "khiw-board"
    assert station.engine.pool.size() == 1  # and no overflow: the station tests count its connections on a server
    named = Database("postgresql://khiw@127.0.0.1:9/khiw?application_name=front-desk", application_name="khiw-board")
    assert named.application_name == "front-desk"
    assert Database("postgresql://khiw@127.0.0.1:9/khiw").application_name == "khiw"
