"""Where the data lives and how a transaction is run.

One code path for both databases: an embedded SQLite file (WAL) by default, PostgreSQL when
``--db`` or ``KHIW_DB_URL`` says so. Write transactions on SQLite start with ``BEGIN
IMMEDIATE`` so that two processes never both read "the next number" before one writes it;
on PostgreSQL row locks do that job.

No client may hold the others up for long. Every PostgreSQL connection carries server-side
timeouts (:data:`PG_TIMEOUTS`): a PC that freezes or loses its network inside a transaction is
cut off by the server after ``idle_in_transaction_session_timeout`` and its transaction rolled
back, while the others, whose lock waits end after ``lock_timeout``, simply run their
transaction again. On SQLite a writer waits at most :data:`SQLITE_BUSY_SECONDS` for another
process's write lock and then gets one clear error.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import platformdirs
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from khiw.errors import DatabaseUnavailable, KhiwError, SchemaOutdated, UsageError

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

ENV_URL = "KHIW_DB_URL"

#: Server-side limits set on every PostgreSQL connection, in milliseconds. A stuck client is cut
#: off 5 s after its last statement; a waiting client gives up a lock wait after 3 s and retries,
#: so every other station carries on within about 8 s (docs: README "When a PC freezes").
#: Statements may run 60 s: a year's report on a cold cache runs single queries of several seconds.
PG_TIMEOUTS = {"lock_timeout": 3000, "idle_in_transaction_session_timeout": 5000, "statement_timeout": 60000}
#: How long a SQLite writer waits for another process's write lock before giving up. Our
#: transactions hold it for milliseconds; the margin is for a PC so loaded that the holder
#: is not scheduled (SQLite's busy wait is not first come, first served).
SQLITE_BUSY_SECONDS = 10
#: How long a transaction is run again after a lock wait was cut short or a deadlock: long
#: enough for the server to cut off a stuck client (5 s) and one more lock wait (3 s).
RETRY_SECONDS = 10.0
#: How long a lost connection is retried: a server restart, not an outage (which stations show).
RECONNECT_SECONDS = 2.0


def default_url() -> str:
    """The SQLite file in the user data directory (created on first use)."""
    folder = Path(platformdirs.user_data_dir("khiw", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'khiw.db'}"


def resolve_url(url: str | None = None) -> str:
    """``url`` if given, else ``$KHIW_DB_URL``, else the default SQLite file.

    A bare ``postgresql://`` URL is pointed at psycopg 3, the driver Khiw ships with.
    """
    chosen = url or os.environ.get(ENV_URL) or default_url()
    if chosen.startswith(("postgresql://", "postgres://")):
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    return chosen


_CONTENDED = ("deadlock detected", "could not serialize", "lock timeout")
_DISCONNECTED = ("server closed the connection", "terminating connection", "connection refused", "connection failed", "consuming input failed")


def _parse(url: str) -> URL:
    """The URL, if it names a database Khiw runs on (SQLite or PostgreSQL); else one clear error."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(f"not a database URL: {url!r} (expected sqlite:///FILE or postgresql://USER@HOST/DB)") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UsageError(f"{parsed.get_backend_name()} databases are not supported: use sqlite:///FILE or postgresql://USER@HOST/DB")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise UsageError(f"database driver {parsed.get_driver_name()} is not supported: use postgresql://… (psycopg 3)")
    return parsed


def _retry_budget(err: DBAPIError) -> float:
    """For how many seconds the same transaction may be run again after ``err`` (0: never).

    SQLite's "database is locked" is never retried: SQLite already waited its busy timeout,
    and waiting again would multiply the bound a person sees.
    """
    text = str(err.orig).lower()
    if any(marker in text for marker in _CONTENDED):
        return RETRY_SECONDS
    if err.connection_invalidated or any(marker in text for marker in _DISCONNECTED):
        return RECONNECT_SECONDS
    return 0.0


def _pg_options(url: URL) -> str:
    """The URL's own ``options`` (a test's search_path) plus the server-side timeouts."""
    own = url.query.get("options", "")
    own = own if isinstance(own, str) else " ".join(own)
    return " ".join([own, *(f"-c{name}={ms}" for name, ms in PG_TIMEOUTS.items())]).strip()


class Database:
    """An engine plus the two kinds of transaction Khiw runs: read and write.

    ``application_name`` names this process's PostgreSQL connections (``khiw-board``,
    ``khiw-counter``…), so that an operator can count them in ``pg_stat_activity``;
    ``connections`` caps the pool (None: the default, for the CLI and the web server).
    """

    def __init__(self, url: str | None = None, *, echo: bool = False, application_name: str = "khiw", connections: int | None = None) -> None:
        self.url: URL = _parse(resolve_url(url))
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        # An application_name given in the URL wins, so an operator (or a test) can tell stations apart.
        named = self.url.query.get("application_name")
        self.application_name: str = named if isinstance(named, str) else application_name
        self.connections = connections
        try:
            self.engine: Engine = self._make_engine(echo, connections)
        except OSError as err:  # the SQLite file's folder cannot be made (read-only, no such drive)
            raise DatabaseUnavailable(f"database {self.display_url} is unavailable: cannot create its folder: {err.strerror}") from None
        self._write = sessionmaker(self.engine.execution_options(khiw_write=True), expire_on_commit=False)
        # A read sees one snapshot for all its statements (an audit reading the events and then
        # the chain head, a report reading several tables). SQLite's read transaction already
        # does; PostgreSQL's default, READ COMMITTED, takes a new snapshot per statement.
        reads = self.engine if self.is_sqlite else self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._read = sessionmaker(reads, expire_on_commit=False)

    def _make_engine(self, echo: bool, connections: int | None) -> Engine:
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, echo=echo, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        # No pool_pre_ping: it costs a round trip per transaction, and a transaction whose pooled
        # connection died with a server restart fails before committing and is run again by
        # _retrying on a fresh connection anyway. ``connections`` caps the pool: a Qt station runs
        # its transactions on one thread and LISTENs on the same connection between them, so one
        # server connection is all it ever needs.
        sizes = {"pool_size": 5} if connections is None else {"pool_size": connections, "max_overflow": 0}
        return create_engine(
            self.url,
            echo=echo,
            **sizes,
            connect_args={
                "connect_timeout": 5,
                "application_name": self.application_name,
                # Sent with the connection's start-up packet: no extra round trip.
                "options": _pg_options(self.url),
            },
        )

    def on_one_connection(self) -> Database:
        """This database on a pool of exactly one connection: itself if its pool is one already
        (a station's), else a new :class:`Database` on the same URL, which the caller disposes.

        A station's operation runner owns its one connection on PostgreSQL: it runs every
        operation on it and LISTENs on it between operations (:mod:`khiw.qt.runner`).
        """
        if self.is_sqlite or self.connections == 1:
            return self
        return Database(self.url.render_as_string(hide_password=False), application_name=self.application_name, connections=1)

    @property
    def display_url(self) -> str:
        """The URL without its password, for logs and messages."""
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        with self.guard(), self._write() as session:
            session.begin()
            try:
                yield session
            except KhiwError as err:
                if err.keeps_changes:
                    session.commit()
                else:
                    session.rollback()
                raise
            except BaseException:
                session.rollback()
                raise
            session.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction (never takes SQLite's write lock); objects stay usable after it."""
        with self.guard(), self._read() as session, session.begin():
            yield session

    def run(self, op: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run an engine operation in its own write transaction.

        A transaction that failed before committing (database restarted, SQLite busy, a
        PostgreSQL deadlock) was rolled back and is run again, a few times, so a short outage
        costs a moment and loses nothing. A failure during commit is not retried: whether it
        landed is unknown, so the caller is told instead.
        """
        return self._retrying(self.write, op, *args, **kwargs)

    def query(self, op: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a read-only engine function, retried like :meth:`run`."""
        return self._retrying(self.read, op, *args, **kwargs)

    def _retrying(self, kind: Callable[[], Any], op: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        delay, started, warned = 0.05, time.monotonic(), False
        while True:
            try:
                with kind() as session:
                    return op(session, *args, **kwargs)
            except DatabaseUnavailable as err:
                budget = getattr(err, "retry_seconds", 0.0)
                if time.monotonic() + delay - started > budget:
                    raise
                if not warned:  # one line per outage, not one per attempt
                    log.warning("%s; retrying for up to %.0f s", err, budget)
                    warned = True
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn driver errors into :class:`DatabaseUnavailable` with the URL (no password)."""
        try:
            yield
        except DBAPIError as err:
            if self.is_sqlite and isinstance(err, DatabaseError) and "not a database" in str(err.orig):
                raise DatabaseUnavailable(f"database {self.display_url} is unavailable: the file is not a SQLite database") from err
            if not isinstance(err, OperationalError) and not err.connection_invalidated:
                raise
            detail = str(err.orig).strip().splitlines()[0] if str(err.orig).strip() else type(err.orig).__name__
            if self.is_sqlite and "database is locked" in detail:
                detail = f"another program has held its write lock for more than {SQLITE_BUSY_SECONDS} s"
            wrapped = DatabaseUnavailable(f"database {self.display_url} is unavailable: {detail}")
            wrapped.retry_seconds = _retry_budget(err)  # type: ignore[attr-defined]
            raise wrapped from err

    def check_schema(self) -> None:
        """Raise :class:`SchemaOutdated` unless the database is at the newest migration."""
        from khiw.revision import database_revision, shipped_head

        with self.guard(), self.engine.connect() as conn:
            current = database_revision(conn)
        if current is None or current != shipped_head():
            raise SchemaOutdated(f"database {self.display_url} is not initialised or is outdated; run `khiw init`")

    def has_table(self, name: str) -> bool:
        """Whether ``name`` exists (used before the first migration)."""
        return inspect(self.engine).has_table(name)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event, not pysqlite, decide how a transaction starts.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    # FULL: a ticket that was handed to a citizen must survive a power cut, not only a crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("khiw_write") else "BEGIN")
