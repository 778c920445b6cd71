"""Counter time: signed-in, open, paused and serving hours, utilisation and throughput."""

from __future__ import annotations

import numpy as np

from khiw.metrics import sessions
from khiw.metrics.facts import MISSING, PAUSE_REASONS, Outcome
from khiw.metrics.figures import CounterTime, PauseHours
from khiw.metrics.grouping import Columns, sums_by

HOUR_MS = 3_600_000
Serving = tuple[np.ndarray, np.ndarray, np.ndarray]


def serving_intervals(c: Columns, horizon: int) -> Serving:
    """(start, end, ticket row) of the time each started ticket was being served, until ``horizon``."""
    started = c["start"] != MISSING
    end = np.where(c["finish"] != MISSING, c["finish"], np.where(c["end"] != MISSING, c["end"], horizon))
    end = np.minimum(end, horizon)  # counter time stops at the period's end: so does serving
    rows = np.flatnonzero(started)
    return c["start"][rows], np.maximum(end[rows], c["start"][rows]), rows


def share_f(part: float, whole: float) -> float | None:
    """``part / whole`` rounded, or None for an empty whole."""
    return None if whole <= 0 else round(part / whole, 6)


def counter_times(
    iv_key: np.ndarray, serving_key: np.ndarray, size: int, iv: sessions.Intervals, c: Columns, serving: Serving
) -> list[CounterTime]:
    """Per key 0..size-1 the :class:`CounterTime`. ``iv_key`` keys the counter intervals,
    ``serving_key`` the serving intervals; both are summed with one bincount each, never a
    mask per key (a year has 130 counters and a million tickets)."""
    length = iv.length.astype(np.float64)
    signed = sums_by(iv_key, length, size) / HOUR_MS
    is_open = iv.state == sessions.OPEN
    opened = sums_by(iv_key[is_open], length[is_open], size) / HOUR_MS
    paused = []
    for i in range(len(PAUSE_REASONS)):
        mask = (iv.state == sessions.PAUSED) & (iv.reason == i)
        paused.append(sums_by(iv_key[mask], length[mask], size) / HOUR_MS)
    s_start, s_end, rows = serving
    serving_h = sums_by(serving_key, (s_end - s_start).astype(np.float64), size) / HOUR_MS
    done = c["outcome"][rows] == Outcome.SERVED
    served = sums_by(serving_key[done], np.ones(int(done.sum())), size)
    return [
        CounterTime(
            signed_in_h=round(float(signed[k]), 4),
            open_h=round(float(opened[k]), 4),
            paused_h=PauseHours(**{name: round(float(paused[i][k]), 4) for i, name in enumerate(PAUSE_REASONS)}),
            serving_h=round(float(serving_h[k]), 4),
            utilisation=share_f(float(serving_h[k]), float(signed[k])),
            served_per_open_hour=share_f(float(served[k]), float(opened[k])),
        )
        for k in range(size)
    ]


def fields(time: CounterTime) -> dict[str, object]:
    """``time``'s fields as keyword arguments for a row class that includes CounterTime."""
    return {
        "signed_in_h": time.signed_in_h,
        "open_h": time.open_h,
        "paused_h": time.paused_h,
        "serving_h": time.serving_h,
        "utilisation": time.utilisation,
        "served_per_open_hour": time.served_per_open_hour,
    }
