"""Quiet hours: local time ranges (lunch, a meeting in the hall) when calls are not loud.

A range may run past midnight ("22:00-06:00"). Ranges come from ``[display] quiet_hours``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time


def parse_range(text: str) -> tuple[time, time]:
    """``"12:00-13:00"`` → (12:00, 13:00); the start is inside the range, the end is not."""
    start, end = text.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def is_quiet(ranges: Iterable[tuple[time, time]], now: time) -> bool:
    """Whether ``now`` falls in one of ``ranges``."""
    for start, end in ranges:
        if (start <= now < end) if start <= end else (now >= start or now < end):
            return True
    return False


def quiet_clock(hours: Iterable[str], clock: Callable[[], datetime] = datetime.now) -> Callable[[], bool] | None:
    """A check for the announcer ("is it quiet now?") on the board PC's local clock, or None
    when there are no quiet hours."""
    ranges = [parse_range(h) for h in hours]
    if not ranges:
        return None
    return lambda: is_quiet(ranges, clock().time())
