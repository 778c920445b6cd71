"""Summary statistics, Jain's index and the Gini coefficient on numbers small enough to check by eye."""

from __future__ import annotations

import numpy as np
import pytest

from khiw.metrics.figures import Durations
from khiw.metrics.stats import gini, jain, share, summary


def test_summary_interpolates_percentiles_linearly() -> None:
    assert summary(np.array([60.0, 120.0])) == Durations(n=2, mean=90.0, median=90.0, p90=114.0, max=120.0)


def test_an_empty_sample_has_no_figures_rather_than_zeros() -> None:
    assert summary(np.array([])) == Durations(n=0, mean=None, median=None, p90=None, max=None)
    assert share(0, 0) is None and jain(np.array([])) is None and gini(np.array([])) is None


def test_jain_is_one_when_equal_and_one_over_n_when_one_takes_all() -> None:
    assert jain(np.array([5.0, 5.0, 5.0])) == 1.0
    assert jain(np.array([9.0, 0.0, 0.0])) == pytest.approx(1 / 3)


def test_gini_matches_the_pairwise_definition() -> None:
    x = np.array([1.0, 2.0, 3.0, 10.0])
    pairwise = np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean())
    assert gini(x) == pytest.approx(pairwise, abs=1e-6)
    assert gini(np.array([4.0, 4.0])) == 0.0
