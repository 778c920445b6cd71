"""Keeping :class:`khiw.models.QueueCount` in step with the tickets, in the same transaction.

Each operation that moves a ticket into or out of the waiting queue calls :func:`moved`
once per ticket (or :func:`moved_many` for a batch), after changing the ticket and before
its event: the row lock it takes is on one small row per lane, after the numbering row and
before the chain head, so the lock order stays fixed.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from khiw.models import QueueCount, Ticket
from khiw.models.ids import ServiceId


def moved(session: Session, ticket: Ticket, delta: int) -> None:
    """``ticket`` joined (+1) or left (-1) its queue."""
    _add(session, {(ticket.service_id, ticket.service_day, ticket.priority.is_priority): delta})


def moved_many(session: Session, tickets: Iterable[Ticket], delta: int) -> None:
    """Every ticket of ``tickets`` joined or left its queue: one statement per lane."""
    tally: Tally[tuple[ServiceId, date, bool]] = Tally()
    for t in tickets:
        tally[(t.service_id, t.service_day, t.priority.is_priority)] += delta
    _add(session, dict(tally))


def _add(session: Session, deltas: dict[tuple[ServiceId, date, bool], int]) -> None:
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for (service_id, day, priority), delta in sorted(deltas.items()):
        statement = insert(QueueCount).values(service_id=service_id, day=day, priority=priority, waiting=delta)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[QueueCount.service_id, QueueCount.day, QueueCount.priority],
                set_={"waiting": QueueCount.waiting + statement.excluded.waiting},
            )
        )
