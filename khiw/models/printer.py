"""Each kiosk's printer state: the last print event of each kiosk, kept beside the log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.ids import EventId, OfficeId, TicketId


class PrinterState(Base):
    """One row per kiosk, rewritten in the transaction of its PRINTED / PRINT_FAILED event.

    The board and the counters show the newest of these on every change; searching the log
    for "the newest print event" walked every event ever written (a healthy office logs print
    events only after failures), so the answer is kept here, one small row per kiosk.
    ``khiw audit verify`` replays the print events and checks these rows against them.
    """

    __tablename__ = "printer_states"
    __table_args__ = (Index("ix_printer_states_office_event", "office_id", "event_id"),)

    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    kiosk: Mapped[str] = mapped_column(String(255), primary_key=True)
    problem: Mapped[str | None] = mapped_column(Text())  # None: it printed again
    ticket_id: Mapped[TicketId | None] = mapped_column(ForeignKey("tickets.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    event_id: Mapped[EventId] = mapped_column(BigInteger)
