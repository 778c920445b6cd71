"""Summary statistics: means and percentiles, shares, Jain's index and the Gini coefficient.

Percentiles use linear interpolation between order statistics (numpy's default, Hyndman and
Fan type 7): the median of 60 s and 120 s is 90 s. Empty samples give ``None``, never 0, so a
report can tell "nothing to measure" from "zero".
"""

from __future__ import annotations

from typing import Any

import numpy as np

from khiw.metrics.figures import Durations


def summary(seconds: np.ndarray) -> Durations:
    """Count, mean, median, 90th percentile and max of durations in seconds."""
    n = int(seconds.size)
    if n == 0:
        return Durations(n=0, mean=None, median=None, p90=None, max=None)
    median, p90 = np.percentile(seconds, [50, 90])
    return Durations(n=n, mean=_r(seconds.mean()), median=_r(median), p90=_r(p90), max=_r(seconds.max()))


def share(hits: int, total: int) -> float | None:
    """``hits / total`` as a fraction, or None when there is nothing to divide."""
    return None if total == 0 else round(hits / total, 6)


def jain(values: np.ndarray) -> float | None:
    """Jain's fairness index (Σx)² / (n·Σx²): 1 when all equal, 1/n when one takes all."""
    if values.size == 0:
        return None
    squares = float(np.square(values).sum())
    if squares == 0:
        return 1.0
    return round(float(values.sum()) ** 2 / (values.size * squares), 6)


def gini(values: np.ndarray) -> float | None:
    """The Gini coefficient Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄): 0 when all equal."""
    n = values.size
    if n == 0:
        return None
    total = float(values.sum())
    if total == 0:
        return 0.0
    ordered = np.sort(values.astype(np.float64))
    ranks = np.arange(1, n + 1)
    return round(float(2 * (ranks * ordered).sum() / (n * total) - (n + 1) / n), 6)


def _r(value: Any) -> float:
    return round(float(value), 3)
