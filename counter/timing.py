"""The running service timer against the service's published standard time.

Staff see at a glance when a service runs long: the timer is normal below the standard
time, amber from 100 % of it and red from 150 %. Red is deliberately not at 100 %: running a
little over is common and should not alarm; half as long again is worth a supervisor's look.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

AMBER_AT = 1.0
RED_AT = 1.5


class Pace(StrEnum):
    """How a running service compares with its standard time."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"


def pace(elapsed_seconds: float, standard_minutes: int) -> Pace:
    """``AMBER`` from 100 % of the standard time, ``RED`` from 150 %."""
    standard = max(standard_minutes, 1) * 60
    if elapsed_seconds >= standard * RED_AT:
        return Pace.RED
    if elapsed_seconds >= standard * AMBER_AT:
        return Pace.AMBER
    return Pace.NORMAL


def elapsed(since: datetime, now: datetime) -> float:
    """Seconds from ``since`` to ``now`` (never negative, whatever the PC clocks say)."""
    return max((now - since).total_seconds(), 0.0)


def clock_text(seconds: float) -> str:
    """``m:ss`` below an hour, ``h:mm:ss`` from an hour."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
