"""Live ticket pages: ONE change listener per server process, fanned out to every open page.

A thread waits on the change feed (PostgreSQL LISTEN/NOTIFY, or SQLite's 100 ms head poll),
which says what each new event concerns. The pages it touched (its ticket, or its service's
queue; an event of no service, a counter opening say, moves every estimate) are re-read in
one read transaction, once per ticket however many pages show it, and each page's queue gets
the new view on the event loop. When the feed missed events every open page is re-read. A
page that is not open costs nothing; a hundred pages cost one listener and at most one read
per change, not a query per page per second.

A page subscribes with the event id its first view includes: the listener never re-reads it
for an event that view already showed, and a page that subscribes after the listener went
past that id reads itself again (:attr:`Subscription.behind`), so none is missed either.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from khiw.changes import Change, ChangeFeed, Changes
from khiw.db import Database
from khiw.engine.citizen import CitizenTicket, live_tickets
from khiw.errors import DatabaseUnavailable

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Subscription:
    """One open page: its ticket, the service it queues in, and where its news goes.

    ``after``: the newest event its view includes; ``behind``: the listener had already gone
    past it when the page subscribed, so the page must read itself again (then moving ``after``).
    """

    ticket_id: int
    token: str
    service_id: int
    after: int
    behind: bool = False
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
        self._listed = 0  # the newest event whose pages were chosen (under the lock, with them)

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

    def subscribe(self, view: CitizenTicket, token: str, *, after: int) -> Subscription:
        """Follow ``view``'s ticket, whose view includes the events up to ``after``."""
        with self._lock:
            sub = Subscription(view.id, token, view.service_id, after, behind=self._listed > after)
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
                    # Whatever was written while nobody listened (at start-up, nothing open yet).
                    self._catch_up(Changes(feed.last_seen, missed=True))
                changes = feed.wait(1.0)
                if changes is not None:
                    self._catch_up(changes)
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

    def _catch_up(self, changes: Changes) -> None:
        """Re-read the open pages ``changes`` concern (all of them, if events were missed)."""
        with self._lock:
            subs = list(self._subs)
            self._listed = max(self._listed, changes.newest)
        if changes.missed:
            touched = [s for s in subs if s.after < changes.newest]
        else:
            touched = [s for s in subs if any(_concerns(s, change) for change in changes.events)]
        if touched:
            wanted = list({s.ticket_id: s.token for s in touched}.items())
            views = self.db.query(live_tickets, tickets=wanted, survey_days=self.survey_days)
            self.refreshes += 1
            assert self._loop is not None
            for sub in touched:
                self._loop.call_soon_threadsafe(_deliver, sub, views.get(sub.ticket_id))
        self.seen = max(self.seen, changes.newest)


def _concerns(sub: Subscription, change: Change) -> bool:
    """Whether ``change`` may move the page: its ticket, its queue, or every queue's estimate."""
    if change.event_id <= sub.after:
        return False  # the page's own view already showed it
    return change.ticket_id == sub.ticket_id or change.service_id in (sub.service_id, None)


def _deliver(sub: Subscription, view: CitizenTicket | None) -> None:
    """Put the news on the page's queue; a page too slow to read drops its oldest news."""
    if sub.queue.full():
        sub.queue.get_nowait()
    sub.queue.put_nowait(view)
