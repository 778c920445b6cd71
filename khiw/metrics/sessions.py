"""Counter sessions: signed-in, open and paused intervals rebuilt from counter events.

After an ``opened`` or ``resumed`` event a counter is open, after ``paused`` it is paused
(with the pause's reason), after ``closed`` it is signed out. A counter whose first event in
the period is not ``opened`` was already signed in when the period began: it counts from the
period's start (paused before a ``resumed``, open otherwise). A counter still signed in at
the end counts until the period's end or now, whichever is earlier.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from khiw.metrics.facts import PAUSE_REASONS, CounterKind

OPEN, PAUSED = 1, 2
OTHER = PAUSE_REASONS.index("other")


@dataclass(frozen=True)
class Intervals:
    """Parallel arrays, one row per interval of being signed in (open or paused)."""

    counter: np.ndarray
    staff: np.ndarray
    state: np.ndarray
    reason: np.ndarray
    start: np.ndarray
    end: np.ndarray
    day: np.ndarray

    @property
    def length(self) -> np.ndarray:
        return self.end - self.start


def intervals(events: np.ndarray, period_start: int, horizon: int) -> Intervals:
    """The signed-in intervals of every counter, clipped to [period_start, horizon)."""
    order = np.lexsort((events["event"], events["counter"]))
    ev = events[order]
    n = ev.size
    same_next = np.zeros(n, dtype=bool)
    if n > 1:
        same_next[:-1] = ev["counter"][1:] == ev["counter"][:-1]
    next_at = np.full(n, horizon, dtype=np.int64)
    next_at[:-1] = np.where(same_next[:-1], ev["at"][1:], horizon)
    kind = ev["kind"]
    state = np.where((kind == CounterKind.OPENED) | (kind == CounterKind.RESUMED), OPEN, np.where(kind == CounterKind.PAUSED, PAUSED, 0))

    first = np.ones(n, dtype=bool)
    first[1:] = ~same_next[:-1]
    lead = first & (kind != CounterKind.OPENED)
    lead_state = np.where(kind[lead] == CounterKind.RESUMED, PAUSED, OPEN)

    counter = np.concatenate((ev["counter"], ev["counter"][lead]))
    staff = np.concatenate((ev["staff"], ev["staff"][lead]))
    states = np.concatenate((state, lead_state))
    reason = np.concatenate((ev["reason"], np.full(lead_state.size, OTHER, dtype=ev["reason"].dtype)))
    start = np.concatenate((ev["at"], np.full(lead_state.size, period_start, dtype=np.int64)))
    end = np.concatenate((next_at, ev["at"][lead]))
    day = np.concatenate((ev["day"], ev["day"][lead]))
    start, end = np.maximum(start, period_start), np.minimum(end, horizon)
    keep = (states > 0) & (end > start)
    return Intervals(counter[keep], staff[keep], states[keep], reason[keep], start[keep], end[keep], day[keep])
