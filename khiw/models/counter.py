"""A counter (service point) and the services it serves, in order of preference."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from khiw.models.base import Base, UTCDateTime
from khiw.models.enums import CounterState
from khiw.models.ids import CounterId, OfficeId, ServiceId, StaffId


class CounterService(Base):
    """Link row: ``position`` 0 is the counter's main service; later ones are helped when idle."""

    __tablename__ = "counter_services"

    counter_id: Mapped[CounterId] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    service_id: Mapped[ServiceId] = mapped_column(ForeignKey("services.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Counter(Base):
    """A service point. ``state`` and ``staff_id`` say who is signed in right now."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("office_id", "number"),)

    id: Mapped[CounterId] = mapped_column(primary_key=True)
    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(default=True)
    state: Mapped[CounterState] = mapped_column(default=CounterState.CLOSED)
    staff_id: Mapped[StaffId | None] = mapped_column(ForeignKey("staff.id"))
    state_since: Mapped[datetime | None] = mapped_column(UTCDateTime())

    links: Mapped[list[CounterService]] = relationship(
        lazy="raise", order_by=CounterService.position, cascade="all, delete-orphan"
    )
