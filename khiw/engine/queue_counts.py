"""Keeping :class:`khiw.models.QueueCount` in step with the tickets, in the same transaction.

Every change that puts a ticket into its queue or takes it out passes ``waiting=±1`` to
:func:`khiw.engine.eventlog.append`, which calls :func:`moved` right after it has claimed the
chain head; close-day calls :func:`moved_many` after its first event. A lane's row is
therefore only ever locked by the transaction that holds the chain head: it never waits for
it, and no lock order can cross (a count locked before the head deadlocked with a counter
that opened itself, i.e. took the head, before its call's count).

A new ticket (issued, or transferred in) that queues no earlier than the last one placed in
its lane also takes the lane's next place, :attr:`Ticket.lane_seq`: :func:`place` tells it
which, read while the ticket's number is allocated, and the count's row records it with the
count. Places therefore follow the queue order (queued time, then id), which is what lets
:mod:`khiw.engine.position` tell a ticket's place without walking the queue. One that lands
in the middle (a transfer keeps its arrival time; a kiosk whose clock is behind) takes
none, nor does a no-show coming back: those are the few "out of line" read one by one.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.engine import upsert
from khiw.models import Priority, QueueCount, Ticket
from khiw.models.ids import ServiceId


def place(session: Session, service_id: ServiceId, day: date, priority: Priority, queued_at: datetime) -> int | None:
    """The place a new ticket queued at ``queued_at`` takes in its lane, or None: it would
    precede the lane's last placed ticket.

    Read (not locked) while the new ticket's number is being allocated: every ticket that
    takes a place in the service's lanes that day holds the same numbering row until it
    commits, so no other can take one in between. The same row orders the ticket ids, so a
    ticket queued at the very instant of the last placed one follows it (a greater id).
    """
    row = session.execute(
        select(QueueCount.entered, QueueCount.tail_queued_at).where(
            QueueCount.service_id == service_id, QueueCount.day == day, QueueCount.priority == priority.is_priority
        )
    ).one_or_none()
    if row is None:
        return 1
    return row.entered + 1 if row.tail_queued_at is None or row.tail_queued_at <= queued_at else None


def moved(session: Session, ticket: Ticket, delta: int) -> None:
    """``ticket`` joined (+1) or left (-1) its queue (a new ticket with a place: see :func:`place`)."""
    if delta > 0 and ticket.lane_seq is not None and ticket.called_at is None:
        _placed(session, ticket)
    else:
        _add(session, {(ticket.service_id, ticket.service_day, ticket.priority.is_priority): delta})


def _placed(session: Session, ticket: Ticket) -> None:
    """A new ticket joined its lane at the back: counted, and its place is now the last."""
    statement = upsert.insert(session, QueueCount).values(
        service_id=ticket.service_id,
        day=ticket.service_day,
        priority=ticket.priority.is_priority,
        waiting=1,
        entered=ticket.lane_seq,
        tail_queued_at=ticket.queued_at,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[QueueCount.service_id, QueueCount.day, QueueCount.priority],
            set_={"waiting": QueueCount.waiting + 1, "entered": statement.excluded.entered, "tail_queued_at": statement.excluded.tail_queued_at},
        )
    )


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
