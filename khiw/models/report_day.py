"""The report day cache: each office's local day of report facts (see khiw.reports.daycache).

Declared with the other models so that Alembic's comparison sees it (migration 0002 made
it). It is a cache of the event log, rebuilt from it whenever it is missing or older than the
events: dropping it loses nothing, which is why it is a plain table, not an ORM class.
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, Date, ForeignKey, Integer, LargeBinary, Table

from khiw.models.base import Base

report_days = Table(
    "report_days",
    Base.metadata,
    Column("office_id", Integer, ForeignKey("offices.id"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("watermark", BigInteger, nullable=False),
    Column("tickets", LargeBinary, nullable=False),
    Column("counter_events", LargeBinary, nullable=False),
    Column("calls", LargeBinary, nullable=False),
    Column("reasons", JSON, nullable=False),
)
