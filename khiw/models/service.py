"""A service citizens queue for, with its published standard time."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from khiw.models.base import Base
from khiw.models.ids import OfficeId, ServiceId

if TYPE_CHECKING:
    from khiw.models.office import Office


class Service(Base):
    """One queue. ``prefix`` starts its ticket codes (``A`` → ``A001``)."""

    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("office_id", "code"),
        UniqueConstraint("office_id", "prefix"),
    )

    id: Mapped[ServiceId] = mapped_column(primary_key=True)
    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"))
    code: Mapped[str] = mapped_column(String(32))
    prefix: Mapped[str] = mapped_column(String(4))
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    standard_minutes: Mapped[int] = mapped_column(Integer)
    daily_cap: Mapped[int | None] = mapped_column(Integer)
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    opens: Mapped[time | None] = mapped_column(Time())
    closes: Mapped[time | None] = mapped_column(Time())
    color: Mapped[str] = mapped_column(String(16), default="#1565c0")
    icon: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # What the office publishes about the service (``ServiceConfig``'s steps, fee, documents,
    # unit in Thai and English), shown on the public page and the standards chart.
    published: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    office: Mapped[Office] = relationship(back_populates="services", lazy="raise")
