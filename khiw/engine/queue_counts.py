"""Keeping :class:`khiw.models.QueueCount` in step with the tickets, in the same transaction.

Every change that puts a ticket into its queue or takes it out passes ``waiting=±1`` to
:func:`khiw.engine.eventlog.append`, which calls :func:`moved` right after it has claimed the
chain head; close-day calls :func:`moved_many` after its first event. A lane's row is
therefore only ever locked by the transaction that holds the chain head: it never waits for
it, and no lock order can cross (a count locked before the head deadlocked with a counter
that opened itself, i.e. took the head, before its call's count).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from khiw.engine import upsert
from khiw.models import QueueCount, Ticket
from khiw.models.ids import ServiceId


def moved(session: Session, ticket: Ticket, delta: int) -> None:
    """``ticket`` joined (+1) or left (-1) its queue."""
    _add(session, {(ticket.service_id, ticket.service_day, ticket.priority.is_priority): delta})


def moved_many(session: Session, tickets: Iterable[Ticket], delta: int) -> None:
    """Every ticket of ``tickets`` joined or left its queue: one statement per lane (call it
    while holding the chain head, i.e. after an event of the same transaction)."""
    tally: Tally[tuple[ServiceId, date, bool]] = Tally()
    for t in tickets:
        tally[(t.service_id, t.service_day, t.priority.is_priority)] += delta
    _add(session, dict(tally))


def _add(session: Session, deltas: dict[tuple[ServiceId, date, bool], int]) -> None:
    for (service_id, day, priority), delta in sorted(deltas.items()):
        statement = upsert.insert(session, QueueCount).values(service_id=service_id, day=day, priority=priority, waiting=delta)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[QueueCount.service_id, QueueCount.day, QueueCount.priority],
                set_={"waiting": QueueCount.waiting + statement.excluded.waiting},
            )
        )
