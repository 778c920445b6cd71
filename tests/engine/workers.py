"""Processes for the concurrency and crash tests (importable by a spawned interpreter)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from sqlalchemy import text

from khiw.db import Database
from khiw.engine import call_next, finish, issue, start
from khiw.errors import CounterBusy, InvalidTransition, QueueEmpty

SERVICES = ("TAX", "REG", "INF")


def issuer(url: str, count: int, seed: int) -> list[str]:
    """Issue ``count`` tickets; return their codes."""
    db = Database(url)
    codes = [db.run(issue, service=SERVICES[(seed + i) % len(SERVICES)]).ticket.code for i in range(count)]
    db.dispose()
    return codes


def caller(url: str, counter: int, done_flag: str, seconds: float = 60) -> list[int]:
    """Call, start and finish at ``counter`` until ``done_flag`` exists and nobody waits."""
    db = Database(url)
    served: list[int] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            ticket = db.run(call_next, counter=counter).ticket
        except QueueEmpty:
            if Path(done_flag).exists():
                break
            time.sleep(0.01)
            continue
        db.run(start, ticket=ticket.id)
        db.run(finish, ticket=ticket.id)
        served.append(ticket.id)
    db.dispose()
    return served


def churn(url: str, counter: int = 1) -> None:
    """Issue and serve at ``counter`` forever (until killed), printing a dot per ticket served.

    A ticket left at the counter by an earlier killed run is finished first.
    """
    db = Database(url)
    while True:
        db.run(issue, service="TAX")
        try:
            ticket = db.run(call_next, counter=counter).ticket.code
        except QueueEmpty:
            continue
        except CounterBusy as busy:
            ticket = busy.code
        try:
            db.run(start, ticket=ticket)
        except InvalidTransition:
            pass  # already serving
        db.run(finish, ticket=ticket)
        sys.stdout.write(".")
        sys.stdout.flush()


def warm(seconds: float) -> int:
    """Make a pool process import this module (and the engine) ahead of a timed run; its pid."""
    time.sleep(seconds)
    return os.getpid()


def stuck(url: str) -> None:
    """Issue a ticket inside a transaction that never ends: the event-log lock stays taken.

    Prints ``L<backend pid>`` once the lock is held; the test then stops this process
    (SIGSTOP), as a PC that froze or lost its network mid-transaction.
    """
    db = Database(url)
    with db.write() as session:
        issue(session, service="TAX")
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        sys.stdout.write(f"L{pid}\n")
        sys.stdout.flush()
        while True:
            time.sleep(60)


def timed_issuer(url: str, count: int, seed: int) -> list[tuple[str, float]]:
    """Issue ``count`` tickets; each code with the seconds its transaction took."""
    db = Database(url)
    out = []
    for i in range(count):
        t0 = time.monotonic()
        code = db.run(issue, service=SERVICES[(seed + i) % len(SERVICES)]).ticket.code
        out.append((code, time.monotonic() - t0))
    db.dispose()
    return out


def timed_caller(url: str, counter: int, count: int, seconds: float = 60) -> list[tuple[int, float]]:
    """Call, start and finish ``count`` tickets at ``counter``; each id with the longest step's seconds."""
    db = Database(url)
    out: list[tuple[int, float]] = []
    deadline = time.monotonic() + seconds
    while len(out) < count and time.monotonic() < deadline:
        t0 = time.monotonic()
        try:
            ticket = db.run(call_next, counter=counter).ticket
        except QueueEmpty:
            time.sleep(0.05)
            continue
        longest = time.monotonic() - t0
        for step in (start, finish):
            t0 = time.monotonic()
            db.run(step, ticket=ticket.id)
            longest = max(longest, time.monotonic() - t0)
        out.append((ticket.id, longest))
    db.dispose()
    return out


if __name__ == "__main__":
    if sys.argv[2:] == ["stuck"]:
        stuck(sys.argv[1])
    else:
        churn(sys.argv[1], int(sys.argv[3]) if sys.argv[2:3] == ["churn"] else 1)
