"""Running engine operations off the GUI thread, and hearing of changes on the same connection.

One worker thread per station runs operations in submission order, each in its own
transaction (``Database.run`` or ``Database.query``); the result or the error comes back on
the GUI thread through a signal, so a slow or restarting database never freezes a screen.

The same thread follows the change feed for the station's :class:`~khiw.qt.feed.ChangeWatcher`
(:meth:`OperationRunner.listen`). On PostgreSQL the runner owns exactly one connection
(:meth:`Database.on_one_connection`): its feed LISTENs on it (``ChangeFeed(pooled=True)``) and
between operations the thread sleeps in ``select`` on that connection's socket and on a wake-up
socket that a submitted operation or a stop writes to, so an idle station sends nothing and uses
no CPU. After each operation it takes the notifications psycopg read along with the results. On
SQLite the feed polls the head every ``poll_interval`` between operations, as before.
"""

from __future__ import annotations

import logging
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from khiw.changes import ChangeFeed, Changes
from khiw.db import Database
from khiw.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from khiw.qt.feed import ChangeWatcher

log = logging.getLogger(__name__)

#: An operation still running after this long is waiting for the database (another PC holds a
#: lock, SQLite is busy): stations then say so instead of looking frozen.
WAITING_AFTER_SECONDS = 1.0


@dataclass(frozen=True)
class Job:
    """One submitted operation and what to call with its outcome (on the GUI thread)."""

    op: Callable[..., Any]
    kwargs: dict[str, Any]
    read: bool
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    with_database: bool = False


