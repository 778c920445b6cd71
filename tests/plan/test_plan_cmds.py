"""``khiw plan``: the contract of both modes, the what-if options and their errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from khiw.cli.main import main
from khiw.plan import erlang
from tests.plan.conftest import PERIOD


def khiw(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys: pytest.CaptureFixture[str], history: str, *extra: str) -> dict:
    code, out, err = khiw(capsys, "--db", history, "plan", "--period", PERIOD, "--replications", "12", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


class TestStationary:
    def test_prints_the_fewest_counters_and_the_probability_matching_erlang_c(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = khiw(capsys, "plan", "--arrivals-per-hour", "40", "--service-minutes", "6", "--wait-minutes", "2", "--target", "0.9", "--json")
        assert code == 0
        answer = json.loads(out)
        c, p = erlang.fewest(arrivals_per_hour=40, service_minutes=6, wait_minutes=2, target=0.9)
        assert answer["counters"] == c
        assert answer["probability"] == pytest.approx(p, abs=0.02)
        assert answer["range_10_90"][0] <= answer["probability"] <= answer["range_10_90"][1]
        assert answer["erlang_c"] == {"counters": c, "probability": round(p, 4)}

    def test_needs_the_wait_limit(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = khiw(capsys, "plan", "--arrivals-per-hour", "40", "--service-minutes", "6")
        assert code == 2
        assert "--wait-minutes" in err


class TestFromHistory:
    def test_every_open_weekday_and_half_hour_gets_counters_that_meet_the_target(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        plan = plan_json(capsys, history, "--target", "90", "--wait-minutes", "10")
        assert (plan["target"], plan["wait_minutes"], plan["evaluated_staffing"]) == (0.9, 10.0, "period")
        assert [d["weekday"] for d in plan["days"]] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
        for day in plan["days"]:
            assert day["converged"]
            assert day["recommended"]["within_limit"]["value"] >= 0.9
            for slot in day["slots"]:
                if slot["arrivals"] > 0:
                    assert slot["recommended"] >= slot["load_erlangs"]
                    assert slot["within_limit_recommended"]["value"] >= 0.9
                    assert sum(slot["assignments"].values()) == slot["recommended"]
            # The period's own staffing is simulated too, with a range, for comparison.
            evaluated = day["evaluated"]["median_wait_minutes"]
            assert evaluated["p10"] <= evaluated["p90"]
        assert {s["service"] for s in plan["services"]} == {"TAX", "REG", "WEL", "BLD", "CMP", "INF"}

    def test_more_arrivals_need_more_counter_hours(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        base = plan_json(capsys, history)
        busier = plan_json(capsys, history, "--arrivals-scale", "1.3")
        assert busier["scenario"]["arrivals_scale"] == 1.3
        hours = [sum(d["counter_hours_recommended"] for d in p["days"]) for p in (base, busier)]
        assert hours[1] > hours[0]

    def test_counters_per_hour_is_the_staffing_evaluated(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        plan = plan_json(capsys, history, "--counters-per-hour", "6")
        assert plan["evaluated_staffing"] == "scenario"
        assert {s["counters_evaluated"] for d in plan["days"] for s in d["slots"]} == {6}
        period = plan_json(capsys, history)
        assert plan["days"][0]["evaluated"]["p90_wait_minutes"]["value"] < period["days"][0]["evaluated"]["p90_wait_minutes"]["value"]

    def test_a_shorter_standard_time_shortens_the_service(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        base = {s["service"]: s for s in plan_json(capsys, history)["services"]}
        faster = {s["service"]: s for s in plan_json(capsys, history, "--standard", "REG=5")["services"]}
        assert faster["REG"]["standard_minutes"] == 5
        # Service times scale by 5/15; a no-show's counter time (the recalls) does not.
        ratio = faster["REG"]["mean_counter_minutes"] / base["REG"]["mean_counter_minutes"]
        assert 5 / 15 < ratio < 5 / 15 + base["REG"]["no_show_share"]
        assert faster["TAX"] == base["TAX"]

    def test_readable_output_names_weekdays_and_half_hours(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        code, out, _ = khiw(capsys, "--db", history, "plan", "--period", PERIOD, "--replications", "4")
        assert code == 0
        assert "Mon" in out and "10:00" in out and "counter-hours" in out

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--standard", "NOPE=5"], "unknown service NOPE"),
            (["--standard", "REG"], "SERVICE=MINUTES"),
            (["--counters-per-hour", "9=x"], "HOUR=COUNTERS"),
            (["--period", "2026-13"], "month must be in 1..12"),
        ],
    )
    def test_bad_what_ifs_are_one_line_errors(self, capsys: pytest.CaptureFixture[str], history: str, args: list[str], message: str) -> None:
        code, _, err = khiw(capsys, "--db", history, "plan", "--period", PERIOD, "--replications", "4", *args)
        assert code == 2
        assert message in err and err.count("\n") == 1

    def test_a_period_without_tickets_says_so(self, capsys: pytest.CaptureFixture[str], history: str) -> None:
        code, _, err = khiw(capsys, "--db", history, "plan", "--period", "2026-01")
        assert code == 1
        assert "no tickets" in err


class TestStaffingPage:
    def test_the_report_pdf_gains_a_staffing_page_with_the_heat_map(self, capsys: pytest.CaptureFixture[str], history: str, tmp_path: Path) -> None:
        out = tmp_path / "report.pdf"
        code, _, err = khiw(capsys, "--db", history, "plan", "--period", PERIOD, "--replications", "6", "--pdf", str(out))
        assert code == 0, err
        plain = tmp_path / "plain.pdf"
        assert khiw(capsys, "--db", history, "report", "--period", PERIOD, "--out", str(plain))[0] == 0
        pages, without = PdfReader(out).pages, PdfReader(plain).pages
        assert len(pages) == len(without) + 1
        # pypdf leaves a control character where HarfBuzz split SARA AM (ำ); drop them.
        text = re.sub(r"[\x00-\x09\x0b-\x1f\u200b]", "", pages[2].extract_text())
        assert "การวางแผนกำลังคน" in text
        for weekday in ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์"):
            assert weekday in text
        assert "10.00–11.00" in text and "ช่วงเวลาที่มีผู้รับบริการมากที่สุด" in text
        assert not any("ช่วงเวลาที่มีผู้รับบริการมากที่สุด" in p.extract_text() for p in without)
