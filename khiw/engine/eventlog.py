"""Appending to the hash-chained event log.

Each event's hash covers its own columns and the previous event's hash. The append locks the
single chain-head row, so ids are gap-free and committed in id order: a station that polls
"events after id N" can never miss one that commits late. Lock order, the same in every
operation: numbering row, counter or tickets first; then the chain head; then the lanes'
waiting counts (:mod:`khiw.engine.queue_counts`), which only the chain head's holder ever
locks, so they never make anyone wait and can never close a cycle.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, select, update
from sqlalchemy.orm import Session

from khiw.engine import queue_counts
from khiw.models import ChainHead, Event, EventKind, Ticket
from khiw.models.ids import CounterId, EventId, OfficeId, ServiceId, StaffId

GENESIS = "0" * 64
NOTIFY_CHANNEL = "khiw_events"  # + "_" + the schema, so databases sharing a server never cross-talk
#: What a NOTIFY says of its event, in this order, ``:``-separated, None as empty:
#: ``"42:called:17:3:2"`` (about 20 bytes; PostgreSQL allows 8000). :mod:`khiw.changes` reads it back.
PAYLOAD_FIELDS = ("event_id", "kind", "ticket_id", "counter_id", "service_id")


def event_hash(event: Event) -> str:
    """SHA-256 over a canonical JSON of every column but ``hash`` (used again by the audit)."""
    return _hash(
        {
            "id": int(event.id),
            "at": event.at,
            "kind": event.kind,
            "office_id": event.office_id,
            "ticket_id": event.ticket_id,
            "service_id": event.service_id,
            "counter_id": event.counter_id,
            "staff_id": event.staff_id,
            "priority": event.priority,
            "reason": event.reason,
            "data": event.data,
            "prev_hash": event.prev_hash,
        }
    )


def _hash(row: dict[str, Any]) -> str:
    body = {
        **row,
        "at": row["at"].isoformat(timespec="microseconds"),
        "kind": str(row["kind"]),
        "priority": None if row["priority"] is None else str(row["priority"]),
        "data": row["data"] or {},
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(
    session: Session,
    *,
    kind: EventKind,
    at: datetime,
    office_id: OfficeId,
    ticket: Ticket | None = None,
    service_id: ServiceId | None = None,
    counter_id: CounterId | None = None,
    staff_id: StaffId | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    waiting: int = 0,
) -> EventId:
    """Write one event (after flushing pending ticket changes) and return its id.

    Claiming the next id is one ``UPDATE … RETURNING`` on the chain head, which also takes
    its lock; on PostgreSQL the insert, the head's new hash and the NOTIFY then go in one
    statement, so the lock is held for two round trips and the commit.
    """
    if ticket is not None:
        session.flush()
        service_id = service_id or ticket.service_id
    event_id, prev_hash = session.execute(_CLAIM).one()
    if ticket is not None and waiting:  # joined (+1) or left (-1) its queue; after the head: lock order
        queue_counts.moved(session, ticket, waiting)
    row: dict[str, Any] = {
        "id": event_id,
        "at": at.astimezone(UTC),  # as the audit will read it back
        "kind": kind,
        "office_id": office_id,
        "ticket_id": ticket.id if ticket is not None else None,
        "service_id": service_id,
        "counter_id": counter_id,
        "staff_id": staff_id,
        "priority": ticket.priority if ticket is not None else None,
        "reason": reason,
        "data": data or {},
        "prev_hash": prev_hash,
    }
    row["hash"] = _hash(row)
    params = {f"ev_{key}": value for key, value in row.items()}
    if session.get_bind().dialect.name == "postgresql":
        payload = notify_payload(event_id, kind, row["ticket_id"], counter_id, service_id)
        session.execute(_APPEND_AND_NOTIFY, {**params, "payload": payload})
    else:
        session.execute(_INSERT, params)
        session.execute(_SET_HEAD, params)
    return EventId(event_id)


def notify_payload(event_id: int, kind: EventKind, ticket_id: int | None, counter_id: int | None, service_id: int | None) -> str:
    """The NOTIFY payload of one event (:data:`PAYLOAD_FIELDS`): what changed travels with
    the wake-up, so a station need not read the log to know whether the change concerns it."""
    return ":".join("" if value is None else str(value) for value in (event_id, kind, ticket_id, counter_id, service_id))


# Built once: appending runs on every change, and building these per call cost more than
# executing them. Parameters are bound by name from the row, prefixed so that none is taken
# for a chain_head column (an UPDATE would SET a column named like a parameter).
_CLAIM = (
    update(ChainHead)
    .where(ChainHead.id == 1)
    .values(last_id=ChainHead.last_id + 1)
    .returning(ChainHead.last_id, ChainHead.last_hash)
)
_INSERT = insert(Event).values({column.key: bindparam(f"ev_{column.key}") for column in Event.__table__.columns})
_SET_HEAD = update(ChainHead).where(ChainHead.id == 1).values(last_hash=bindparam("ev_hash"))
# Delivered when the transaction commits, never before; see khiw.changes.
_APPEND_AND_NOTIFY = (
    select(func.pg_notify(literal(NOTIFY_CHANNEL + "_") + func.current_schema(), bindparam("payload")))
    .add_cte(_INSERT.cte("ins"))
    .add_cte(_SET_HEAD.cte("head"))
)


def last_event_id(session: Session) -> EventId:
    """The newest committed event id (0 for an empty log)."""
    return EventId(session.execute(select(ChainHead.last_id).where(ChainHead.id == 1)).scalar_one())
