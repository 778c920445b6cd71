"""The last number issued per service and local day; one row per queue-day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base
from khiw.models.ids import ServiceId


class DayNumber(Base):
    """Incremented with an atomic upsert, so concurrent kiosks never share a number."""

    __tablename__ = "day_numbers"

    service_id: Mapped[ServiceId] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date(), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
