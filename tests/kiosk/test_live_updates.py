"""The kiosk follows the office by updating its queues from each change, not re-reading them."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from khiw.engine import call_next, issue, open_counter, recall
from khiw.engine.status import office_status
from tests.kiosk.conftest import Kiosk

WAIT = 5000


class TestLiveUpdates:
    def test_a_ticket_issued_elsewhere_shows_through_an_update(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        kiosk = make_kiosk()
        window, button = kiosk.window, kiosk.window.start_page.buttons["TAX"]
        assert window.status is not None and window.status.counters == ()  # the kiosk shows no counter: none is read
        kiosk.db.run(issue, service="TAX")
        kiosk.db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: button.queue.waiting == 2, timeout=WAIT)
        assert window.live.updates >= 1
        assert "2" in button.info.text()
        assert window.status.queues == kiosk.db.query(office_status, counters=False).queues

    def test_a_call_and_a_counter_opening_update_the_queue(self, qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
        kiosk = make_kiosk()
        window, button = kiosk.window, kiosk.window.start_page.buttons["TAX"]
        for _ in range(3):
            kiosk.db.run(issue, service="TAX")
        qtbot.waitUntil(lambda: button.queue.waiting == 3, timeout=WAIT)
        before = window.live.updates
        kiosk.db.run(open_counter, counter=1)
        qtbot.waitUntil(lambda: button.queue.open_counters == 1, timeout=WAIT)
        called = kiosk.db.run(call_next, counter=1)
        qtbot.waitUntil(lambda: button.queue.waiting == 2, timeout=WAIT)
        assert window.live.updates >= before + 2
        reads = window.live.reads
        kiosk.db.run(recall, ticket=called.ticket.id)  # nothing the kiosk shows: not even an update
        kiosk.db.run(issue, service="REG")
        qtbot.waitUntil(lambda: window.start_page.buttons["REG"].queue.waiting == 1, timeout=WAIT)
        assert window.live.reads == reads + 1
