"""The slip: what a ticket says, read from the engine on both databases."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from khiw.db import Database
from khiw.engine import call_next, open_counter
from khiw.engine.tickets import issue_slip, qr_url, ticket_slip
from khiw.errors import NotFound, ServiceClosed
from khiw.models import Priority
from tests.fixtures import MORNING, office_config, with_office


class TestIssueSlip:
    def test_carries_the_office_ticket_settings_and_the_position(self, office: Database) -> None:
        office.run(issue_slip, service="REG", now=MORNING)
        slip = office.run(issue_slip, service="REG", now=MORNING)
        assert slip.ticket.code == "B002"
        assert slip.office_name_th == "องค์การบริหารส่วนตำบลท่าสะอ้าน"
        assert (slip.ahead, slip.estimated_wait_minutes) == (1, 15)
        assert slip.footer_th == "สแกน QR Code เพื่อติดตามคิวและประเมินความพึงพอใจ"
        assert slip.show_english and not slip.thai_digits
        assert slip.issued_local == MORNING.astimezone(ZoneInfo("Asia/Bangkok"))
        assert slip.issued_local.hour == 9

    def test_the_qr_url_has_the_id_and_the_unguessable_token(self, office: Database) -> None:
        first = office.run(issue_slip, service="TAX", now=MORNING)
        second = office.run(issue_slip, service="TAX", now=MORNING)
        assert first.qr_url == f"https://queue.example.go.th/t/{first.ticket.id}?k={first.ticket.token}"
        assert len(first.ticket.token) >= 20
        assert first.ticket.token != second.ticket.token

    def test_refusals_are_the_engine_errors(self, office: Database) -> None:
        cfg = office_config()
        with_office(office, cfg.model_copy(update={"services": [s.model_copy(update={"active": s.code != "CMP"}) for s in cfg.services]}))
        with pytest.raises(ServiceClosed) as refused:
            office.run(issue_slip, service="CMP", now=MORNING)
        assert refused.value.reason == "inactive"


class TestTicketSlip:
    def test_a_reprint_counts_the_people_ahead_now(self, office: Database) -> None:
        first = office.run(issue_slip, service="TAX", now=MORNING)
        office.run(issue_slip, service="TAX", now=MORNING)
        third = office.run(issue_slip, service="TAX", now=MORNING)
        assert third.ahead == 2
        office.run(open_counter, counter=1, now=MORNING)
        office.run(call_next, counter=1, now=MORNING + timedelta(minutes=1))
        again = office.run(ticket_slip, ticket=third.ticket.code, now=MORNING + timedelta(minutes=2))
        assert again.ahead == 1
        assert again.qr_url == third.qr_url
        called = office.run(ticket_slip, ticket=first.ticket.id, now=MORNING + timedelta(minutes=2))
        assert (called.ahead, called.estimated_wait_minutes) == (0, 0)

    def test_a_priority_ticket_keeps_its_class(self, office: Database) -> None:
        issued = office.run(issue_slip, service="INF", priority=Priority.MONK, now=MORNING)
        again = office.run(ticket_slip, ticket=issued.ticket.id, now=MORNING)
        assert again.ticket.priority == Priority.MONK

    def test_unknown_ticket(self, office: Database) -> None:
        with pytest.raises(NotFound):
            office.run(ticket_slip, ticket="Z999", now=MORNING)


def test_qr_url_escapes_the_token_and_leaves_other_braces() -> None:
    assert qr_url("https://x.go.th/{ticket_id}/{token}?a={b}", 7, "a/b c") == "https://x.go.th/7/a%2Fb%20c?a={b}"
