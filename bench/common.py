"""Shared by the benchmarks: throw-away databases with the example office, and percentiles."""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khiw.db import Database
from tests.fixtures import PG_ENV, new_database, pg_problem, pg_schema_url, with_office

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def office_database(kind: str) -> Iterator[Database]:
    """A fresh database holding the example office: ``sqlite`` (temp file) or ``pg`` (schema)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="khiw-bench-") as folder:
            db = with_office(new_database(f"sqlite:///{Path(folder) / 'bench.db'}"))
            try:
                yield db
            finally:
                db.dispose()
        return
    os.environ.setdefault(PG_ENV, DEFAULT_PG)
    problem = pg_problem()
    if problem:
        raise SystemExit(f"PostgreSQL benchmark skipped: {problem}")
    with pg_schema_url() as url:
        db = with_office(new_database(url))
        try:
            yield db
        finally:
            db.dispose()


def percentile(values: list[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))]


def summary(values_ms: list[float]) -> str:
    """``median 1.23 ms, p99 4.56 ms`` of a list of milliseconds."""
    return f"median {statistics.median(values_ms):6.2f} ms, p99 {percentile(values_ms, 99):6.2f} ms"
