"""Migration 0006 fills its two new tables from what a database already holds."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import issue
from khiw.engine.alerts import latest_printer_alert, record_print
from khiw.migrate import alembic_config
from khiw.models import Priority, QueueCount
from khiw.reports.audit_days import verify
from tests.fixtures import MORNING


def test_an_office_upgraded_from_0003_keeps_its_alert_and_its_queue(office: Database) -> None:
    office.run(issue, service="TAX", now=MORNING)
    office.run(issue, service="TAX", priority=Priority.ELDERLY, now=MORNING)
    office.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out", now=MORNING)
    config = alembic_config(office)
    command.downgrade(config, "0003")
    command.upgrade(config, "head")
    alert = office.query(latest_printer_alert)
    assert alert is not None and (alert.kiosk, alert.problem) == ("kiosk-1", "paper_out")
    with office.read() as s:
        assert {r.priority: r.waiting for r in s.execute(select(QueueCount)).scalars()} == {False: 1, True: 1}
    assert office.query(verify).ok
