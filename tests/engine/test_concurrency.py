"""Many kiosks and counters at once, and a process killed mid-write: nothing duplicated or lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections import Counter as Tally
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from khiw.config import CounterConfig
from khiw.db import Database
from khiw.engine.audit import verify_chain
from khiw.models import Event, EventKind, QueueCount, Ticket, TicketStatus
from tests.engine import workers
from tests.fixtures import ROOT, office_config, with_office

pytestmark = pytest.mark.slow

ISSUERS, CALLERS, PER_ISSUER = 6, 6, 25


def check_invariants(db: Database) -> list[Ticket]:
    """The rules that must hold after any mix of operations; returns the tickets."""
    with db.read() as s:
        tickets = list(s.execute(select(Ticket)).scalars())
        events = list(s.execute(select(Event.ticket_id, Event.kind).where(Event.ticket_id.is_not(None))).all())
    numbers = Tally((t.service_id, t.service_day, t.number) for t in tickets)
    assert max(numbers.values(), default=1) == 1, "a number was issued twice"
    by_service: dict[int, list[int]] = {}
    for t in tickets:
        by_service.setdefault(t.service_id, []).append(t.number)
    for got in by_service.values():
        assert sorted(got) == list(range(1, len(got) + 1)), "a number was skipped"
    calls = Tally(ticket_id for ticket_id, kind in events if kind == EventKind.CALLED)
    assert max(calls.values(), default=1) == 1, "a ticket was called twice"
    issued = Tally(ticket_id for ticket_id, kind in events if kind == EventKind.ISSUED)
    assert all(issued[t.id] == 1 for t in tickets), "a ticket without exactly one ISSUED event"
    finishes = Tally(ticket_id for ticket_id, kind in events if kind == EventKind.FINISHED)
    assert all((finishes[t.id] == 1) == (t.status == TicketStatus.DONE) for t in tickets), "served twice or state mismatch"
    with db.read() as s:
        entered = {(r.service_id, r.day, r.priority): r.entered for r in s.execute(select(QueueCount)).scalars()}
    lanes: dict[tuple[int, date, bool], list[Ticket]] = {}
    for t in sorted(tickets, key=lambda t: (t.queued_at, t.id)):
        if t.lane_seq is not None:
            lanes.setdefault((t.service_id, t.service_day, t.priority.is_priority), []).append(t)
    for lane, placed in lanes.items():  # kiosks that took a number at once took places in queue order
        assert [t.lane_seq for t in placed] == list(range(1, len(placed) + 1)) and entered[lane] == len(placed), "a lane's places out of order"
    result = db.query(verify_chain)
    assert result.ok, result.problem
    return tickets


@pytest.fixture
def busy_office(db: Database) -> Database:
    """The example office with six counters that all serve TAX, REG and INF."""
    cfg = office_config()
    counters = [CounterConfig(number=n, services=["TAX", "REG", "INF"]) for n in range(1, CALLERS + 1)]
    return with_office(db, cfg.model_copy(update={"counters": counters}))


def test_six_kiosks_and_six_counters_at_once(busy_office: Database, tmp_path: Path) -> None:
    url = busy_office.url.render_as_string(hide_password=False)
    done = tmp_path / "issuers-done"
    with ProcessPoolExecutor(ISSUERS + CALLERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        callers = [pool.submit(workers.caller, url, n, str(done)) for n in range(1, CALLERS + 1)]
        issuers = [pool.submit(workers.issuer, url, PER_ISSUER, seed) for seed in range(ISSUERS)]
        codes = [code for f in issuers for code in f.result(timeout=120)]
        done.touch()
        served = [ticket for f in callers for ticket in f.result(timeout=120)]
    assert len(codes) == len(set(codes)) == ISSUERS * PER_ISSUER
    assert len(served) == len(set(served))
    tickets = check_invariants(busy_office)
    assert len(tickets) == ISSUERS * PER_ISSUER
    assert {t.id for t in tickets if t.status == TicketStatus.DONE} == set(served)
    assert len(served) == ISSUERS * PER_ISSUER, "every ticket was served exactly once"


def test_a_process_killed_mid_write_leaves_a_consistent_database(office: Database) -> None:
    url = office.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.8, 1.3, 1.9):
        proc = subprocess.Popen([sys.executable, "-m", "tests.engine.workers", url], cwd=ROOT, env=env, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stdout.read(1) == b"."  # it is working
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        tickets = check_invariants(office)
    # The killed processes left at most one ticket at counter 1; the engine still works on top.
    with office.read() as s:
        open_at_counter = s.execute(
            select(func.count()).select_from(Ticket).where(Ticket.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]))
        ).scalar_one()
    assert open_at_counter <= 1
    assert len(tickets) > 3
