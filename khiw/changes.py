"""Change notifications: "something changed, the newest event id is N".

Stations do not poll tables; they wait on a :class:`ChangeFeed` and then re-read what they
show. On PostgreSQL the feed LISTENs on the channel every event append NOTIFYs (delivered at
commit; one channel per schema, ``khiw_events_<schema>``); on SQLite it polls the chain
head's last id, a one-row primary-key read, every ``poll_interval`` seconds. Either way the ids only grow and arrive after their commit, so
"re-read everything up to N" never misses a change. If the database goes away the feed raises
:class:`DatabaseUnavailable` from :meth:`wait` and reconnects on the next call.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from khiw.db import Database
from khiw.engine.eventlog import NOTIFY_CHANNEL
from khiw.errors import DatabaseUnavailable

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)


class ChangeFeed:
    """Waits for new events. Not thread-safe: one feed per waiting thread."""

    def __init__(self, db: Database, *, poll_interval: float = 0.1) -> None:
        self.db = db
        self.poll_interval = poll_interval
        self._pg: psycopg.Connection[Any] | None = None
        self._pending: int | None = None
        self.last_seen = self._read_head()

    def wait(self, timeout: float) -> int | None:
        """Block up to ``timeout`` seconds; return the newest event id if it grew, else None."""
        deadline = time.monotonic() + timeout
        if self.db.is_sqlite:
            while True:
                head = self._read_head()
                if head > self.last_seen:
                    self.last_seen = head
                    return head
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                time.sleep(min(self.poll_interval, remaining))
        return self._wait_pg(deadline)

    def _wait_pg(self, deadline: float) -> int | None:
        import psycopg  # only PostgreSQL stations pay for the driver (about 10 MB)

        if self._pg is None:
            self._connect_pg()
        assert self._pg is not None
        try:
            newest, self._pending = self._pending, None
            remaining = deadline - time.monotonic()
            if newest is None and remaining > 0:
                for note in self._pg.notifies(timeout=remaining, stop_after=1):
                    newest = int(note.payload)
            if newest is not None:
                # One wake-up covers a burst: take whatever else has already arrived.
                for note in self._pg.notifies(timeout=0):
                    newest = max(newest, int(note.payload))
        except psycopg.Error as err:
            self.close()
            raise DatabaseUnavailable(f"change feed lost the database: {err}") from err
        if newest is not None and newest > self.last_seen:
            self.last_seen = newest
            return newest
        return None

    def _connect_pg(self) -> None:
        import psycopg
        from psycopg import sql

        url = self.db.url.set(drivername="postgresql")
        try:
            conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3)
            schema = conn.execute("SELECT current_schema()").fetchone()
            channel = f"{NOTIFY_CHANNEL}_{schema[0] if schema else 'public'}"
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        except psycopg.Error as err:
            raise DatabaseUnavailable(f"change feed cannot reach the database: {err}") from err
        self._pg = conn
        # Events committed while nobody listened (start-up, a reconnect) are reported at once.
        head = self._read_head()
        if head > self.last_seen:
            self._pending = head

    def _read_head(self) -> int:
        try:
            with self.db.engine.connect() as conn:
                return int(conn.execute(text("SELECT last_id FROM chain_head WHERE id = 1")).scalar_one())
        except DBAPIError as err:
            raise DatabaseUnavailable(f"change feed cannot read the database: {err.orig}") from err

    def close(self) -> None:
        """Stop listening (the feed reconnects if :meth:`wait` is called again)."""
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail any way it likes
                log.debug("closing the LISTEN connection failed", exc_info=True)
            self._pg = None
