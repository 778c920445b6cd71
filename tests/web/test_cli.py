"""``khiw web`` as people start it: one process, or several uvicorn workers on one port."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from khiw.db import Database
from khiw.engine.tickets import issue_slip
from web.background import free_port

KHIW = str(Path(sys.executable).with_name("khiw"))
pytestmark = pytest.mark.slow


def wait_until_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"khiw web did not listen on {port}")


@pytest.mark.parametrize("workers", [1, 2])
def test_khiw_web_serves_the_ticket_page(office: Database, workers: int) -> None:
    slip = office.run(issue_slip, service="TAX")
    port = free_port()
    url = office.url.render_as_string(hide_password=False)
    process = subprocess.Popen([KHIW, "--db", url, "web", "--port", str(port), "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_listening(port, process)
        pages = [httpx.get(f"http://127.0.0.1:{port}/t/{slip.ticket.id}", params={"k": slip.ticket.token}, timeout=10) for _ in range(4)]
        assert {p.status_code for p in pages} == {200} and all("A001" in p.text for p in pages)
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/queues", timeout=10).json()["office_code"] == "TSA"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
    assert process.stdout is not None and f"http://127.0.0.1:{port}/" in process.stdout.read().decode()


def test_khiw_web_on_an_uninitialised_database_says_so_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run([KHIW, "--db", f"sqlite:///{tmp_path / 'empty.db'}", "web"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 4 and done.stderr.count("\n") == 1 and "khiw init" in done.stderr
