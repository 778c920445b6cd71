"""The append-only, hash-chained event log from which every report is computed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.enums import EventKind, Priority
from khiw.models.ids import CounterId, EventId, OfficeId, ServiceId, StaffId, TicketId


class Event(Base):
    """One change. Ids are assigned by the chain (1, 2, 3 … without gaps), never reused.

    ``prev_hash`` is the previous event's ``hash``; ``hash`` covers every column, so editing
    or deleting a row breaks the chain where it happened (see ``khiw.engine.audit``).
    ``service_id`` and ``priority`` are copied from the ticket at the time, so that reports
    never need the mutable ticket row.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_ticket", "ticket_id", "id"),
        Index("ix_events_office_at", "office_id", "at"),
        Index("ix_events_service_kind", "service_id", "kind", "id"),
        # A service's calls today (the priority interleave): bounded by the day, not the log.
        Index("ix_events_service_kind_at", "service_id", "kind", "at"),
        # A counter's newest events (its last call, its last tickets handled): a few index
        # entries read backwards, however long the day or the log.
        Index("ix_events_counter", "counter_id", "id"),
    )

    id: Mapped[EventId] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[EventKind] = mapped_column()
    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"))
    ticket_id: Mapped[TicketId | None] = mapped_column(ForeignKey("tickets.id"))
    service_id: Mapped[ServiceId | None] = mapped_column(ForeignKey("services.id"))
    counter_id: Mapped[CounterId | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[StaffId | None] = mapped_column(ForeignKey("staff.id"))
    priority: Mapped[Priority | None] = mapped_column()
    reason: Mapped[str | None] = mapped_column(Text())
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class ChainHead(Base):
    """A single row holding the last event id and hash; locking it orders every append."""

    __tablename__ = "chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
