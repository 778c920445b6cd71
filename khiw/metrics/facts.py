"""The facts every measure is computed from, as numpy record arrays.

The facts are a lossless summary of the event log for reporting: one row per ticket (when it
was issued, first and last called, started, finished, how it ended, by which counter and
staff member), one row per counter event (open, pause with its reason, resume, close) and one
row per call that overtook somebody. Times are integer milliseconds since the Unix epoch
(UTC); ``MISSING`` (-1) marks a step that did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from khiw.models.enums import PauseReason, Priority

MISSING = -1

TICKET = np.dtype(
    [
        ("ticket", "i8"),
        ("number", "i4"),
        ("service", "i4"),
        ("priority", "i1"),
        ("transfer", "i1"),
        ("outcome", "i1"),
        ("day", "i4"),  # index into Facts.days (the local day the ticket was issued)
        ("issued", "i8"),
        ("first_call", "i8"),
        ("last_call", "i8"),
        ("start", "i8"),
        ("finish", "i8"),
        ("end", "i8"),
        ("counter", "i4"),
        ("staff", "i4"),
        ("calls", "i2"),
        ("recalls", "i2"),
        ("overtook", "i4"),
        ("unjustified", "i4"),
    ]
)

COUNTER_EVENT = np.dtype(
    [
        ("event", "i8"),
        ("at", "i8"),
        ("day", "i4"),
        ("counter", "i4"),
        ("staff", "i4"),
        ("kind", "i1"),
        ("reason", "i1"),
    ]
)

CALL = np.dtype(
    [
        ("event", "i8"),
        ("ticket", "i8"),
        ("at", "i8"),
        ("service", "i4"),
        ("counter", "i4"),
        ("staff", "i4"),
        ("priority", "i1"),
        ("out_of_order", "i1"),
        ("overtook", "i4"),
        ("unjustified", "i4"),
    ]
)


class Outcome(IntEnum):
    """How a ticket's visit ended (its last ending event); ``OPEN`` if it has not ended."""

    OPEN = 0
    SERVED = 1
    NO_SHOW = 2
    TRANSFERRED = 3
    CANCELLED = 4
    EXPIRED = 5


class CounterKind(IntEnum):
    """Counter events in the facts."""

    OPENED = 1
    PAUSED = 2
    RESUMED = 3
    CLOSED = 4


# Codes in the facts are positions in the declared enums (append new members, never reorder).
PAUSE_REASONS = tuple(r.value for r in PauseReason)
PRIORITIES = tuple(p.value for p in Priority)


@dataclass
class Facts:
    """Facts of one office for a run of local days.

    ``days`` holds, per local day, the day's ordinal (``date.toordinal()``) and the UTC
    instant (ms) of its local midnight, so local hour and weekday need no time-zone work.
    ``reasons`` maps a CALL row's event id to the reason given for an out-of-order call.
    """

    tickets: np.ndarray = field(default_factory=lambda: np.zeros(0, TICKET))
    counter_events: np.ndarray = field(default_factory=lambda: np.zeros(0, COUNTER_EVENT))
    calls: np.ndarray = field(default_factory=lambda: np.zeros(0, CALL))
    day_ordinals: np.ndarray = field(default_factory=lambda: np.zeros(0, "i8"))
    day_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, "i8"))
    reasons: dict[int, str] = field(default_factory=dict)

    def weekday(self, day: np.ndarray) -> np.ndarray:
        """Monday = 0 … Sunday = 6 of each day index (ordinal 1 = Monday 1 Jan of year 1)."""
        return (self.day_ordinals[day] - 1) % 7
