"""Time in one place: UTC in storage, the office's local day for numbering and reports."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def resolve(now: datetime | None) -> datetime:
    """``now`` if the caller fixed it (tests, simulation), else the current instant."""
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


def local(dt: datetime, tz: str) -> datetime:
    """``dt`` in the office's time zone."""
    return dt.astimezone(ZoneInfo(tz))


def local_day(dt: datetime, tz: str) -> date:
    """The office's calendar day at instant ``dt``; ticket numbers restart with it."""
    return local(dt, tz).date()


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    """The UTC instants where the office's local ``day`` starts and the next one starts."""
    zone = ZoneInfo(tz)
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start.astimezone(UTC), end.astimezone(UTC)
