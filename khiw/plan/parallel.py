"""Running independent simulations on every core, the same way on Windows and Linux.

Worker processes are started with ``spawn`` (Windows has nothing else, and it is safe to
use from a Qt worker thread), and kept for the life of the program: starting one costs the
imports of numpy and the engine, far more than a replication. Tasks and their functions
must be picklable, module-level objects.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_pools: dict[int, ProcessPoolExecutor] = {}


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no affinity call
        return os.cpu_count() or 1


def map_tasks(fn: Callable[[T], R], tasks: Sequence[T], *, workers: int | None = None) -> list[R]:
    """``[fn(t) for t in tasks]``, spread over ``workers`` processes (default: every core).

    One worker, or one task, runs here in this process: no pool is worth starting for it.
    """
    count = min(workers or default_workers(), len(tasks))
    if count <= 1:
        return [fn(t) for t in tasks]
    pool = _pools.get(count)
    if pool is None:
        pool = _pools[count] = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"))
    # Small chunks: tasks (weekdays) differ in length, and a few large chunks would leave a core idle.
    return list(pool.map(fn, tasks, chunksize=max(1, len(tasks) // (4 * count))))
