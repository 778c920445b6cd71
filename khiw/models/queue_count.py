"""How many tickets wait in each lane of each queue-day, kept with every change."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base
from khiw.models.ids import ServiceId


class QueueCount(Base):
    """The waiting tickets of one lane (``priority``: the priority lane) of a service's day.

    Changed in the transaction of each event that puts a ticket into the queue or takes it
    out (issue, transfer, reactivate; call, cancel, expire), so the board and the kiosk read
    "how many wait" from one row however long the queue is. A cache of the tickets table:
    ``khiw audit verify`` recounts it from the tickets.
    """

    __tablename__ = "queue_counts"

    service_id: Mapped[ServiceId] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    priority: Mapped[bool] = mapped_column(primary_key=True)
    waiting: Mapped[int] = mapped_column(Integer, default=0)
