"""Appending to the hash-chained event log.

Each event's hash covers its own columns and the previous event's hash. The append locks the
single chain-head row, so ids are gap-free and committed in id order: a station that polls
"events after id N" can never miss one that commits late. The lock is taken last in every
operation (after numbers and tickets), which keeps lock order fixed and deadlock-free.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from khiw.models import ChainHead, Event, EventKind, Ticket
from khiw.models.ids import CounterId, EventId, OfficeId, ServiceId, StaffId

GENESIS = "0" * 64
NOTIFY_CHANNEL = "khiw_events"


def event_hash(event: Event) -> str:
    """SHA-256 over a canonical JSON of every column but ``hash``."""
    body = {
        "id": int(event.id),
        "at": event.at.isoformat(timespec="microseconds"),
        "kind": str(event.kind),
        "office_id": event.office_id,
        "ticket_id": event.ticket_id,
        "service_id": event.service_id,
        "counter_id": event.counter_id,
        "staff_id": event.staff_id,
        "priority": None if event.priority is None else str(event.priority),
        "reason": event.reason,
        "data": event.data or {},
        "prev_hash": event.prev_hash,
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
) -> EventId:
    """Write one event (after flushing pending ticket changes) and return its id."""
    if ticket is not None:
        session.flush()
        service_id = service_id or ticket.service_id
    head = session.execute(select(ChainHead).where(ChainHead.id == 1).with_for_update()).scalar_one()
    event = Event(
        id=EventId(head.last_id + 1),
        at=at,
        kind=kind,
        office_id=office_id,
        ticket_id=ticket.id if ticket is not None else None,
        service_id=service_id,
        counter_id=counter_id,
        staff_id=staff_id,
        priority=ticket.priority if ticket is not None else None,
        reason=reason,
        data=data or {},
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event)
    session.add(event)
    head.last_id, head.last_hash = event.id, event.hash
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Delivered when the transaction commits, never before; see khiw.changes.
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": NOTIFY_CHANNEL, "payload": str(event.id)})
    return event.id


def last_event_id(session: Session) -> EventId:
    """The newest committed event id (0 for an empty log)."""
    return EventId(session.execute(select(ChainHead.last_id).where(ChainHead.id == 1)).scalar_one())
