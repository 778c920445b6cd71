"""RAQFM discrimination on tiny queues worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from khiw.metrics.fairness import discrimination

S = 1000  # ms


def test_single_counter_fifo_first_customer_is_favoured() -> None:
    # A arrives 0, served 0-10; B arrives 0, served 10-20 (times in seconds).
    # 0-10: N=2, s=1 → each due 1/2; 10-20: N=1 → B due 1.
    d = discrimination(np.array([0, 0]), np.array([0, 0]) * S, np.array([10, 20]) * S, np.array([0, 10]) * S, np.array([10, 20]) * S)
    assert d.tolist() == pytest.approx([5.0, -5.0])


def test_pools_do_not_share_service() -> None:
    # Two customers in different pools, each served alone: nobody is discriminated.
    d = discrimination(np.array([0, 1]), np.array([0, 0]) * S, np.array([10, 10]) * S, np.array([0, 0]) * S, np.array([10, 10]) * S)
    assert d.tolist() == pytest.approx([0.0, 0.0])


def test_two_counters_serving_two_customers_is_fair_and_sums_to_zero() -> None:
    rng = np.random.default_rng(1)
    arrive = np.sort(rng.integers(0, 100, 6)) * S
    start = arrive + rng.integers(0, 50, 6) * S
    end = start + rng.integers(1, 30, 6) * S
    d = discrimination(np.zeros(6, int), arrive, end, start, end)
    assert d.sum() == pytest.approx(0.0, abs=1e-9)


def test_a_customer_who_leaves_unserved_paid_for_the_others() -> None:
    # A waits 0-10 while B (arrived 0) is served 0-10, then A leaves unserved.
    d = discrimination(np.array([0, 0]), np.array([0, 0]), np.array([10, 10]) * S, np.array([10, 0]) * S, np.array([10, 10]) * S)
    assert d.tolist() == pytest.approx([-5.0, 5.0])
