"""Live pages against a real uvicorn server: a call made through the engine reaches an open
page's event stream without a reload, through the process's one change listener."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from khiw.config import WebConfig
from khiw.db import Database
from khiw.engine import call_next
from khiw.engine.eventlog import last_event_id
from khiw.engine.tickets import issue_slip
from tests.web.conftest import text_of
from web.background import BackgroundServer


@pytest.fixture
def server(office: Database) -> Iterator[BackgroundServer]:
    running = BackgroundServer(office, WebConfig()).start()
    yield running
    running.stop()


def states(url: str, seen: list[dict[str, str]], stop: threading.Event) -> None:
    """Read an event stream, keeping every ``state`` event, until ``stop`` or the stream ends."""
    with httpx.stream("GET", url, timeout=10) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
            if stop.is_set():
                return


def wait_for(predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_several_open_pages_see_the_call_and_the_queue_move(office: Database, server: BackgroundServer) -> None:
    first, second = office.run(issue_slip, service="TAX"), office.run(issue_slip, service="TAX")
    seen: dict[int, list[dict[str, str]]] = {first.ticket.id: [], second.ticket.id: []}
    stop = threading.Event()
    readers = [
        threading.Thread(target=states, args=(f"{server.url}/t/{s.ticket.id}/live?k={s.ticket.token}", seen[s.ticket.id], stop), daemon=True)
        for s in (first, second, second)  # two pages of the second ticket share one read
    ]
    for reader in readers:
        reader.start()
    assert wait_for(lambda: len(seen[first.ticket.id]) == 1 and len(seen[second.ticket.id]) == 2)
    assert server.app.state.hub.open_pages == 3
    assert "รออีก 1 คิว" in seen[second.ticket.id][0]["html"]
    reads = server.app.state.hub.refreshes
    office.run(call_next, counter=1)
    assert wait_for(lambda: len(seen[first.ticket.id]) == 2 and len(seen[second.ticket.id]) == 4)
    assert seen[first.ticket.id][-1]["status"] == "called" and "เชิญที่ช่องบริการ 1" in text_of(seen[first.ticket.id][-1]["html"])
    assert "ท่านเป็นคิวถัดไป" in seen[second.ticket.id][-1]["html"]
    assert server.app.state.hub.refreshes == reads + 1
    stop.set()


def test_a_change_in_another_service_does_not_reread_the_page(office: Database, server: BackgroundServer) -> None:
    tax = office.run(issue_slip, service="TAX")
    seen: list[dict[str, str]] = []
    stop = threading.Event()
    threading.Thread(target=states, args=(f"{server.url}/t/{tax.ticket.id}/live?k={tax.ticket.token}", seen, stop), daemon=True).start()
    assert wait_for(lambda: server.app.state.hub.open_pages == 1)
    hub = server.app.state.hub
    head = office.query(last_event_id)
    assert wait_for(lambda: hub.seen >= head)  # the listener has caught up with this ticket's issue
    reads = hub.refreshes
    office.run(issue_slip, service="REG")
    time.sleep(0.5)
    assert server.app.state.hub.refreshes == reads and len(seen) == 1
    stop.set()
