"""Change notifications: which events were appended, and what each one concerns.

Stations do not poll tables; they wait on a :class:`ChangeFeed`, which hands them the new
events as :class:`Change` (id, kind, ticket, counter, service), oldest first, so that each
station re-reads only when, or only what, a change concerns. On PostgreSQL the feed LISTENs
on the channel every event append NOTIFYs (delivered at commit; one channel per schema,
``khiw_events_<schema>``; the payload is :func:`khiw.engine.eventlog.notify_payload`); on
SQLite it polls the chain head's last id, a one-row primary-key read, every
``poll_interval`` seconds and reads the new events by primary-key range.

Nothing is ever silently missed. Event ids are gap-free and commit in id order, so the feed
knows the list is complete when the ids it received follow on from the last one it had seen.
Whenever it cannot vouch for that (it (re)connected after events were written, ids skipped,
more than :data:`MAX_BATCH` arrived at once, a payload it cannot read) the batch says
``missed`` and the station re-reads everything. If the database goes away the feed raises
:class:`DatabaseUnavailable` from :meth:`ChangeFeed.wait` and reconnects on the next call.

Connections: on PostgreSQL a feed either LISTENs on a connection of its own, which also reads
the head (the web server's one listener per process), or, ``pooled``, on its database's one
pooled connection, which the same thread also runs its transactions on: a Qt station's
operation runner (:mod:`khiw.qt.runner`) waits on that connection's socket between operations
and drains the notifications after each one, so a station holds one connection in all. A
notification that arrives while an operation runs on it is not lost: psycopg reads it with the
query's results and keeps it for :meth:`ChangeFeed.wait`. The server holds notifications back
while that connection is inside a transaction, so one operation delays them by at most its
own length. LISTEN is session-level: the pool's ROLLBACK on return keeps it; a connection the
pool replaced (lost, invalidated) is a lost feed, which LISTENs again on the new one and says
``missed``. On SQLite the feed reads through the engine's pool.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from khiw.db import Database
from khiw.engine.eventlog import NOTIFY_CHANNEL, PAYLOAD_FIELDS
from khiw.errors import DatabaseUnavailable
from khiw.models import ChainHead, Event, EventKind

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

#: Print outcomes at a kiosk: they change the printer alert and nothing else a station shows.
PRINTS = frozenset({EventKind.PRINTED, EventKind.PRINT_FAILED})
#: Events no station's screen shows (a locked account, a survey answer): a station re-reads for
#: them only when its feed missed events.
UNSHOWN = frozenset({EventKind.STAFF_LOCKED, EventKind.SURVEY_ANSWERED})

#: The most events one wake-up lists; past it the batch says ``missed`` (a full re-read costs
#: less than deciding relevance for thousands, and bounds the SQLite range read).
MAX_BATCH = 500


@dataclass(frozen=True, slots=True)
class Change:
    """One appended event: enough for a station to tell whether it concerns what it shows."""

    event_id: int
    kind: EventKind
    ticket_id: int | None = None
    counter_id: int | None = None
    service_id: int | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    """What one wake-up brings: the new events up to ``newest``, oldest first.

    ``missed``: the feed cannot vouch that ``events`` are all the events after the previous
    batch (see the module's docstring); the consumer must then re-read everything.
    """

    newest: int
    events: tuple[Change, ...] = ()
    missed: bool = False


def parse_payload(payload: str) -> tuple[int, Change | None]:
    """The event id of a NOTIFY payload and its change (None: unreadable, e.g. an older writer)."""
    fields = payload.split(":")
    event_id = int(fields[0])
    if len(fields) != len(PAYLOAD_FIELDS):
        return event_id, None
    try:
        kind = EventKind(fields[1])
    except ValueError:  # a kind this version does not know
        return event_id, None
    ticket, counter, service = (int(value) if value else None for value in fields[2:])
    return event_id, Change(event_id, kind, ticket, counter, service)


class ChangeFeed:
    """Waits for new events. Not thread-safe: one feed per waiting thread.

    ``last_seen`` is the newest event id already reported (or the head when the feed started).
    """

    def __init__(self, db: Database, *, poll_interval: float = 0.1, max_batch: int = MAX_BATCH, pooled: bool = False) -> None:
        self.db = db
        self.poll_interval = poll_interval
        self.max_batch = max_batch
        #: LISTEN on ``db``'s one pooled connection, which only the feed's own thread may use.
        self.pooled = pooled and not db.is_sqlite
        if self.pooled and db.connections != 1:
            raise ValueError("a pooled change feed needs a database of one connection (Database.on_one_connection)")
        self._pg: psycopg.Connection[Any] | None = None
        self._behind: int | None = None  # the head read on reconnecting, when it had grown
        if db.is_sqlite:
            self.last_seen = self._sqlite_head()
        else:
            self.last_seen = self._connect_pg()

    def wait(self, timeout: float) -> Changes | None:
        """Block up to ``timeout`` seconds; return the new events if any, else None.

        ``wait(0)`` never blocks: it takes what has arrived (a runner calls it after each
        operation and whenever :meth:`fileno` becomes readable).
        """
        deadline = time.monotonic() + timeout
        if not self.db.is_sqlite:
            return self._wait_pg(deadline)
        while True:
            found = self._poll_sqlite()
            if found is not None:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            time.sleep(min(self.poll_interval, remaining))

    def _batch(self, newest: int, events: Iterable[Change], *, missed: bool = False) -> Changes | None:
        """The batch after ``last_seen``, ``missed`` unless its ids follow on up to ``newest``."""
        fresh = tuple(c for c in events if c.event_id > self.last_seen)
        if newest <= self.last_seen:
            return None
        follows = all(c.event_id == self.last_seen + 1 + i for i, c in enumerate(fresh)) and bool(fresh) and fresh[-1].event_id == newest
        if missed or not follows or len(fresh) > self.max_batch:
            fresh, missed = (), True
        self.last_seen = newest
        return Changes(newest, fresh, missed)

    # -- SQLite: poll the head, read the new events by primary key -----------------------------

    def _sqlite_head(self) -> int:
        with self._sqlite() as conn:
            return int(conn.execute(_HEAD).scalar_one())

    def _poll_sqlite(self) -> Changes | None:
        with self._sqlite() as conn:  # one read transaction: the head and its events agree
            head = int(conn.execute(_HEAD).scalar_one())
            if head <= self.last_seen:
                return None
            upto = min(head, self.last_seen + self.max_batch)
            rows = conn.execute(_NEW_EVENTS, {"after": self.last_seen, "upto": upto}).all()
        return self._batch(head, (Change(*row) for row in rows), missed=upto < head)

    @contextmanager
    def _sqlite(self) -> Iterator[Connection]:
        try:
            with self.db.engine.connect() as conn:
                yield conn
        except DBAPIError as err:
            raise DatabaseUnavailable(f"change feed cannot read the database: {err.orig}") from err

    # -- PostgreSQL: LISTEN, the payload says what changed -------------------------------------

    def _wait_pg(self, deadline: float) -> Changes | None:
        import psycopg  # only PostgreSQL stations pay for the driver (about 10 MB)

        if self._pg is None:
            head = self._connect_pg()
            if head > self.last_seen:
                self._behind = head
        assert self._pg is not None
        newest, missed, events = self._behind or 0, self._behind is not None, []
        self._behind = None
        try:
            remaining = max(deadline - time.monotonic(), 0.0)
            notes = [] if missed else list(self._pg.notifies(timeout=remaining, stop_after=1))
            if notes or missed:
                # One wake-up covers a burst: take whatever else has already arrived.
                notes += self._pg.notifies(timeout=0)
        except psycopg.Error as err:
            self.close()
            raise DatabaseUnavailable(f"change feed lost the database: {err}") from err
        for note in notes:
            event_id, change = parse_payload(note.payload)
            newest = max(newest, event_id)
            if change is None:
                missed = True
            else:
                events.append(change)
        return self._batch(newest, events, missed=missed)

    def fileno(self) -> int | None:
        """The socket PostgreSQL's notifications arrive on, for a thread that waits for them
        among other things (a runner's next operation); None on SQLite (polled) or once closed."""
        import psycopg

        if self._pg is None:
            return None
        try:
            return self._pg.fileno()
        except psycopg.Error as err:  # the connection was lost or the pool closed it
            self.close()
            raise DatabaseUnavailable(f"change feed lost the database: {err}") from err

    def _connect_pg(self) -> int:
        """LISTEN, then read the head (the order that misses nothing); return the head."""
        return self._listen_pooled() if self.pooled else self._listen_alone()

    def _listen_pooled(self) -> int:
        """LISTEN on the pool's one connection, in transactions of its own, as any operation uses it."""
        from psycopg import sql

        try:
            with self.db.engine.connect() as conn:
                pg = conn.connection.driver_connection
                if pg.closed or pg.broken:  # lost while the pool held it: the pool must open a new one
                    conn.invalidate()
                    pg = conn.connection.driver_connection
                schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
                channel = f"{NOTIFY_CHANNEL}_{schema or 'public'}"
                conn.exec_driver_sql(sql.SQL("LISTEN {}").format(sql.Identifier(channel)).as_string(pg))
                conn.commit()
                # After LISTEN committed: an event committed from now on is notified, any before is in the head.
                head = conn.execute(_HEAD).scalar()
                conn.commit()
        except DBAPIError as err:
            raise DatabaseUnavailable(f"change feed cannot reach the database: {err.orig}") from err
        self._pg = pg
        return int(head or 0)

    def _listen_alone(self) -> int:
        """LISTEN on a connection of its own, then read the head through it (no pooled one)."""
        import psycopg
        from psycopg import sql

        url = self.db.url.set(drivername="postgresql")
        try:
            conn = psycopg.connect(
                url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3, application_name=self.db.application_name
            )
        except psycopg.Error as err:
            raise DatabaseUnavailable(f"change feed cannot reach the database: {err}") from err
        self._pg = conn
        try:
            schema = conn.execute("SELECT current_schema()").fetchone()
            channel = f"{NOTIFY_CHANNEL}_{schema[0] if schema else 'public'}"
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
            # After LISTEN: an event committed from now on is notified, any before is in the head.
            row = conn.execute("SELECT last_id FROM chain_head WHERE id = 1").fetchone()
        except psycopg.Error as err:
            self.close()
            raise DatabaseUnavailable(f"change feed cannot reach the database: {err}") from err
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Stop listening (the feed reconnects if :meth:`wait` is called again).

        A pooled feed UNLISTENs on the pool's connection, which its runner goes on using, and
        drops what psycopg kept meanwhile (nobody would read it).
        """
        pg, self._pg = self._pg, None
        if pg is None:
            return
        try:
            if not self.pooled:
                pg.close()
            elif pg.broken:  # lost: the pool must not hand it to an operation (psycopg's error there is not one SQLAlchemy retries)
                with self.db.engine.connect() as conn:
                    if conn.connection.driver_connection is pg:
                        conn.invalidate()
            elif not pg.closed:
                with self.db.engine.connect() as conn:
                    conn.exec_driver_sql("UNLISTEN *")
                    conn.commit()
                list(pg.notifies(timeout=0))
        except Exception:  # noqa: BLE001 - a broken connection may fail any way it likes
            log.debug("closing the change feed's connection failed", exc_info=True)


_HEAD = select(ChainHead.last_id).where(ChainHead.id == 1)
_NEW_EVENTS = (
    select(Event.id, Event.kind, Event.ticket_id, Event.counter_id, Event.service_id)
    .where(Event.id > bindparam("after"), Event.id <= bindparam("upto"))
    .order_by(Event.id)
)
