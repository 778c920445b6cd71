"""One lock order in every write: counter, numbering row or tickets; then the chain head; then
the lanes' waiting counts.

A count locked before the chain head once deadlocked with a counter that opened itself (its
"counter opened" event took the chain head) before its call moved the count. Here each
operation that moves a ticket in or out of a queue is recorded statement by statement and
checked: nothing waits for a row lock once the chain head is held (``SKIP LOCKED`` never
waits), and every waiting-count write comes after the chain head's claim.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from khiw.db import Database
from khiw.engine import call_next, call_ticket, cancel, close_counter, close_day, issue, no_show, reactivate, start, transfer
from tests.fixtures import MORNING, record_statements

MINUTE = timedelta(minutes=1)


def _check_order(name: str, statements: list[str]) -> None:
    claims = [i for i, s in enumerate(statements) if s.startswith("UPDATE CHAIN_HEAD SET LAST_ID")]
    assert claims, f"{name}: wrote no event"
    head = claims[0]
    for i, s in enumerate(statements):
        if "QUEUE_COUNTS" in s and not s.startswith("SELECT"):
            assert i > head, f"{name}: waiting count written before the chain head: {s[:80]}"
        if i > head and "FOR UPDATE" in s:
            assert "SKIP LOCKED" in s, f"{name}: waits for a row lock while holding the chain head: {s[:80]}"


def test_every_queue_move_locks_the_chain_head_before_the_waiting_count(office: Database) -> None:
    t = MORNING
    office.run(close_counter, counter=1, now=t)  # the call below opens it again: an event before the call's
    for _ in range(4):
        office.run(issue, service="TAX", now=t)
    operations: list[tuple[str, Callable[[], Any]]] = [
        ("issue", lambda: office.run(issue, service="TAX", now=t + MINUTE)),
        ("call next on a closed counter", lambda: office.run(call_next, counter=1, now=t + MINUTE)),
        ("no-show", lambda: office.run(no_show, ticket="A001", now=t + 2 * MINUTE)),
        ("reactivate", lambda: office.run(reactivate, ticket="A001", now=t + 2 * MINUTE)),
        ("close counter", lambda: office.run(close_counter, counter=1, now=t + 2 * MINUTE)),
        ("call out of order on a closed counter", lambda: office.run(call_ticket, counter=1, ticket="A003", reason="form ready", now=t + 3 * MINUTE)),
        ("start", lambda: office.run(start, ticket="A003", now=t + 3 * MINUTE)),
        ("transfer", lambda: office.run(transfer, ticket="A003", service="REG", now=t + 4 * MINUTE)),
        ("cancel a waiting ticket", lambda: office.run(cancel, ticket="A002", reason="left", now=t + 4 * MINUTE)),
        ("close the day", lambda: office.run(close_day, now=t + 9 * 60 * MINUTE)),
    ]
    for name, operation in operations:
        _check_order(name, [" ".join(statement.split()).upper() for statement, _ in record_statements(office, operation)])
