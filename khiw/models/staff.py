"""Staff accounts. PINs are stored only as argon2 hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.enums import Role
from khiw.models.ids import OfficeId, StaffId


class Staff(Base):
    """A member of staff; ``failed_pins`` and ``locked_until`` throttle PIN guessing."""

    __tablename__ = "staff"

    id: Mapped[StaffId] = mapped_column(primary_key=True)
    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"))
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(default=Role.STAFF)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
