"""A database restart between two operations costs a retry, not an error or a lost ticket."""

from __future__ import annotations

import psycopg
import pytest

from khiw.db import Database
from khiw.engine import call_next, issue
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
