"""Issuing tickets: numbering per service and local day, caps, hours, priority classes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from khiw.config import PolicyConfig
from khiw.db import Database
from khiw.engine import issue
from khiw.errors import NotFound, PriorityNotOffered, ServiceClosed
from khiw.models import Event, EventKind, Priority, Ticket, TicketStatus
from tests.fixtures import MORNING, office_config, with_office


class TestNumbering:
    def test_first_ticket_of_the_day_is_001_with_the_service_prefix(self, office: Database) -> None:
        result = office.run(issue, service="TAX", now=MORNING)
        assert result.ticket.code == "A001"
        assert result.ticket.number == 1
        assert result.ticket.status == TicketStatus.WAITING
        assert result.ahead == 0

    def test_numbers_count_up_per_service_independently(self, office: Database) -> None:
        codes = [office.run(issue, service=s, now=MORNING).ticket.code for s in ("TAX", "TAX", "REG", "TAX", "REG")]
        assert codes == ["A001", "A002", "B001", "A003", "B002"]

    def test_the_first_ticket_after_local_midnight_starts_again_at_1(self, office: Database) -> None:
        # 23:59 and 00:01 Bangkok time (UTC+7) are 16:59 and 17:01 UTC.
        before = MORNING.replace(hour=16, minute=59)
        after = MORNING.replace(hour=17, minute=1)
        assert office.run(issue, service="TAX", now=before).ticket.code == "A001"
        assert office.run(issue, service="TAX", now=before).ticket.code == "A002"
        late = office.run(issue, service="TAX", now=after)
        assert late.ticket.code == "A001"
        assert late.ticket.service_day == (MORNING + timedelta(days=1)).date()

    def test_people_ahead_counts_the_waiting_queue(self, office: Database) -> None:
        for _ in range(3):
            office.run(issue, service="REG", now=MORNING)
        result = office.run(issue, service="REG", now=MORNING)
        assert result.ahead == 3
        # No counter is open: one counter's worth at the standard 15 minutes per ticket.
        assert result.estimated_wait_minutes == 45

    def test_every_issue_writes_one_chained_event(self, office: Database) -> None:
        result = office.run(issue, service="INF", now=MORNING)
        with office.read() as s:
            events = s.execute(select(Event).where(Event.ticket_id == result.ticket.id)).scalars().all()
        assert [e.kind for e in events] == [EventKind.ISSUED]
        assert events[0].id == result.event_id


class TestRefusals:
    def test_unknown_service(self, office: Database) -> None:
        with pytest.raises(NotFound, match="unknown service: NOPE"):
            office.run(issue, service="NOPE", now=MORNING)

    def test_daily_cap_closes_the_service_and_issues_nothing_more(self, db: Database) -> None:
        cfg = office_config()
        capped = [s.model_copy(update={"daily_cap": 2}) if s.code == "TAX" else s for s in cfg.services]
        with_office(db, cfg.model_copy(update={"services": capped}))
        db.run(issue, service="TAX", now=MORNING)
        db.run(issue, service="TAX", now=MORNING)
        with pytest.raises(ServiceClosed) as err:
            db.run(issue, service="TAX", now=MORNING)
        assert err.value.reason == "cap"
        with db.read() as s:
            assert s.execute(select(func.count()).select_from(Ticket)).scalar_one() == 2

    def test_outside_opening_hours(self, db: Database) -> None:
        cfg = office_config()
        from datetime import time

        with_office(db, cfg.model_copy(update={"office": cfg.office.model_copy(update={"opens": time(8, 30), "closes": time(16, 30)})}))
        evening = MORNING.replace(hour=11)  # 18:00 in Bangkok
        with pytest.raises(ServiceClosed) as err:
            db.run(issue, service="TAX", now=evening)
        assert err.value.reason == "hours"
        assert db.run(issue, service="TAX", now=MORNING).ticket.code == "A001"

    def test_priority_class_only_when_the_office_switched_the_lane_on(self, db: Database) -> None:
        cfg = office_config()
        with_office(db, cfg.model_copy(update={"policy": PolicyConfig(priority_lane=False)}))
        with pytest.raises(PriorityNotOffered):
            db.run(issue, service="TAX", priority=Priority.ELDERLY, now=MORNING)

    def test_priority_ticket_is_marked(self, office: Database) -> None:
        result = office.run(issue, service="TAX", priority=Priority.PREGNANT, now=MORNING)
        assert result.ticket.priority == Priority.PREGNANT
