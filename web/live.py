"""Live ticket pages: ONE change listener per server process, fanned out to every open page.

A thread waits on the change feed (PostgreSQL LISTEN/NOTIFY, or SQLite's 100 ms head poll).
When events arrive it asks which services they touched, re-reads, in one read transaction,
only the open pages' tickets of those services (once per ticket, however many pages show
it), and hands each page's queue the new view on the event loop. A page that is not open
costs nothing; a hundred pages cost one listener and one read per change, not a query per
page per second.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from khiw.changes import ChangeFeed
from khiw.db import Database
from khiw.engine.citizen import CitizenTicket, changes_since, live_tickets
from khiw.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Subscription:
    """One open page: its ticket, the service it queues in, and where its news goes."""

    ticket_id: int
    token: str
    service_id: int
    queue: asyncio.Queue[CitizenTicket | None] = field(default_factory=lambda: asyncio.Queue(maxsize=8))


class LiveHub:
    """The process's one listener. ``start`` from the event loop; ``stop`` at shutdown."""

    def __init__(self, db: Database, *, survey_days: int, poll_interval: float = 0.1, feed: Callable[[Database], ChangeFeed] | None = None) -> None:
        self.db, self.survey_days, self.poll_interval = db, survey_days, poll_interval
        self._feed_factory = feed or (lambda d: ChangeFeed(d, poll_interval=poll_interval))
        self._subs: set[Subscription] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.refreshes = 0  # reads made for live pages (the benchmark reports it)
        self.seen = 0  # the newest event the pages have been brought up to

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._thread = threading.Thread(target=self._run, name="khiw-web-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)

    @property
    def open_pages(self) -> int:
        return len(self._subs)

    def subscribe(self, view: CitizenTicket, token: str) -> Subscription:
        sub = Subscription(view.id, token, view.service_id)
        with self._lock:
            self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            self._subs.discard(sub)

    def close_pages(self) -> None:
        """End every open page's stream (before the server shuts down: browsers reconnect)."""
        assert self._loop is not None
        with self._lock:
            subs, self._subs = list(self._subs), set()
        for sub in subs:
            self._loop.call_soon_threadsafe(_deliver, sub, None)

    def _run(self) -> None:
        feed: ChangeFeed | None = None
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = self._feed_factory(self.db)
                    self.seen = feed.last_seen
                newest = feed.wait(1.0)
                if newest is not None:
                    self.seen = self._refresh(self.seen, newest)
            except DatabaseUnavailable as err:
                log.warning("live pages: %s; retrying", err)
                if feed is not None:
                    feed.close()
                feed = None
                self._stop.wait(1.0)
            except Exception:  # noqa: BLE001 - the listener must outlive any one bad refresh
                log.exception("live pages: refresh failed; retrying")
                self._stop.wait(1.0)
        if feed is not None:
            feed.close()

    def _refresh(self, seen: int, newest: int) -> int:
        with self._lock:
            subs = list(self._subs)
        if not subs:  # nobody to tell: not even a read
            return newest
        changes = self.db.query(changes_since, after=seen)
        touched = [s for s in subs if changes.service_ids is None or s.service_id in changes.service_ids]
        if touched:
            wanted = list({s.ticket_id: s.token for s in touched}.items())
            views = self.db.query(live_tickets, tickets=wanted, survey_days=self.survey_days)
            self.refreshes += 1
            assert self._loop is not None
            for sub in touched:
                self._loop.call_soon_threadsafe(_deliver, sub, views.get(sub.ticket_id))
        return changes.head


def _deliver(sub: Subscription, view: CitizenTicket | None) -> None:
    """Put the news on the page's queue; a page too slow to read drops its oldest news."""
    if sub.queue.full():
        sub.queue.get_nowait()
    sub.queue.put_nowait(view)
