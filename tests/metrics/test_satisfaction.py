"""The survey section's figures, checked against sums done by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from khiw.metrics.satisfaction import Answer, Level, level, measure, public, satisfaction
from khiw.models import SurveyDimension as D

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def ans(ticket: int, p: int, s: int, f: int, o: int, *, service: str = "TAX", counter: int | None = 1, staff: str | None = "สมชาย", comment: str = "") -> Answer:
    return Answer(ticket, AT, round((p + s + f + o) / 4), {D.PROCESS: p, D.STAFF: s, D.FACILITIES: f, D.OUTCOME: o}, service, service + " th", counter, staff, comment)


class TestLevel:
    @pytest.mark.parametrize(
        ("mean", "expected"),
        [(5.0, Level.HIGHEST), (4.21, Level.HIGHEST), (4.205, Level.HIGHEST), (4.204, Level.HIGH), (3.41, Level.HIGH), (3.4, Level.MODERATE),
         (2.61, Level.MODERATE), (2.6, Level.LOW), (1.81, Level.LOW), (1.8, Level.LOWEST), (1.0, Level.LOWEST)],
    )
    def test_the_five_bands_read_from_the_printed_mean(self, mean: float, expected: Level) -> None:
        assert level(mean) is expected

    def test_thai_names(self) -> None:
        assert [lv.name_th for lv in Level] == ["มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด"]


class TestMeasure:
    def test_mean_sample_sd_and_percent(self) -> None:
        # 5, 4, 4, 3: mean 4; squared deviations 1+0+0+1 = 2; 2 / (4-1) = 0.6667; sd 0.8165
        m = measure([5, 4, 4, 3])
        assert m is not None
        assert (m.n, m.mean, m.percent, m.level) == (4, 4.0, 80.0, Level.HIGH)
        assert m.sd == pytest.approx(0.81650, abs=1e-5)

    def test_one_answer_has_no_spread_and_none_has_no_measure(self) -> None:
        assert measure([3]).sd == 0.0  # type: ignore[union-attr]
        assert measure([]) is None


class TestSatisfaction:
    def test_three_respondents_by_hand(self) -> None:
        answers = [
            ans(1, 5, 5, 4, 5, comment="  "),
            ans(2, 4, 5, 3, 4, service="REG", counter=2, staff="มาลี", comment="ที่จอดรถน้อย"),
            ans(3, 3, 4, 2, 3, counter=None, staff=None),
        ]
        result = satisfaction(answers, served=12)
        assert result.respondents == 3 and result.served == 12 and result.response_rate == 0.25
        total = result.total
        assert total is not None
        dims = dict(total.dimensions)
        # process 5,4,3: mean 4, sd 1 ; staff 5,5,4: mean 4.6667, sd 0.5774 ; facilities 4,3,2: mean 3, sd 1
        assert (dims[D.PROCESS].mean, dims[D.PROCESS].sd) == (4.0, 1.0)  # type: ignore[union-attr]
        assert dims[D.STAFF].mean == pytest.approx(14 / 3) and dims[D.STAFF].sd == pytest.approx(0.57735, abs=1e-5)  # type: ignore[union-attr]
        assert dims[D.STAFF].level is Level.HIGHEST and dims[D.FACILITIES].level is Level.MODERATE  # type: ignore[union-attr]
        # overall pools the 12 item answers: sum 47, mean 3.9167 (มาก), percent 78.33
        assert total.overall.n == 12 and total.overall.mean == pytest.approx(47 / 12)
        assert total.overall.percent == pytest.approx(78.333, abs=1e-3) and total.overall.level is Level.HIGH
        values = [5, 5, 4, 5, 4, 5, 3, 4, 3, 4, 2, 3]
        mean = 47 / 12
        assert total.overall.sd == pytest.approx((sum((v - mean) ** 2 for v in values) / 11) ** 0.5)
        assert [(g.key, g.respondents) for g in result.by_service] == [("REG", 1), ("TAX", 2)]
        assert [(g.label, g.respondents) for g in result.by_counter] == [("ช่องบริการ 1", 1), ("ช่องบริการ 2", 1)]
        assert [(g.key, g.overall.mean) for g in result.by_staff] == [("มาลี", 4.0), ("สมชาย", 4.75)]
        assert [c.text for c in result.comments] == ["ที่จอดรถน้อย"]

    def test_an_answer_from_before_the_dimensions_counts_its_score_once(self) -> None:
        old = Answer(9, AT, 2, None, "TAX", "ภาษี", 1, None)
        result = satisfaction([old, ans(1, 4, 4, 4, 4)], served=2)
        assert result.total is not None
        assert result.total.overall.n == 5 and result.total.overall.mean == pytest.approx(18 / 5)
        assert dict(result.total.dimensions)[D.PROCESS].n == 1  # type: ignore[union-attr]

    def test_no_answers(self) -> None:
        result = satisfaction([], served=0)
        assert (result.total, result.response_rate, result.by_service) == (None, None, ())


class TestPublic:
    def test_small_groups_staff_and_comments_are_hidden(self) -> None:
        answers = [ans(i, 5, 5, 5, 5, comment="ดีมาก") for i in range(5)] + [ans(9, 1, 1, 1, 1, service="REG")]
        shown = public(satisfaction(answers, served=10))
        assert shown.total is not None and shown.total.respondents == 6
        assert [g.key for g in shown.by_service] == ["TAX"]
        assert shown.by_staff == () and shown.comments == ()

    def test_a_total_under_five_is_hidden(self) -> None:
        assert public(satisfaction([ans(i, 5, 5, 5, 5) for i in range(4)], served=4)).total is None
