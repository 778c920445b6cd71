"""``bench/office.py --quick`` runs end to end: stations in their processes see every call.

The figures are a measurement (their targets are printed, never asserted here); what must
hold is that the bench ran, that every figure it prints parses, and that every board showed
every call and every counter and kiosk every event.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.fixtures import PG_ENV, ROOT, pg_problem

pytestmark = [pytest.mark.pg, pytest.mark.slow]

FIGURES = {
    "driver": r"^driver op\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms\s+max\s+([\d.]+) ms\s+target median ≤ 10 ms: (MET|NOT MET)$",
    "board": r"^board lag\s+p50\s+(-?[\d.]+) ms\s+p95\s+(-?[\d.]+) ms\s+max\s+(-?[\d.]+) ms\s+target p95 ≤ 150 ms: (MET|NOT MET)$",
    "counter": r"^counter lag\s+p50\s+(-?[\d.]+) ms\s+p95\s+(-?[\d.]+) ms\s+max\s+(-?[\d.]+) ms",
    "kiosk": r"^kiosk lag\s+p50\s+(-?[\d.]+) ms\s+p95\s+(-?[\d.]+) ms\s+max\s+(-?[\d.]+) ms",
    "shown": r"^shown\s+every board saw every call: (yes|NO) \((\d+) calls × 2 boards, missed (\d+)\); counters missed (\d+), kiosks missed (\d+) of (\d+) events each$",
    "rows": r"^rows read\s+([\d,]+) per event \(([\d,]+) rows of the bench's tables over (\d+) events;",
    "connections": r"^connections\s+max (\d+) \(boards (\d+), counters (\d+), kiosks (\d+), driver (\d+)\)\s+target ≤ 40: (MET|NOT MET)$",
    "cpu": r"^CPU\s+machine (\d+) % of (\d+) %; PostgreSQL backends (\d+) %, boards (\d+) %, counters (\d+) %, kiosks (\d+) %, driver (\d+) %$",
}


def test_quick_run_prints_every_figure_and_every_board_sees_every_call() -> None:
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.office", "--quick", "--pg", os.environ[PG_ENV]],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    found = {}
    for name, pattern in FIGURES.items():
        matches = [m for m in (re.match(pattern, line) for line in lines) if m]
        assert len(matches) == 1, f"{name}: no line matching {pattern!r} in\n{done.stdout}"
        found[name] = matches[0].groups()
    saw_all, calls, missed, counters_missed, kiosks_missed, events = found["shown"]
    assert (saw_all, missed, counters_missed, kiosks_missed) == ("yes", "0", "0", "0")
    assert int(calls) > 0 and int(events) > int(calls)
    assert int(found["rows"][2]) >= int(events)  # every driven operation wrote an event
    assert int(found["connections"][0]) >= 6  # six stations, each with a connection at least
    assert all(float(v) >= 0 for v in found["driver"][:3])
