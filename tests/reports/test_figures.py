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
from khiw.models import SurveyResponse
from khiw.reports.data import Report, build_report
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
        return office.run(build_report, period="2026-11-20", now=scenario.at(600))
    finally:
        office.dispose()


def row(rows: list[dict[str, Any]], key: str, value: Any) -> dict[str, Any]:
    return next(r for r in rows if r[key] == value)


class TestCounts:
    def test_every_ticket_ends_in_exactly_one_outcome(self, report: Report) -> None:
        t = report.figures["totals"]
        assert (t["issued"], t["served"], t["no_show"], t["transferred"], t["cancelled"], t["expired"], t["open"]) == (7, 3, 1, 1, 1, 1, 0)
        assert t["called"] == 5

    def test_per_service_counts(self, report: Report) -> None:
        tax, reg = row(report.figures["by_service"], "service", "TAX"), row(report.figures["by_service"], "service", "REG")
        assert (tax["issued"], tax["served"], tax["no_show"], tax["transferred"]) == (3, 1, 1, 1)
        assert (reg["issued"], reg["served"]) == (2, 2)
        assert row(report.figures["by_service"], "service", "WEL")["expired"] == 1
        assert row(report.figures["by_service"], "service", "BLD")["cancelled"] == 1
        assert row(report.figures["by_service"], "service", "INF")["issued"] == 0


class TestTimes:
    def test_wait_is_issue_to_first_call(self, report: Report) -> None:
        # waits: A003 2, B002 7, A002 12, A001 21, B001 31 minutes
        wait = report.figures["totals"]["wait_s"]
        assert wait == {"n": 5, "mean": 876.0, "median": 720.0, "p90": 1620.0, "max": 1860.0}
        assert report.figures["totals"]["wait_within_target"] == pytest.approx(3 / 5)  # target 15 min

    def test_walk_up_and_service_time(self, report: Report) -> None:
        t = report.figures["totals"]
        assert t["walkup_s"] == {"n": 4, "mean": 75.0, "median": 60.0, "p90": 102.0}
        # served: A003 7, B002 12, B001 17 minutes; standards TAX 10, REG 15
        assert t["service_s"] == {"n": 3, "mean": 720.0, "median": 720.0, "p90": 960.0}
        assert t["standard_met"] == pytest.approx(2 / 3)

    def test_per_service_times(self, report: Report) -> None:
        tax, reg = row(report.figures["by_service"], "service", "TAX"), row(report.figures["by_service"], "service", "REG")
        assert tax["wait_s"] == {"n": 3, "mean": 700.0, "median": 720.0, "p90": 1152.0, "max": 1260.0}
        assert reg["wait_s"] == {"n": 2, "mean": 1140.0, "median": 1140.0, "p90": 1716.0, "max": 1860.0}
        assert reg["service_s"] == {"n": 2, "mean": 870.0, "median": 870.0, "p90": 990.0}
        assert (tax["standard_met"], reg["standard_met"]) == (1.0, 0.5)


class TestCounters:
    def test_signed_in_open_paused_and_utilisation(self, report: Report) -> None:
        c1, c2 = row(report.figures["by_counter"], "counter", 1), row(report.figures["by_counter"], "counter", 2)
        assert c1["signed_in_h"] == pytest.approx(59 / 60, abs=1e-4)
        assert c1["open_h"] == pytest.approx(39 / 60, abs=1e-4)
        assert c1["paused_h"] == {"lunch": pytest.approx(20 / 60, abs=1e-4), "meeting": 0.0, "other": 0.0}
        # serving: A003 7 + A002 6 (until transferred) = 13 min; B002 12 + B001 17 = 29 min
        assert c1["utilisation"] == pytest.approx(13 / 59, abs=1e-5)
        assert c2["utilisation"] == pytest.approx(29 / 35, abs=1e-5)
        assert c1["served_per_open_hour"] == pytest.approx(1 / (39 / 60), abs=1e-5)
        assert c2["served_per_open_hour"] == pytest.approx(2 / (35 / 60), abs=1e-5)
        t = report.figures["totals"]
        assert t["utilisation"] == pytest.approx(42 / 94, abs=1e-5)
        assert t["served_per_open_hour"] == pytest.approx(3 / (74 / 60), abs=1e-5)

    def test_staff_rows_follow_who_called(self, report: Report) -> None:
        somchai, malee = row(report.figures["by_staff"], "staff", "somchai"), row(report.figures["by_staff"], "staff", "malee")
        assert (somchai["called"], somchai["served"], somchai["no_show"], somchai["transferred"]) == (3, 1, 1, 1)
        assert (malee["called"], malee["served"]) == (2, 2)
        assert somchai["signed_in_h"] == pytest.approx(59 / 60, abs=1e-4)

    def test_hours_split_counter_time_at_the_hour(self, report: Report) -> None:
        nine, ten = row(report.figures["by_hour"], "hour", 9), row(report.figures["by_hour"], "hour", 10)
        assert nine["issued"] == 7 and ten["issued"] == 0
        assert nine["signed_in_h"] == pytest.approx(91 / 60, abs=1e-4)  # c1 09:03-10:00, c2 09:26-10:00
        assert ten["signed_in_h"] == pytest.approx(3 / 60, abs=1e-4)
        assert (nine["finished_here"], ten["finished_here"]) == (2, 1)  # B001 finished at 10:00
        assert ten["served_per_open_hour"] == pytest.approx(20.0)

    def test_weekday_is_friday(self, report: Report) -> None:
        assert [r["weekday"] for r in report.figures["by_weekday"]] == [4]


