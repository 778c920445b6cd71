"""Splitting per-ticket columns into groups (service, counter, staff, hour, weekday) by sorting.

One stable argsort per dimension, then contiguous slices: far cheaper than a boolean mask
per group when a year holds a million tickets.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

Columns = dict[str, np.ndarray]


def take(columns: Columns, index: np.ndarray | slice) -> Columns:
    """The rows ``index`` of every column."""
    return {name: values[index] for name, values in columns.items()}


def groups(columns: Columns, key: np.ndarray, fields: tuple[str, ...] | None = None) -> Iterator[tuple[int, Columns]]:
    """``(key value, its rows)`` for every distinct key value, in increasing key order.

    ``fields`` limits the columns carried into the groups (the rest are not copied).
    """
    if key.size == 0:
        return
    if fields is not None:
        columns = {name: columns[name] for name in fields}
    if key.min() >= np.iinfo(np.int16).min and key.max() <= np.iinfo(np.int16).max:
        key = key.astype(np.int16)  # numpy radix-sorts 16-bit keys: several times faster
    order = np.argsort(key, kind="stable")
    ordered = take(columns, order)
    keys = key[order]
    cuts = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [keys.size]))
    for start, end in zip(starts, ends, strict=True):
        yield int(keys[start]), take(ordered, slice(int(start), int(end)))


def sums_by(key: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Σ values per key in 0..size-1."""
    return np.bincount(key, weights=values, minlength=size)[:size] if key.size else np.zeros(size)


def split_by_unit(start: np.ndarray, end: np.ndarray, unit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut intervals [start, end) at multiples of ``unit``: (piece's unit index, length, source row)."""
    keep = end > start
    start, end, rows = start[keep], end[keep], np.flatnonzero(keep)
    first = start // unit
    last = (end - 1) // unit
    count = (last - first + 1).astype(np.int64)
    source = np.repeat(np.arange(start.size), count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    index = first[source] + offset
    lo = np.maximum(start[source], index * unit)
    hi = np.minimum(end[source], (index + 1) * unit)
    return index, hi - lo, rows[source]
