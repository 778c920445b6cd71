"""The web station in a thread of another program: the demo runs it beside its Qt stations.

uvicorn's own server, on its own event loop in a daemon thread; ``stop`` ends it (open live
pages are closed within uvicorn's graceful timeout).
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from khiw.config import WebConfig
from khiw.db import Database
from web.app import create_app


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for demos and tests)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class BackgroundServer:
    """``khiw web`` for ``db`` on ``host:port``, served from a thread until :meth:`stop`."""

    def __init__(self, db: Database, settings: WebConfig, *, host: str = "127.0.0.1", port: int = 0, office: str | None = None) -> None:
        self.host, self.port = host, port or free_port(host)
        self.app = create_app(db, settings, office=office)
        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning", timeout_graceful_shutdown=1, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="khiw-web", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> BackgroundServer:
        """Start serving; returns once the port accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web station did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server.started:
            self.app.state.hub.close_pages()
        self._server.should_exit = True
        self._thread.join(timeout=5)
