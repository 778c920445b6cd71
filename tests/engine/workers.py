"""Processes for the concurrency and crash tests (importable by a spawned interpreter)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

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


def churn(url: str) -> None:
    """Issue and serve forever (until killed), printing a dot per ticket served.

    A ticket left at the counter by an earlier killed run is finished first.
    """
    db = Database(url)
    while True:
        db.run(issue, service="TAX")
        try:
            ticket = db.run(call_next, counter=1).ticket.code
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


if __name__ == "__main__":
    churn(sys.argv[1])