class OperationRunner(QObject):
    """Submit engine operations; outcomes arrive as signals on the thread that owns the runner.

    ``db`` is used as it is on SQLite and when its pool holds one connection (a station's);
    otherwise the runner opens its own one-connection :class:`Database` on the same URL and
    closes it at :meth:`shutdown`.

    Signals:
        succeeded(Job, object): an operation returned a result.
        failed(Job, object): an operation raised (a ``KhiwError`` for refusals).
        waiting(bool): an operation has run longer than ``waiting_after`` seconds (True), or
            the one that did has ended (False): show "ระบบกำลังรอฐานข้อมูล…" meanwhile.
    """

    succeeded = Signal(object, object)
    failed = Signal(object, object)
    waiting = Signal(bool)
    _finished = Signal(object, object, object)

    def __init__(self, db: Database, parent: QObject | None = None, *, waiting_after: float = WAITING_AFTER_SECONDS) -> None:
        super().__init__(parent)
        self.db = db.on_one_connection()
        self._own_db = self.db is not db
        self.waiting_after = waiting_after
        self._jobs: deque[Job] = deque()
        self._stopping = False
        # Written to (one byte) by submit, listen and shutdown; the worker sleeps until it or the
        # feed's socket is readable. A socket pair, not a pipe: select takes only sockets on Windows.
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._listener: ChangeWatcher | None = None  # who hears the changes (set on the GUI thread)
        # Held while the worker signals: no change is signalled once unlisten has returned, and
        # nothing once the runner's Qt object is gone.
        self._listener_lock = threading.RLock()
        self._gone = False
        self._finished.connect(self._deliver)
        self.destroyed.connect(lambda: self._abandon())  # a lambda: a slot of the object being deleted is not called
        self._thread = threading.Thread(target=self._loop, name="khiw-db", daemon=True)
        self._thread.start()

    def _abandon(self) -> None:
        """The Qt object is being deleted without :meth:`shutdown` (a window dropped unclosed):
        the worker stops after the operation it is running, and signals nothing more, so no
        thread outlives its object and touches it (a use after free aborts the process)."""
        with self._listener_lock:
            self._gone = True
        self._wake()

    def submit(
        self,
        op: Callable[..., Any],
        *,
        read: bool = False,
        with_database: bool = False,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> Job:
        """Queue ``op(session, **kwargs)``; ``read`` runs it in a read-only transaction.

        ``with_database`` queues ``op(db, **kwargs)`` instead, for work that runs its own
        transactions (a report: a short write to refresh the cache, then a long read).
        """
        if self._stopping:
            raise RuntimeError("cannot run an operation after the runner was shut down")
        job = Job(op, kwargs, read, on_done, on_error, with_database)
        self._jobs.append(job)
        self._wake()
        return job

    def listen(self, watcher: ChangeWatcher) -> None:
        """Follow the change feed between operations and tell ``watcher`` (one at a time)."""
        with self._listener_lock:
            if self._listener is not None and self._listener is not watcher:
                raise RuntimeError("this runner already follows the change feed for another watcher")
            self._listener = watcher
        watcher.destroyed.connect(lambda: self._forget(watcher))
        self._wake()

    def _forget(self, watcher: ChangeWatcher) -> None:
        """``watcher`` is being deleted: stop following the feed for it, if it still listens."""
        with self._listener_lock:
            if self._listener is watcher:
                self._listener = None
        self._wake()

    def unlisten(self) -> None:
        """Stop following the change feed: no change is signalled once this returns."""
        with self._listener_lock:
            self._listener = None
        self._wake()

    def shutdown(self) -> None:
        """Finish the running operation, drop queued ones, stop the worker."""
        self._stopping = True
        self._jobs.clear()
        self._wake()
        self._thread.join()
        self._wake_r.close()
        self._wake_w.close()
        if self._own_db:
            self.db.dispose()

    # -- the worker thread ----------------------------------------------------------------------

    def _wake(self) -> None:
        try:
            self._wake_w.send(b"\0")
        except OSError:  # full (BlockingIOError): a wake-up is pending anyway; closed: shut down
            pass

    def _loop(self) -> None:
        hearing = _Hearing(self)
        while not (self._stopping or self._gone):
            try:
                while self._wake_r.recv(4096):
                    pass
            except BlockingIOError:
                pass
            if self._jobs:
                try:
                    job = self._jobs.popleft()
                except IndexError:  # shutdown cleared the queue meanwhile
                    continue
                self._work(job)
                hearing.hear()  # what was notified while it ran: psycopg kept it
                continue
            hearing.hear()
            if self._jobs or self._stopping or self._gone:
                continue
            self._sleep(*hearing.until())
        hearing.close()

    def _sleep(self, feed_socket: int | None, timeout: float | None) -> None:
        """Until an operation is submitted, a notification arrives or ``timeout`` passes."""
        with selectors.DefaultSelector() as sleeper:
            sleeper.register(self._wake_r, selectors.EVENT_READ)
            if feed_socket is not None:
                sleeper.register(feed_socket, selectors.EVENT_READ)
            sleeper.select(timeout)

    def _work(self, job: Job) -> None:
        # A timer thread, not a QTimer: the GUI thread must learn of the wait while this one blocks.
        fired = threading.Event()

        def announce() -> None:
            fired.set()
            self._signal(self.waiting, True)

        slow = threading.Timer(self.waiting_after, announce)
        slow.daemon = True
        slow.start()
        try:
            if job.with_database:
                result = job.op(self.db, **job.kwargs)
            else:
                run = self.db.query if job.read else self.db.run
                result = run(job.op, **job.kwargs)
        except Exception as err:  # delivered to the GUI, which decides what to show
            if not hasattr(err, "exit_code"):
                log.exception("operation %s failed", getattr(job.op, "__name__", job.op))
            self._signal(self._finished, job, None, err)
        else:
            self._signal(self._finished, job, result, None)
        finally:
            slow.cancel()
            slow.join()  # so that True is never delivered after False
            if fired.is_set():
                self._signal(self.waiting, False)

    def _signal(self, signal: Any, *args: Any) -> None:
        """Emit from the worker, unless the runner's Qt object is gone (see :meth:`_abandon`)."""
        with self._listener_lock:
            if not self._gone:
                signal.emit(*args)

    @Slot(object, object, object)
    def _deliver(self, job: Job, result: Any, error: BaseException | None) -> None:
        if error is None:
            if job.on_done:
                job.on_done(result)
            self.succeeded.emit(job, result)
        else:
            if job.on_error:
                job.on_error(error)
            self.failed.emit(job, error)


class _Hearing:
    """The worker thread's side of the change feed: starts, reads, loses and restarts it.

    The listener is told what the watcher on its own thread used to tell: once the feed (re)starts,
    ``missed`` (a read made before it may predate its starting point) and ``online(True)`` if it
    had been lost; each batch of changes; ``online(False)`` once when the database is lost.
    """

    def __init__(self, runner: OperationRunner) -> None:
        self.runner = runner
        self.feed: ChangeFeed | None = None
        self.up = True
        self.due = 0.0  # when to start the feed again after losing it, or to poll SQLite next (monotonic)

    def hear(self) -> None:
        """Start, stop or read the feed as the listener asks; never blocks for long."""
        watcher = self.runner._listener
        if watcher is None:
            self.close()
            return
        polled = self.feed is None or self.runner.db.is_sqlite
        if polled and time.monotonic() < self.due:
            return
        try:
            if self.feed is None:
                self.feed = ChangeFeed(self.runner.db, poll_interval=watcher.poll_interval, pooled=True)
                self._tell(watcher, Changes(self.feed.last_seen, missed=True))
                watcher.ready.set()
                if not self.up:
                    self.up = True
                    self._tell(watcher, up=True)
            changes = self.feed.wait(0)
            self.due = time.monotonic() + self.feed.poll_interval
            if changes is not None:
                self._tell(watcher, changes)
        except Exception as err:  # noqa: BLE001 - operations go on whatever the feed does
            self._lose(watcher, err)

    def until(self) -> tuple[int | None, float | None]:
        """What the worker sleeps on besides its wake-up socket: the feed's socket, and for how long."""
        watcher = self.runner._listener
        if watcher is None:
            return None, None
        if self.feed is None or self.runner.db.is_sqlite:
            return None, max(self.due - time.monotonic(), 0.0)
        try:
            return self.feed.fileno(), None
        except DatabaseUnavailable as err:
            self._lose(watcher, err)
            return None, max(self.due - time.monotonic(), 0.0)

    def close(self) -> None:
        if self.feed is not None:
            self.feed.close()
            self.feed = None

    def _lose(self, watcher: ChangeWatcher, err: Exception) -> None:
        if not isinstance(err, DatabaseUnavailable):
            log.exception("the change feed failed")
        if self.up:
            log.warning("lost the database: %s", err)
            self.up = False
            self._tell(watcher, up=False)
        self.close()
        self.due = time.monotonic() + watcher.retry_seconds

    def _tell(self, watcher: ChangeWatcher, changes: Changes | None = None, *, up: bool | None = None) -> None:
        with self.runner._listener_lock:
            if self.runner._listener is not watcher or self.runner._gone:
                return  # it stopped listening meanwhile, or the runner is being deleted
            if changes is not None:
                watcher.changed.emit(changes)
            if up is not None:
                watcher.online.emit(up)
