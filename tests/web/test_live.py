"""Live pages against a real uvicorn server: a call made through the engine reaches an open
page's event stream without a reload, through the process's one change listener."""

from __future__ import annotations

import asyncio
import json
import queue
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from khiw.changes import Change, Changes
from khiw.config import WebConfig
from khiw.db import Database
from khiw.engine import EventKind, call_next
from khiw.engine.citizen import citizen_ticket_as_of
from khiw.engine.eventlog import last_event_id
from khiw.engine.tickets import TicketSlip, issue_slip
from tests.web.conftest import text_of
from web.background import BackgroundServer
from web.live import LiveHub, Subscription


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


class ScriptedFeed:
    """A change feed that reports what the test puts in :attr:`script`."""

    def __init__(self, start: int) -> None:
        self.last_seen = start
        self.script: queue.Queue[Changes] = queue.Queue()

    def wait(self, timeout: float) -> Changes | None:
        try:
            return self.script.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        pass


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop for the hub to hand views to (nobody runs it: the tests count reads)."""
    running = asyncio.new_event_loop()
    yield running
    running.close()


def open_page(hub: LiveHub, db: Database, slip: TicketSlip) -> Subscription:
    view, head = db.query(citizen_ticket_as_of, ticket_id=slip.ticket.id, token=slip.ticket.token)
    return hub.subscribe(view, slip.ticket.token, after=head)


def test_a_page_is_not_reread_for_what_its_first_view_showed(office: Database, loop: asyncio.AbstractEventLoop) -> None:
    hub = LiveHub(office, survey_days=7, poll_interval=1.0)  # slow: the page subscribes before the hub hears
    hub.start(loop)
    try:
        assert wait_for(lambda: hub.seen == office.query(last_event_id))
        slip = office.run(issue_slip, service="TAX")
        page = open_page(hub, office, slip)
        issued = office.query(last_event_id)
        assert wait_for(lambda: hub.seen >= issued)
        assert hub.refreshes == 0  # the page's view already counted its own ticket
        called = office.run(call_next, counter=1)
        assert wait_for(lambda: hub.seen >= called.event_id)
        assert hub.refreshes == 1 and page.queue.qsize() == 0  # handed over on the loop, which is not running
    finally:
        hub.stop()


def test_a_page_that_subscribes_after_the_hub_went_past_its_view_reads_again(office: Database, loop: asyncio.AbstractEventLoop) -> None:
    slip = office.run(issue_slip, service="TAX")
    feed = ScriptedFeed(office.query(last_event_id))
    hub = LiveHub(office, survey_days=7, feed=lambda _db: feed)
    hub.start(loop)
    try:
        view, head = office.query(citizen_ticket_as_of, ticket_id=slip.ticket.id, token=slip.ticket.token)
        feed.script.put(Changes(head + 1, (Change(head + 1, EventKind.ISSUED, None, None, view.service_id),)))
        assert wait_for(lambda: hub.seen == head + 1)
        assert hub.subscribe(view, slip.ticket.token, after=head).behind
        assert not hub.subscribe(view, slip.ticket.token, after=head + 1).behind
    finally:
        hub.stop()


def test_missed_events_reread_every_page_not_yet_up_to_date(office: Database, loop: asyncio.AbstractEventLoop) -> None:
    tax, reg = office.run(issue_slip, service="TAX"), office.run(issue_slip, service="REG")
    head = office.query(last_event_id)
    feed = ScriptedFeed(head)
    hub = LiveHub(office, survey_days=7, feed=lambda _db: feed)
    hub.start(loop)
    try:
        pages = [open_page(hub, office, slip) for slip in (tax, reg)]
        feed.script.put(Changes(head, missed=True))  # nothing after what the pages showed: no read
        feed.script.put(Changes(head + 1, (Change(head + 1, EventKind.CALLED, 999, 1, pages[1].service_id),)))
        assert wait_for(lambda: hub.seen == head + 1)
        assert hub.refreshes == 1  # the REG page only: its queue moved
        feed.script.put(Changes(head + 5, missed=True))
        assert wait_for(lambda: hub.seen == head + 5)
        assert hub.refreshes == 2  # one read for both pages
    finally:
        hub.stop()
