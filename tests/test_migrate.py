"""Migrations on a busy PC: the stations' server-side limits do not apply to them."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import event, text

from khiw import db as khiw_db
from khiw import migrate
from khiw.db import Database
from tests.fixtures import pg_problem, pg_schema_url


@pytest.mark.skipif(pg_problem() is not None, reason=pg_problem() or "")
def test_a_migration_outlasts_the_idle_in_transaction_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PC so loaded that the migration pauses between statements longer than a station may
    sit idle in a transaction: the server must not cut the migration off (it did, mid-way)."""
    monkeypatch.setitem(khiw_db.PG_TIMEOUTS, "idle_in_transaction_session_timeout", 200)
    with pg_schema_url() as url:
        db = Database(url)
        slow = {"statements": 0}

        def pause(*args: Any) -> None:
            slow["statements"] += 1
            if slow["statements"] % 40 == 0:
                time.sleep(0.4)  # twice the idle limit, now and then

        event.listen(db.engine, "after_cursor_execute", pause)
        try:
            migrate.upgrade(db)
        finally:
            event.remove(db.engine, "after_cursor_execute", pause)
        with db.engine.connect() as conn:
            assert conn.execute(text("SHOW idle_in_transaction_session_timeout")).scalar_one() == "200ms"  # stations keep theirs
            assert migrate.current_revision(conn) == migrate.head_revision()
        db.dispose()
