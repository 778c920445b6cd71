"""Which day, month and fiscal year a ticket and a counter's time belong to, and the day cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from khiw.db import Database
from khiw.engine import (
    call_next,
    close_counter,
    finish,
    issue,
    open_counter,
    start,
)
from khiw.models import report_days
from khiw.reports.closing import close_day_and_cache
from khiw.reports.data import make_report
from tests.reports.scenario import staff

MINUTE = timedelta(minutes=1)


def bangkok(*args: int) -> datetime:
    """A Bangkok wall-clock time as an aware UTC instant (UTC+7, no daylight saving)."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=7)


def _serve(db: Database, actor: int, issued: datetime, called: datetime, started: datetime, finished: datetime) -> None:
    db.run(issue, service="TAX", now=issued)
    ticket = db.run(call_next, counter=1, actor=actor, now=called).ticket.id
    db.run(start, ticket=ticket, actor=actor, now=started)
    db.run(finish, ticket=ticket, actor=actor, now=finished)


class TestMidnight:
    def test_a_visit_belongs_to_the_day_its_ticket_was_issued(self, office: Database) -> None:
        somchai = staff(office, "somchai")
        office.run(open_counter, counter=1, actor=somchai, now=bangkok(2026, 11, 20, 23, 45))
        _serve(office, somchai, bangkok(2026, 11, 20, 23, 50), bangkok(2026, 11, 20, 23, 55), bangkok(2026, 11, 20, 23, 58), bangkok(2026, 11, 21, 0, 5))
        office.run(close_counter, counter=1, actor=somchai, now=bangkok(2026, 11, 21, 0, 10))
        friday = make_report(office, period="2026-11-20", now=bangkok(2026, 11, 22, 12, 0)).figures
        saturday = make_report(office, period="2026-11-21", now=bangkok(2026, 11, 22, 12, 0)).figures
        assert friday.totals.served == 1 and saturday.totals.issued == 0
        assert friday.totals.service_s.median == 7 * 60
        # The counter's time is cut at midnight: 15 minutes on Friday, 10 on Saturday.
        assert friday.totals.signed_in_h == pytest.approx(15 / 60, abs=1e-4)
        assert saturday.totals.signed_in_h == pytest.approx(10 / 60, abs=1e-4)
        # Serving 23:58-00:05: like the counter's time, Friday counts it until midnight.
        hours = {r.hour: r for r in friday.by_hour}
        assert hours[23].serving_h == pytest.approx(2 / 60, abs=1e-4)
        assert friday.totals.utilisation == pytest.approx(2 / 15, abs=1e-5)
        both = make_report(office, period="2026-11-20..2026-11-21", now=bangkok(2026, 11, 22, 12, 0)).figures
        assert both.totals.signed_in_h == pytest.approx(25 / 60, abs=1e-4)


class TestMonthAndFiscalYear:
    @pytest.fixture
    def office(self, office: Database) -> Database:
        """One ticket on the last evening of fiscal year 2569, one on the first morning of 2570."""
        somchai = staff(office, "somchai")
        last = bangkok(2026, 9, 30, 23, 0)
        _serve(office, somchai, last, last + MINUTE, last + 2 * MINUTE, last + 5 * MINUTE)
        office.run(close_counter, counter=1, actor=somchai, now=last + 10 * MINUTE)
        first = bangkok(2026, 10, 1, 8, 30)
        _serve(office, somchai, first, first + 4 * MINUTE, first + 5 * MINUTE, first + 15 * MINUTE)
        return office

    def test_tickets_fall_in_the_right_periods(self, office: Database) -> None:
        expected = {
            "2569": 1, "2569-H2": 1, "2569-09": 1, "2026-09": 1, "2569-08": 0,
            "2570": 1, "2570-H1": 1, "2569-10": 1, "2570-H2": 0, "2026-09-30..2026-10-01": 2,
        }
        issued = {p: make_report(office, period=p, now=bangkok(2026, 10, 2, 12, 0)).figures.totals.issued for p in expected}
        assert issued == expected

    def test_each_side_keeps_its_own_figures(self, office: Database) -> None:
        old = make_report(office, period="2569", now=bangkok(2026, 10, 2, 12, 0)).figures.totals
        new = make_report(office, period="2570", now=bangkok(2026, 10, 2, 12, 0)).figures.totals
        assert (old.wait_s.median, old.service_s.median) == (60.0, 180.0)
        assert (new.wait_s.median, new.service_s.median) == (240.0, 600.0)


class TestDayCache:
    def test_a_later_event_about_an_earlier_day_rebuilds_that_day(self, office: Database) -> None:
        office.run(issue, service="TAX", now=bangkok(2026, 11, 20, 9, 0))
        before = make_report(office, period="2026-11-20", now=bangkok(2026, 11, 21, 8, 0)).figures.totals
        assert (before.open, before.expired) == (1, 0)
        # The next morning the supervisor closes the forgotten day: the ticket expires.
        office.run(close_day_and_cache, actor=staff(office, "wanida"), now=bangkok(2026, 11, 21, 8, 5))
        after = make_report(office, period="2026-11-20", now=bangkok(2026, 11, 21, 9, 0)).figures.totals
        assert (after.open, after.expired) == (0, 1)

    def test_a_report_reads_the_cache_it_built(self, office: Database) -> None:
        office.run(issue, service="TAX", now=bangkok(2026, 11, 20, 9, 0))
        make_report(office, period="2026-11", now=bangkok(2026, 12, 1, 9, 0))
        with office.read() as session:
            days = session.execute(report_days.select()).all()
        assert len(days) == 30 + 31  # November, and October that the summary compares against
        assert make_report(office, period="2026-11", now=bangkok(2026, 12, 1, 9, 0)).figures.totals.issued == 1

    def test_closing_a_day_caches_its_facts_and_brings_earlier_days_up_to_date(self, office: Database) -> None:
        boss = staff(office, "wanida")
        office.run(issue, service="TAX", now=bangkok(2026, 11, 19, 9, 0))
        office.run(close_day_and_cache, actor=boss, now=bangkok(2026, 11, 19, 17, 0))
        office.run(issue, service="REG", now=bangkok(2026, 11, 20, 9, 0))
        office.run(close_day_and_cache, actor=boss, now=bangkok(2026, 11, 20, 17, 0))
        with office.read() as session:
            rows = {r.day.isoformat(): r.watermark for r in session.execute(report_days.select()).all()}
            head = session.execute(report_days.select().with_only_columns(report_days.c.watermark).limit(1)).scalar()
        # Both closed days are cached, both current as of the second close.
        assert set(rows) == {"2026-11-19", "2026-11-20"}
        assert len(set(rows.values())) == 1 and head == max(rows.values())
        figures = make_report(office, period="2026-11-19..2026-11-20", now=bangkok(2026, 11, 21, 8, 0)).figures.totals
        assert (figures.issued, figures.expired) == (2, 2)
