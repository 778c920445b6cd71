"""Where the data lives and how a transaction is run.

One code path for both databases: an embedded SQLite file (WAL) by default, PostgreSQL when
``--db`` or ``KHIW_DB_URL`` says so. Write transactions on SQLite start with ``BEGIN
IMMEDIATE`` so that two processes never both read "the next number" before one writes it;
on PostgreSQL row locks do that job.
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
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from khiw.errors import DatabaseUnavailable, KhiwError, SchemaOutdated

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

ENV_URL = "KHIW_DB_URL"


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


def _is_transient(err: DBAPIError) -> bool:
    """Errors after which the same transaction can simply be run again."""
    if err.connection_invalidated:
        return True
    text = str(err.orig).lower()
    return any(
        marker in text
        for marker in ("database is locked", "deadlock detected", "could not serialize", "server closed the connection", "terminating connection", "connection refused", "connection failed", "consuming input failed")
    )


class Database:
    """An engine plus the two kinds of transaction Khiw runs: read and write."""

    def __init__(self, url: str | None = None, *, echo: bool = False) -> None:
        self.url: URL = make_url(resolve_url(url))
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.engine: Engine = self._make_engine(echo)
        self._write = sessionmaker(self.engine.execution_options(khiw_write=True), expire_on_commit=False)
        self._read = sessionmaker(self.engine, expire_on_commit=False)

    def _make_engine(self, echo: bool) -> Engine:
        if self.is_sqlite:
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, echo=echo, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        # No pool_pre_ping: it costs a round trip per transaction, and a transaction whose pooled
        # connection died with a server restart fails before committing and is run again by
        # _retrying on a fresh connection anyway.
        return create_engine(
            self.url,
            echo=echo,
            pool_size=5,
            # An application_name given in the URL wins, so an operator (or a test) can tell stations apart.
            connect_args={"connect_timeout": 5, "application_name": self.url.query.get("application_name", "khiw")},
        )

    @property
    def display_url(self) -> str:
        """The URL without its password, for logs and messages."""
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        with self._guard(), self._write() as session:
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
        with self._guard(), self._read() as session, session.begin():
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
        delay = 0.05
        for attempt in range(6):
            try:
                with kind() as session:
                    return op(session, *args, **kwargs)
            except DatabaseUnavailable as err:
                if not getattr(err, "transient", False) or attempt == 5:
                    raise
                log.warning("database busy or reconnecting, retrying: %s", err.__cause__)
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn driver errors into :class:`DatabaseUnavailable` with the URL (no password)."""
        try:
            yield
        except DBAPIError as err:
            if not isinstance(err, OperationalError) and not err.connection_invalidated:
                raise
            wrapped = DatabaseUnavailable(f"database {self.display_url} is unavailable: {str(err.orig).strip().splitlines()[0]}")
            wrapped.transient = _is_transient(err)  # type: ignore[attr-defined]
            raise wrapped from err

    def check_schema(self) -> None:
        """Raise :class:`SchemaOutdated` unless the database is at the newest migration."""
        from khiw.migrate import current_revision, head_revision

        try:
            with self.engine.connect() as conn:
                current = current_revision(conn)
        except OperationalError as err:
            raise DatabaseUnavailable(f"database {self.display_url} is unavailable: {err.orig}") from err
        if current != head_revision():
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
    cur.execute("PRAGMA busy_timeout=30000")
    # FULL: a ticket that was handed to a citizen must survive a power cut, not only a crash.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("khiw_write") else "BEGIN")
