"""Report periods: fiscal years and halves in the Buddhist era, months, days, and their bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from khiw.reports.periods import PeriodError, fiscal_year, parse_period


class TestParsePeriod:
    def test_buddhist_fiscal_year_runs_october_to_september(self) -> None:
        p = parse_period("2569")
        assert (p.first, p.last, p.code) == (date(2025, 10, 1), date(2026, 9, 30), "2569")
        assert p.label_th == "ปีงบประมาณ พ.ศ. 2569"

    def test_christian_fiscal_year_is_named_by_the_year_it_ends(self) -> None:
        assert parse_period("2026") == parse_period("2569")

    def test_halves(self) -> None:
        h1, h2 = parse_period("2569-H1"), parse_period("2569-h2")
        assert (h1.first, h1.last) == (date(2025, 10, 1), date(2026, 3, 31))
        assert (h2.first, h2.last) == (date(2026, 4, 1), date(2026, 9, 30))
        assert h1.label_th == "รอบ ๖ เดือนแรก ปีงบประมาณ พ.ศ. 2569"
        assert parse_period("2026-H2") == h2

    def test_month_in_either_era_ends_on_its_last_day(self) -> None:
        assert parse_period("2569-02") == parse_period("2026-2")
        p = parse_period("2569-02")
        assert (p.first, p.last, p.label_th) == (date(2026, 2, 1), date(2026, 2, 28), "เดือนกุมภาพันธ์ พ.ศ. 2569")
        assert parse_period("2567-02").last == date(2024, 2, 29)

    def test_day_ranges(self) -> None:
        p = parse_period("2026-11-01..2026-11-30")
        assert (p.first, p.last, p.days) == (date(2026, 11, 1), date(2026, 11, 30), 30)
        assert p.range_th == "1 พฤศจิกายน 2569 – 30 พฤศจิกายน 2569"
        assert parse_period("2569-11-01..2569-11-30") == p
        assert parse_period("2026-11-20").days == 1

    @pytest.mark.parametrize("text", ["", "25", "2569-H3", "2569-13", "2026-11-31", "2026-11-30..2026-11-01", "last year"])
    def test_nonsense_is_refused_with_the_accepted_forms(self, text: str) -> None:
        with pytest.raises(PeriodError):
            parse_period(text)

    def test_bounds_are_local_midnights_in_utc(self) -> None:
        start, end = parse_period("2569").bounds("Asia/Bangkok")
        assert start == datetime(2025, 9, 30, 17, 0, tzinfo=UTC)
        assert end == datetime(2026, 9, 30, 17, 0, tzinfo=UTC)


def test_fiscal_year_of_a_day() -> None:
    assert fiscal_year(date(2026, 9, 30)) == 2569
    assert fiscal_year(date(2026, 10, 1)) == 2570
