"""An office (branch). One database may hold several, so a province can report centrally."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from khiw.models.base import Base
from khiw.models.ids import OfficeId

if TYPE_CHECKING:
    from khiw.models.service import Service


class Office(Base):
    """An office with its local time zone, opening hours and queue policy.

    ``policy`` and ``ticket`` hold the office-wide settings from ``khiw.toml`` (see
    ``khiw.config``) so that every PC on the LAN applies the same rules.
    """

    __tablename__ = "offices"

    id: Mapped[OfficeId] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Bangkok")
    opens: Mapped[time | None] = mapped_column(Time())
    closes: Mapped[time | None] = mapped_column(Time())
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ticket: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    services: Mapped[list[Service]] = relationship(back_populates="office", lazy="raise")
