"""Every figure of the hand-built day (tests/reports/scenario.py), worked out by hand.

The day is written once per module and database (it is only read afterwards); like the
``office`` fixture it runs on SQLite and on PostgreSQL, so the same expected numbers prove
both databases give the same report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from khiw.engine import lookup
from khiw.metrics.figures import Durations
from khiw.models import SurveyResponse
from khiw.reports.data import Report, make_report
from tests.fixtures import MORNING, new_database, pg_problem, pg_schema_url, with_office
from tests.reports import scenario

MIN = 60.0


@pytest.fixture(scope="module", params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    if request.param == "sqlite":
        yield _report(f"sqlite:///{tmp_path_factory.mktemp('figures') / 'khiw.db'}")
        return
    if pg_problem():
        pytest.skip(pg_problem())
    with pg_schema_url() as url:
        yield _report(url)


def _report(url: str) -> Report:
    office = with_office(new_database(url))
    scenario.build(office)

    def answer(session: Any) -> None:
        where = lookup.office(session)
        for code, score in (("A003", 5), ("B002", 4)):
            ticket = lookup.ticket(session, where, code, MORNING)
            session.add(SurveyResponse(ticket_id=ticket.id, answered_at=scenario.at(65), score=score, comment=""))

    office.run(answer)
    try:
        return make_report(office, period="2026-11-20", now=scenario.at(600))
    finally:
        office.dispose()


def row(rows: Any, key: str, value: Any) -> Any:
    return next(r for r in rows if getattr(r, key) == value)


def durations(n: int, mean: float, median: float, p90: float, longest: float) -> Durations:
    return Durations(n=n, mean=mean, median=median, p90=p90, max=longest)


# Waits in minutes, issue to first call, or to leaving for the two never called:
# A003 2, B002 7, A002 12, A001 21, B001 31; C001 40 (expired), D001 1 (cancelled).
WAITS_S = [120.0, 420.0, 720.0, 1260.0, 1860.0, 2400.0, 60.0]


class TestCounts:
    def test_every_ticket_ends_in_exactly_one_outcome(self, report: Report) -> None:
        t = report.figures.totals
        assert (t.issued, t.served, t.no_show, t.transferred, t.cancelled, t.expired, t.open) == (7, 3, 1, 1, 1, 1, 0)
        assert (t.called, t.never_called) == (5, 2)

    def test_a_transfer_is_one_visit(self, report: Report) -> None:
        # A002 went on to REG as B002: seven tickets, six citizens.
        assert (report.figures.totals.issued, report.figures.totals.visits) == (7, 6)
        reg = row(report.figures.by_service, "service", "REG")
        assert (reg.issued, reg.visits) == (2, 1)

    def test_per_service_counts(self, report: Report) -> None:
        tax, reg = row(report.figures.by_service, "service", "TAX"), row(report.figures.by_service, "service", "REG")
        assert (tax.issued, tax.served, tax.no_show, tax.transferred) == (3, 1, 1, 1)
        assert (reg.issued, reg.served) == (2, 2)
        assert row(report.figures.by_service, "service", "WEL").expired == 1
        assert row(report.figures.by_service, "service", "BLD").cancelled == 1
        assert row(report.figures.by_service, "service", "INF").issued == 0


class TestTimes:
    def test_never_called_tickets_wait_until_they_left(self, report: Report) -> None:
        # sorted 60 120 420 720 1260 1860 2400: p90 at rank 5.4 = 1860 + 0.4 * 540
        assert report.figures.totals.wait_s == durations(7, round(6840 / 7, 3), 720.0, 2076.0, 2400.0)
        assert report.figures.totals.wait_within_target == pytest.approx(4 / 7)  # target 15 min
        wel = row(report.figures.by_service, "service", "WEL")
        assert wel.wait_s == durations(1, 2400.0, 2400.0, 2400.0, 2400.0)

    def test_walk_up_and_service_time(self, report: Report) -> None:
        t = report.figures.totals
        assert t.walkup_s == durations(4, 75.0, 60.0, 102.0, 120.0)
        assert t.service_s == durations(3, 720.0, 720.0, 960.0, 1020.0)

    def test_a_never_called_ticket_that_waited_past_the_standard_misses_it(self, report: Report) -> None:
        # served: A003 7 ≤ 10 (TAX), B002 12 ≤ 15 (REG), B001 17 > 15; C001 waited 40 > 10 (WEL)
        # and missed it; D001 left after 1 minute, within BLD's 30: not a miss.
        t = report.figures.totals
        assert (t.standard_met_n, t.standard_missed_waiting, t.standard_met) == (2, 1, 0.5)
        assert row(report.figures.by_service, "service", "WEL").standard_met == 0.0
        assert row(report.figures.by_service, "service", "BLD").standard_met is None

    def test_per_service_times(self, report: Report) -> None:
        tax, reg = row(report.figures.by_service, "service", "TAX"), row(report.figures.by_service, "service", "REG")
        assert tax.wait_s == durations(3, 700.0, 720.0, 1152.0, 1260.0)
        assert reg.wait_s == durations(2, 1140.0, 1140.0, 1716.0, 1860.0)
        assert reg.service_s == durations(2, 870.0, 870.0, 990.0, 1020.0)
        assert (tax.standard_met, reg.standard_met) == (1.0, 0.5)


class TestCounters:
    def test_signed_in_open_paused_and_utilisation(self, report: Report) -> None:
        c1, c2 = row(report.figures.by_counter, "counter", 1), row(report.figures.by_counter, "counter", 2)
        assert c1.signed_in_h == pytest.approx(59 / 60, abs=1e-4)
        assert c1.open_h == pytest.approx(39 / 60, abs=1e-4)
        assert (c1.paused_h.lunch, c1.paused_h.meeting, c1.paused_h.other) == (pytest.approx(20 / 60, abs=1e-4), 0.0, 0.0)
        # serving: A003 7 + A002 6 (until transferred) = 13 min; B002 12 + B001 17 = 29 min
        assert c1.utilisation == pytest.approx(13 / 59, abs=1e-5)
        assert c2.utilisation == pytest.approx(29 / 35, abs=1e-5)
        assert c1.served_per_open_hour == pytest.approx(1 / (39 / 60), abs=1e-5)
        assert c2.served_per_open_hour == pytest.approx(2 / (35 / 60), abs=1e-5)
        t = report.figures.totals
        assert t.utilisation == pytest.approx(42 / 94, abs=1e-5)
        assert t.served_per_open_hour == pytest.approx(3 / (74 / 60), abs=1e-5)

    def test_staff_rows_follow_who_called(self, report: Report) -> None:
        somchai, malee = row(report.figures.by_staff, "staff", "somchai"), row(report.figures.by_staff, "staff", "malee")
        assert (somchai.called, somchai.served, somchai.no_show, somchai.transferred) == (3, 1, 1, 1)
        assert (malee.called, malee.served) == (2, 2)
        assert somchai.signed_in_h == pytest.approx(59 / 60, abs=1e-4)
        assert somchai.name and somchai.name != "somchai"  # the Thai display name, username beside it

    def test_hours_split_counter_time_at_the_hour(self, report: Report) -> None:
        nine, ten = row(report.figures.by_hour, "hour", 9), row(report.figures.by_hour, "hour", 10)
        assert nine.issued == 7 and ten.issued == 0
        assert nine.signed_in_h == pytest.approx(91 / 60, abs=1e-4)  # c1 09:03-10:00, c2 09:26-10:00
        assert ten.signed_in_h == pytest.approx(3 / 60, abs=1e-4)
        assert (nine.finished_here, ten.finished_here) == (2, 1)  # B001 finished at 10:00
        assert ten.served_per_open_hour == pytest.approx(20.0)

    def test_weekday_is_friday(self, report: Report) -> None:
        assert [r.weekday for r in report.figures.by_weekday] == [4]


class TestFairness:
    def test_overtakes_by_the_rules_and_out_of_order(self, report: Report) -> None:
        # A003 (elderly) is called before A001 and A002 by the priority rule: 2 by rule.
        # A002 is called out of order before A001: 1 out of order. B002, the transfer, queued
        # at 09:01 (its kept arrival), before B001 (09:10): called first, it passes nobody.
        o = report.figures.fairness.overtakes
        assert (o.calls, o.overtaking_calls, o.overtaken) == (5, 2, 3)
        assert (o.by_rule, o.by_rule_calls, o.out_of_order, o.out_of_order_calls) == (2, 1, 1, 1)
        [call] = o.out_of_order_list
        assert (call.ticket, call.counter, call.staff, call.overtook, call.reason) == ("A002", 1, "somchai", 1, "นัดหมาย")
        assert call.service_name_th and call.staff_name and call.counter_name  # names, not codes

    def test_overtakes_are_attributed_to_counter_and_staff(self, report: Report) -> None:
        c1, c2 = row(report.figures.by_counter, "counter", 1), row(report.figures.by_counter, "counter", 2)
        assert (c1.overtaken, c1.by_rule, c1.out_of_order) == (3, 2, 1)
        assert (c2.overtaken, c2.by_rule, c2.out_of_order) == (0, 0, 0)
        assert row(report.figures.by_staff, "staff", "somchai").out_of_order_calls == 1

    def test_priority_class_against_normal(self, report: Report) -> None:
        # normal: A002 12, A001 21, B002 7, B001 31, C001 40, D001 1 minutes; elderly: A003 2.
        classes = {c.priority: c for c in report.figures.fairness.priority_waits}
        assert (classes["none"].n, classes["none"].mean, classes["none"].p90) == (6, 1120.0, 2130.0)
        assert (classes["elderly"].mean, classes["elderly"].mean_minus_normal_s) == (120.0, -1000.0)

    def test_raqfm_discrimination_by_hand(self, report: Report) -> None:
        # TAX pool: A001 due 7/3 + 6/2 = 16/3 min, got 0 → -320 s; A002 due 16/3, got 6 → +40 s;
        # A003 due 7/3, got 7 → +280 s. REG: B001 due 6 + 17, got 17 → -360 s; B002 +360 s.
        raqfm = report.figures.fairness.raqfm
        tax, reg = row(raqfm.pools, "service", "TAX"), row(raqfm.pools, "service", "REG")
        assert tax.mean_d_s == {"none": pytest.approx(-140.0), "elderly": pytest.approx(280.0)}
        assert tax.var_d_s2 == pytest.approx(182400 / 3, abs=0.01)
        assert reg.mean_d_s == {"none": pytest.approx(0.0)} and reg.var_d_s2 == pytest.approx(129600.0)
        assert all(p.sum_d_s == pytest.approx(0.0, abs=1e-6) for p in raqfm.pools)
        # C001 (expired) and D001 (cancelled) were alone in their pools: D = 0.
        assert raqfm.mean_d_s["none"] == pytest.approx(-280 / 6, abs=1e-3)
        assert raqfm.var_d_s2 == pytest.approx(441600 / 7, abs=1e-2)

    def test_jain_is_over_citizens_relative_to_their_standard(self, report: Report) -> None:
        # wait ÷ standard: TAX (10 min) 2/10 12/10 21/10; REG (15) 7/15 31/15; WEL (10) 40/10; BLD (30) 1/30
        x = [0.2, 1.2, 2.1, 7 / 15, 31 / 15, 4.0, 1 / 30]
        assert report.figures.fairness.jain_citizens == pytest.approx(sum(x) ** 2 / (len(x) * sum(v * v for v in x)), abs=1e-6)

    def test_gini_of_every_wait(self, report: Report) -> None:
        pairs = sum(abs(a - b) for a in WAITS_S for b in WAITS_S)
        mean = sum(WAITS_S) / len(WAITS_S)
        assert report.figures.fairness.gini_wait == pytest.approx(pairs / (2 * len(WAITS_S) ** 2 * mean), abs=1e-6)


class TestSatisfaction:
    def test_the_ita_form_from_two_one_score_answers(self, report: Report) -> None:
        # A003 (TAX, counter 1, somchai) answered 5; B002 (REG, counter 2, malee) answered 4;
        # three tickets were served. Answers from before the four dimensions count one item.
        s = report.figures.satisfaction
        assert (s.respondents, s.served, s.response_rate) == (2, 3, pytest.approx(2 / 3))
        assert s.total is not None
        overall = s.total.overall
        # x̄ = 4.5; S.D. = √((0.5² + 0.5²) / 1) = √0.5; 4.50 ≥ 4.21: มากที่สุด
        assert (overall.n, overall.mean, overall.sd, overall.percent) == (2, 4.5, pytest.approx(0.5**0.5), 90.0)
        assert overall.level.name_th == "มากที่สุด"
        assert all(m is None for _dim, m in s.total.dimensions)
        assert [(g.key, g.respondents, g.overall.mean, g.overall.level.name_th) for g in s.by_service] == [("REG", 1, 4.0, "มาก"), ("TAX", 1, 5.0, "มากที่สุด")]
        assert [(g.label, g.overall.mean) for g in s.by_counter] == [("ช่องบริการ 1", 5.0), ("ช่องบริการ 2", 4.0)]
        assert len(s.by_staff) == 2 and s.comments == ()


class TestCharts:
    def test_series(self, report: Report) -> None:
        charts = report.figures.charts
        assert charts.arrivals_by_hour[9] == 7 and sum(charts.arrivals_by_hour) == 7
        # waits 1 2 | 7 | 12 | – | 21 | 31 40 minutes
        assert [b.tickets for b in charts.wait_histogram] == [2, 1, 1, 0, 1, 2, 0, 0]
        assert row(charts.compliance_by_service, "service", "REG").standard_met == 0.5


class TestChainHead:
    def test_the_report_names_the_last_event_it_was_computed_from(self, report: Report) -> None:
        head = report.chain_head
        assert head.events > 30 and len(head.hash) == 64 and head.hash == head.hash.lower()
        assert report.to_json()["chain_head"] == {"events": head.events, "hash": head.hash}
