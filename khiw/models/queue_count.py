"""How many tickets wait in each lane of each queue-day, kept with every change."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.ids import ServiceId


class QueueCount(Base):
    """The waiting tickets of one lane (``priority``: the priority lane) of a service's day.

    Changed in the transaction of each event that puts a ticket into the queue or takes it
    out (issue, transfer, reactivate; call, cancel, expire), so the board and the kiosk read
    "how many wait" from one row however long the queue is. A cache of the tickets table:
    ``khiw audit verify`` recounts it from the tickets.

    ``entered``: the places handed out at the back of the lane (each ticket issued behind
    everyone already there takes the next, :attr:`Ticket.lane_seq`); ``tail_queued_at``: the
    queued time of the last of them, which a newcomer must not precede to take a place.
    """

    __tablename__ = "queue_counts"

    service_id: Mapped[ServiceId] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    priority: Mapped[bool] = mapped_column(primary_key=True)
    waiting: Mapped[int] = mapped_column(Integer, default=0)
    entered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    tail_queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