class TestFairness:
    def test_overtakes_justified_and_unjustified(self, report: Report) -> None:
        o = report.figures["fairness"]["overtakes"]
        assert (o["calls"], o["overtaking_calls"], o["overtaken"], o["justified"], o["unjustified"], o["out_of_order_calls"]) == (5, 3, 4, 3, 1, 1)
        [call] = o["out_of_order"]
        assert (call["ticket"], call["counter"], call["staff"], call["overtook"], call["unjustified"], call["reason"]) == ("A002", 1, "somchai", 1, 1, "นัดหมาย")

    def test_overtakes_are_attributed_to_counter_and_staff(self, report: Report) -> None:
        c1, c2 = row(report.figures["by_counter"], "counter", 1), row(report.figures["by_counter"], "counter", 2)
        assert (c1["overtaken"], c1["justified"], c1["unjustified"]) == (3, 2, 1)
        assert (c2["overtaken"], c2["justified"], c2["unjustified"]) == (1, 1, 0)  # the transfer
        assert row(report.figures["by_staff"], "staff", "malee")["justified"] == 1

    def test_priority_class_against_normal(self, report: Report) -> None:
        classes = {c["priority"]: c for c in report.figures["fairness"]["priority_waits"]}
        assert (classes["none"]["n"], classes["none"]["mean"], classes["none"]["p90"]) == (4, 1065.0, 1680.0)
        assert (classes["elderly"]["mean"], classes["elderly"]["mean_minus_normal_s"]) == (120.0, -945.0)

    def test_raqfm_discrimination_by_hand(self, report: Report) -> None:
        # TAX pool: A001 due 7/3 + 6/2 = 16/3 min, got 0 → -320 s; A002 due 16/3, got 6 → +40 s;
        # A003 due 7/3, got 7 → +280 s. REG: B001 due 6 + 17, got 17 → -360 s; B002 +360 s.
        raqfm = report.figures["fairness"]["raqfm"]
        tax, reg = row(raqfm["pools"], "service", "TAX"), row(raqfm["pools"], "service", "REG")
        assert tax["mean_d_s"] == {"none": pytest.approx(-140.0), "elderly": pytest.approx(280.0)}
        assert tax["var_d_s2"] == pytest.approx(182400 / 3, abs=0.01)
        assert reg["mean_d_s"] == {"none": pytest.approx(0.0)} and reg["var_d_s2"] == pytest.approx(129600.0)
        assert all(p["sum_d_s"] == pytest.approx(0.0, abs=1e-6) for p in raqfm["pools"])
        # C001 (expired) and D001 (cancelled) were alone in their pools: D = 0.
        assert raqfm["mean_d_s"]["none"] == pytest.approx(-280 / 6, abs=1e-3)
        assert raqfm["var_d_s2"] == pytest.approx(441600 / 7, abs=1e-2)

    def test_jain_and_gini(self, report: Report) -> None:
        fairness = report.figures["fairness"]
        assert fairness["jain_service_mean_wait"] == pytest.approx(1840**2 / (2 * (700**2 + 1140**2)), abs=1e-6)
        assert fairness["gini_wait"] == pytest.approx(17280 / (2 * 25 * 876), abs=1e-6)


class TestSatisfaction:
    def test_responses_rate_mean_and_distribution(self, report: Report) -> None:
        s = report.figures["satisfaction"]
        assert s["totals"] == {"responses": 2, "rate": pytest.approx(2 / 3, abs=1e-6), "mean": 4.5, "distribution": [0, 0, 0, 1, 1]}
        assert row(s["by_service"], "service", "TAX")["mean"] == 5.0
        assert row(s["by_counter"], "counter", 2)["distribution"] == [0, 0, 0, 1, 0]
        assert row(s["by_staff"], "staff", "prasert")["responses"] == 0


class TestCharts:
    def test_series(self, report: Report) -> None:
        charts = report.figures["charts"]
        assert charts["arrivals_by_hour"][9] == 7 and sum(charts["arrivals_by_hour"]) == 7
        assert [b["tickets"] for b in charts["wait_histogram"]] == [1, 1, 1, 0, 1, 1, 0, 0]
        assert row(charts["compliance_by_service"], "service", "REG")["standard_met"] == 0.5
