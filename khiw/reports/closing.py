"""Closing the day and caching its report facts, in the one transaction of ``khiw close-day``.

The engine closes the day (:func:`khiw.engine.close_day`) without knowing that reports exist;
this is the step above it that also builds the finished day's facts from the events, so that
a year's report reads 365 cached days instead of millions of events.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import close_day, lookup
from khiw.models.ids import StaffId
from khiw.reports.daycache import refresh_through


def close_day_and_cache(session: Session, *, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None) -> int:
    """:func:`khiw.engine.close_day`, then bring the day cache up to date through today.

    Returns how many waiting tickets expired; the same refusals as ``close_day``.
    """
    now = resolve(now)
    expired = close_day(session, actor=actor, office=office, now=now)
    where = lookup.office(session, office)
    refresh_through(session, where, local_day(now, where.timezone))
    return expired
