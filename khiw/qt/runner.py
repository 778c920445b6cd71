"""Running engine operations off the GUI thread.

One worker thread per station runs operations in submission order, each in its own
transaction (``Database.run`` or ``Database.query``); the result or the error comes back on
the GUI thread through a signal, so a slow or restarting database never freezes a screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from khiw.db import Database

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
        self.db = db
        self.waiting_after = waiting_after
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="khiw-db")
        self._finished.connect(self._deliver)

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
        job = Job(op, kwargs, read, on_done, on_error, with_database)
        self._pool.submit(self._work, job)
        return job

    def _work(self, job: Job) -> None:
        # A timer thread, not a QTimer: the GUI thread must learn of the wait while this one blocks.
        fired = threading.Event()

        def announce() -> None:
            fired.set()
            self.waiting.emit(True)

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
            self._finished.emit(job, None, err)
        else:
            self._finished.emit(job, result, None)
        finally:
            slow.cancel()
            slow.join()  # so that True is never delivered after False
            if fired.is_set():
                self.waiting.emit(False)

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

    def shutdown(self) -> None:
        """Finish the running operation, drop queued ones, stop the worker."""
        self._pool.shutdown(wait=True, cancel_futures=True)
