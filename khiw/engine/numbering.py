"""Ticket numbers: per service and local day, from 1, allocated atomically.

One upsert both creates the day's row and increments it, and returns the new value; the
row lock it takes (PostgreSQL) or the write lock already held (SQLite ``BEGIN IMMEDIATE``)
makes concurrent kiosks queue for a microsecond instead of sharing a number. The unique
constraint on tickets backs it up.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from khiw.models import DayNumber
from khiw.models.ids import ServiceId


def next_number(session: Session, service_id: ServiceId, day: date) -> int:
    """The next free number of ``service_id`` on ``day`` (1 for the day's first ticket)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(DayNumber).values(service_id=service_id, day=day, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[DayNumber.service_id, DayNumber.day],
        set_={"last": DayNumber.last + 1},
    ).returning(DayNumber.last)
    return int(session.execute(stmt).scalar_one())


def format_code(prefix: str, number: int) -> str:
    """``A`` and 12 → ``A012``: the code printed, shown on the board and spoken."""
    return f"{prefix}{number:03d}"
