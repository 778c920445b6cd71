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
    order = np.argsort(times)  # ties need no order: they are zero-width steps of the integral
    t = times[order]
    kind = order // n  # 0 arrival, 1 departure, 2 service starts, 3 service ends
    present = np.cumsum(np.array([1, -1, 0, 0], dtype=np.int8)[kind], dtype=np.int32)
    serving = np.cumsum(np.array([0, 0, 1, -1], dtype=np.int8)[kind], dtype=np.int32)
    rate = serving / np.maximum(present, 1)  # nobody present: nobody served either
    # due[k] = ∫ s/N up to the k-th event; events at one instant share it (zero width).
    due = np.empty(4 * n)
    due[0] = 0.0
    np.cumsum(rate[:-1] * np.diff(t), out=due[1:])
    at_event = np.empty(4 * n)
    at_event[order] = due
    warranted = at_event[n : 2 * n] - at_event[:n]
    received = (serve_to - serve_from).astype(np.float64)
    return (received - warranted) / 1000.0
