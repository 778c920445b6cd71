"""A network ESC/POS printer on 127.0.0.1 that answers DLE EOT like a real one, or fails.

``mode``: ``ok``; ``paper_low`` (near-end sensor on, still prints); ``paper_out`` and
``cover_open`` (offline, with that cause); ``silent`` (accepts and reads, never answers).
For "nothing listens" use :func:`refused_address`.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field

from tests.printing.escpos_stream import Incomplete, next_command

# DLE EOT 1, 2, 4 replies per mode (fixed bits 1 and 4 set: 0x12).
REPLIES = {
    "ok": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_low": {1: 0x12, 2: 0x12, 4: 0x1E},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
}


@dataclass
class Job:
    """What one connection sent, status queries excluded; ``finished`` is when it closed."""

    data: bytearray = field(default_factory=bytearray)
    queries: list[int] = field(default_factory=list)
    last_byte_at: float = 0.0
    finished: float = 0.0


class FakePrinter:
    """Start with :meth:`start`, stop with :meth:`stop` (or use as a context manager)."""

    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.jobs: list[Job] = []
        self._done = threading.Condition()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> FakePrinter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        thread = threading.Thread(target=self._accept, name="fake-printer", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=3)
        self._server.close()

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[Job]:
        """Block until ``count`` connections have closed; returns the jobs so far."""
        with self._done:
            self._done.wait_for(lambda: len(self.jobs) >= count, timeout)
            return list(self.jobs)

    def printed(self) -> list[Job]:
        """Jobs that carried print data (not only status queries)."""
        return [job for job in self.jobs if job.data]

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        job = Job()
        buf = b""
        conn.settimeout(0.2)
        with conn:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                buf += chunk
                job.last_byte_at = time.monotonic()
                buf = self._consume(conn, job, buf)
        job.finished = time.monotonic()
        with self._done:
            self.jobs.append(job)
            self._done.notify_all()

    def _consume(self, conn: socket.socket, job: Job, buf: bytes) -> bytes:
        while buf:
            try:
                command, size = next_command(buf)
            except Incomplete:
                return buf
            if command.name == "status":
                n = command.data[2]
                job.queries.append(n)
                reply = REPLIES.get(self.mode, {}).get(n)
                if reply is not None:
                    conn.sendall(bytes((reply,)))
            else:
                job.data += command.data
            buf = buf[size:]
        return buf


def refused_address() -> tuple[str, int]:
    """A loopback port nobody listens on, so connecting is refused at once."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return "127.0.0.1", probe.getsockname()[1]
