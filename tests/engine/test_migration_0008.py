"""Migration 0008 places the tickets already waiting, so the phone page reads them right away."""

from __future__ import annotations

from datetime import timedelta

from alembic import command
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import call_next, cancel, issue, no_show, reactivate, transfer
from khiw.migrate import alembic_config
from khiw.models import Priority, QueueCount
from khiw.reports.audit_days import verify
from tests.engine.test_position import lane_places
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


def test_an_office_upgraded_mid_morning_knows_every_waiting_tickets_place(office: Database) -> None:
    for i, lane in enumerate("nnpnpnnp"):
        office.run(issue, service="TAX", priority=Priority.ELDERLY if lane == "p" else Priority.NONE, now=MORNING + i * MINUTE)
    office.run(issue, service="REG", now=MORNING + 2 * MINUTE)
    moved = office.run(call_next, counter=2, now=MORNING + 10 * MINUTE)
    office.run(transfer, ticket=moved.ticket.id, service="TAX", now=MORNING + 10 * MINUTE)  # between the others
    back = office.run(call_next, counter=1, now=MORNING + 10 * MINUTE)
    office.run(no_show, ticket=back.ticket.id, now=MORNING + 10 * MINUTE)
    office.run(reactivate, ticket=back.ticket.id, now=MORNING + 11 * MINUTE)
    office.run(cancel, ticket="A004", reason="left", now=MORNING + 11 * MINUTE)
    config = alembic_config(office)
    command.downgrade(config, "0007")
    command.upgrade(config, "head")
    places = lane_places(office)
    assert len(places) == 8 and all(place == counted for place, counted in places.values()), places
    with office.read() as s:
        assert {r.priority: (r.waiting, r.entered) for r in s.execute(select(QueueCount)).scalars() if r.waiting} == {False: (5, 5), True: (3, 3)}
    # The morning goes on: newcomers take the next places, calls and cancellations leave theirs.
    for i, lane in enumerate("pnn"):
        office.run(issue, service="TAX", priority=Priority.ELDERLY if lane == "p" else Priority.NONE, now=MORNING + (12 + i) * MINUTE)
    office.run(call_next, counter=1, now=MORNING + 15 * MINUTE)
    office.run(cancel, ticket="A009", reason="left", now=MORNING + 15 * MINUTE)
    places = lane_places(office)
    assert len(places) == 9 and all(place == counted for place, counted in places.values()), places
    assert office.query(verify).ok
