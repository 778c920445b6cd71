"""Factories shared by the tests: databases (SQLite file, PostgreSQL schema) and the office."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlalchemy.engine import make_url

from khiw import migrate
from khiw.cli.context import Context
from khiw.config import KhiwConfig, load_config
from khiw.changes import Change
from khiw.db import Database
from khiw.engine.auth import hash_pin
from khiw.engine.setup import apply_config
from khiw.models import Event

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "khiw.toml"
PG_ENV = "KHIW_TEST_PG_URL"

# A fixed working morning in Bangkok (09:00 local), for tests that pass ``now``.
MORNING = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

PINS = {"somchai": "1111", "malee": "2222", "prasert": "3333", "wanida": "9999"}


@cache
def office_config() -> KhiwConfig:
    """The shipped example, open all day (tests run at any hour), PINs pre-hashed once."""
    cfg = load_config(EXAMPLE)
    hashes = {s.username: hash_pin(s.pin or "") for s in cfg.staff}
    return cfg.model_copy(
        update={
            "office": cfg.office.model_copy(update={"opens": None, "closes": None}),
            "services": [s.model_copy(update={"opens": None, "closes": None}) for s in cfg.services],
            "staff": [s.model_copy(update={"pin": None, "pin_hash": hashes[s.username]}) for s in cfg.staff],
        }
    )


@cache
def pg_problem() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    url = os.environ.get(PG_ENV)
    if not url:
        return f"{PG_ENV} is not set (bash .ci/run sets it and starts PostgreSQL)"
    try:
        psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False), connect_timeout=3).close()
    except psycopg.Error as err:
        return f"PostgreSQL at {url} is not reachable: {err}"
    return None


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards.

    Every connection made with the URL carries the schema's name as its application_name, so
    teardown can end any connection a test left open (a runner's thread, a killed process)
    instead of deadlocking its DROP SCHEMA against it.
    """
    base = make_url(os.environ[PG_ENV])
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        query = {"options": f"-csearch_path={schema}", "application_name": schema, **base.query}
        yield base.update_query_dict(query).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (schema,))
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def new_database(url: str) -> Database:
    """Migrate the empty database at ``url`` to the newest schema."""
    db = Database(url)
    migrate.upgrade(db)
    return db


def with_office(db: Database, cfg: KhiwConfig | None = None) -> Database:
    """Apply the example office to ``db``."""
    db.run(apply_config, cfg or office_config(), now=MORNING)
    return db


_ELSEWHERE = "import khiw.engine as engine\nfrom khiw.db import Database\ndb = Database({url!r})\n{source}\ndb.dispose()\n"


def run_elsewhere(db: Database, source: str) -> None:
    """Run ``source`` in another Python process on ``db``'s database, as another PC would; it
    sees ``db`` (a :class:`Database` of its own) and ``engine`` (:mod:`khiw.engine`)."""
    code = _ELSEWHERE.format(url=db.url.render_as_string(hide_password=False), source=source)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=ROOT)


def backends(application_name: str) -> int:
    """How many PostgreSQL server connections carry ``application_name`` now."""
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (application_name,)).fetchone()
    return int(row[0]) if row else 0


def end_backends(application_name: str) -> int:
    """End (``pg_terminate_backend``) the PostgreSQL connections carrying ``application_name``, as
    an operator or a crashed network would; how many there were."""
    admin = make_url(os.environ[PG_ENV]).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (application_name,)).fetchall()
    return len(rows)


def station_url(url: str, name: str) -> str:
    """``url`` with its connections named ``name`` (so that a test can count them)."""
    return make_url(url).update_query_dict({"application_name": name}).render_as_string(hide_password=False)


@contextmanager
def pg_station(station: str) -> Iterator[tuple[Database, Database, str]]:
    """A PostgreSQL office and a station's database on it, opened as ``khiw <station>`` opens
    it but with its connections named apart so that a test can count them: (office, station's
    database, that name). Skips without PostgreSQL."""
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        office = with_office(new_database(url))
        name = f"{make_url(url).query['application_name']}-{station}"  # the schema's name, told apart
        db = Context(station_url(url, name), None, None).database(station=station)
        try:
            yield office, db, name
        finally:
            db.dispose()
            office.dispose()


def record_statements(db: Database, operation: Callable[[], Any]) -> list[tuple[str, Any]]:
    """Every SQL statement (with its parameters) that ``operation`` sends to ``db``, in order."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        operation()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return seen


def changes_after(db: Database, event_id: int) -> tuple[Change, ...]:
    """The events after ``event_id`` as the change feed hands them over, oldest first."""

    def read(session: Session) -> tuple[Change, ...]:
        rows = session.execute(
            select(Event.id, Event.kind, Event.ticket_id, Event.counter_id, Event.service_id).where(Event.id > event_id).order_by(Event.id)
        )
        return tuple(Change(*row) for row in rows)

    return db.query(read)
