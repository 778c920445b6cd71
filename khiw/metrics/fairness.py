"""Fairness: the Resource-Allocation Queueing Fairness Measure (RAQFM) and overtakes.

RAQFM (Raz, Levy and Avi-Itzhak, 2004) charges each customer the difference between the
service they received and the service they were due. At every moment the pool's service
rate s(t) (customers being served right now, one counter serves one at rate 1) is due in
equal shares to the N(t) customers present, so customer i's discrimination is

    Dᵢ = ∫_{aᵢ}^{dᵢ} (σᵢ(t) − s(t)/N(t)) dt

where aᵢ is the arrival (ticket issued), dᵢ the departure (finished, no-show, transferred,
cancelled or expired) and σᵢ(t) = 1 while i is being served. Because Σᵢ s/N over the N
customers present is s, the discriminations of a pool always sum to zero: D > 0 means
served ahead of one's share (favoured), D < 0 waited for others.

A pool is the queue of one service: its customers are that service's tickets and its servers
the counters that called them.
"""

from __future__ import annotations

import numpy as np

POOL_SPAN = 1 << 40  # ms (~35 years) between pools laid end to end on one time axis


def discrimination(
    pool: np.ndarray,
    arrive: np.ndarray,
    depart: np.ndarray,
    serve_from: np.ndarray,
    serve_to: np.ndarray,
) -> np.ndarray:
    """Each customer's D in seconds.

    ``pool`` is a small integer per customer; times are ms; ``serve_from``/``serve_to`` are
    equal for a customer who was never served. Every pool is handled in one sort by laying
    the pools end to end on one time axis, far apart.
    """
    n = arrive.size
    if n == 0:
        return np.zeros(0)
    shift = pool.astype(np.int64) * POOL_SPAN
    times = np.concatenate((arrive + shift, depart + shift, serve_from + shift, serve_to + shift))
    d_present = np.concatenate((np.ones(n), -np.ones(n), np.zeros(2 * n)))
    d_serving = np.concatenate((np.zeros(2 * n), np.ones(n), -np.ones(n)))
    order = np.argsort(times, kind="stable")
    t = times[order]
    present = np.cumsum(d_present[order])
    serving = np.cumsum(d_serving[order])
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(present > 0, serving / present, 0.0)
    widths = np.diff(t).astype(np.float64)
    # due[k] = ∫ s/N up to the k-th event; events at one instant share it (zero width).
    due = np.concatenate(([0.0], np.cumsum(rate[:-1] * widths)))
    position = np.empty(4 * n, dtype=np.int64)
    position[order] = np.arange(4 * n)
    warranted = due[position[n : 2 * n]] - due[position[:n]]
    received = (serve_to - serve_from).astype(np.float64)
    return (received - warranted) / 1000.0
