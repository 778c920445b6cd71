"""Quiet hours: ranges in local time, across midnight too, and refused when malformed."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from khiw.config import parse_config
from khiw.errors import ConfigError
from khiw.speech.quiet import is_quiet, parse_range, quiet_clock
from tests.fixtures import EXAMPLE


class TestQuietHours:
    def test_lunch_hour_start_inside_end_outside(self) -> None:
        lunch = [parse_range("12:00-13:00")]
        assert [is_quiet(lunch, time(h, m)) for h, m in ((11, 59), (12, 0), (12, 59), (13, 0))] == [False, True, True, False]

    def test_a_range_past_midnight(self) -> None:
        night = [parse_range("22:00-06:00")]
        assert is_quiet(night, time(23, 0)) and is_quiet(night, time(5, 59)) and not is_quiet(night, time(6, 0))

    def test_the_announcer_check_reads_the_clock_and_none_without_ranges(self) -> None:
        assert quiet_clock([]) is None
        check = quiet_clock(["12:00-13:00"], clock=lambda: datetime(2026, 11, 30, 12, 30))
        assert check is not None and check()

    def test_a_malformed_range_is_refused_with_its_key(self) -> None:
        text = EXAMPLE.read_text(encoding="utf-8").replace("quiet_hours = []", 'quiet_hours = ["12:00-25:00"]')
        with pytest.raises(ConfigError, match="display.quiet_hours"):
            parse_config(text)
