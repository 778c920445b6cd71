"""Printer alerts: each kiosk's state kept in one row, read without searching the log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from khiw.db import Database
from khiw.engine import issue
from khiw.engine.alerts import latest_printer_alert, record_print
from khiw.models import PrinterState
from khiw.reports.audit_days import verify
from tests.fixtures import MORNING, record_statements

MINUTE = timedelta(minutes=1)


class TestPrinterState:
    def test_the_newest_kiosk_report_decides_and_each_kiosk_keeps_one_row(self, office: Database) -> None:
        slip = office.run(issue, service="TAX", now=MORNING)
        office.run(record_print, ticket=slip.ticket.id, kiosk="kiosk-1", problem="paper_out", now=MORNING)
        office.run(record_print, ticket=None, kiosk="kiosk-2", problem="offline", now=MORNING + MINUTE)
        alert = office.query(latest_printer_alert)
        assert alert is not None and (alert.kiosk, alert.problem) == ("kiosk-2", "offline")
        office.run(record_print, ticket=None, kiosk="kiosk-2", problem=None, now=MORNING + 2 * MINUTE)
        assert office.query(latest_printer_alert) is None  # the newest report is a success
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem="cover_open", now=MORNING + 3 * MINUTE)
        alert = office.query(latest_printer_alert)
        assert alert is not None and (alert.kiosk, alert.problem, alert.ticket_code) == ("kiosk-1", "cover_open", None)
        with office.read() as s:
            rows = {r.kiosk: r.problem for r in s.execute(select(PrinterState)).scalars()}
        assert rows == {"kiosk-1": "cover_open", "kiosk-2": None}

    def test_the_alert_names_the_ticket_that_failed(self, office: Database) -> None:
        slip = office.run(issue, service="TAX", now=MORNING)
        office.run(record_print, ticket=slip.ticket.id, kiosk="kiosk-1", problem="paper_out", now=MORNING)
        alert = office.query(latest_printer_alert)
        assert alert is not None and alert.ticket_code == slip.ticket.code

    def test_reading_the_alert_never_touches_the_event_log(self, office: Database) -> None:
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out", now=MORNING)
        found = []
        statements = [sql for sql, _ in record_statements(office, lambda: found.append(office.query(latest_printer_alert)))]
        assert found[0] is not None
        assert not [s for s in statements if "events" in s], statements

    def test_the_audit_replays_the_printer_rows(self, office: Database) -> None:
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem="paper_out", now=MORNING)
        office.run(record_print, ticket=None, kiosk="kiosk-1", problem=None, now=MORNING + MINUTE)
        assert office.query(verify).ok
        with office.engine.begin() as conn:  # an alert hidden without an event
            conn.execute(text("UPDATE printer_states SET problem = 'paper_out'"))
        result = office.query(verify)
        assert not result.ok and result.first_bad_row == "printer of kiosk 'kiosk-1'"
        assert "problem is 'paper_out' but the log" in (result.problem or "")
        with office.engine.begin() as conn:  # the row removed: the log still names the kiosk
            conn.execute(text("DELETE FROM printer_states"))
        result = office.query(verify)
        assert not result.ok and "no printer_states row" in (result.problem or "")

