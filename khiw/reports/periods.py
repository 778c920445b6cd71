"""Report periods: the Thai fiscal year, its halves, a month, or any run of days.

Accepted forms (``YYYY`` is a Buddhist-era year when it is 2400 or more, else Christian):

* ``2569`` - fiscal year 2569: 1 October 2568 to 30 September 2569 (Christian: 1 October
  2025 to 30 September 2026; a Christian fiscal year is named by the year it ends in).
* ``2569-H1`` / ``2569-H2`` - its first half (October-March) or second half (April-September).
* ``2569-11`` - a calendar month (November 2569 = November 2026).
* ``2026-11-20`` - one day; ``2026-11-01..2026-11-30`` - days, both ends included.

Every period is a run of whole local days of the office; :func:`bounds` gives its UTC instants.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from khiw.clock import day_bounds
from khiw.thaidate import BE_OFFSET, MONTHS, thai_date

BE_FROM = 2400

_FY = re.compile(r"^(\d{4})$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_RANGE = re.compile(rf"^{_DAY}(?:\s*\.\.\s*{_DAY})?$")


class PeriodError(ValueError):
    """A period the parser does not understand, with the accepted forms in the message."""


@dataclass(frozen=True)
class Period:
    """Local days ``first`` … ``last`` (both included), its code and its Thai and English names."""

    first: date
    last: date
    code: str
    label_th: str
    label_en: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        """UTC instants of the first day's local midnight and of the midnight after the last day."""
        return day_bounds(self.first, tz)[0], day_bounds(self.last, tz)[1]

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.days)]

    @property
    def range_th(self) -> str:
        """``1 ตุลาคม 2568 – 31 มีนาคม 2569``."""
        if self.first == self.last:
            return thai_date(self.first)
        return f"{thai_date(self.first)} – {thai_date(self.last)}"


def ce_year(year: int) -> int:
    """A year as written by the user, as a Christian-era year (BE when ≥ 2400)."""
    return year - BE_OFFSET if year >= BE_FROM else year


def fiscal_year(day: date) -> int:
    """The Buddhist-era fiscal year ``day`` belongs to (October starts the next one)."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def parse_period(text: str) -> Period:
    """Parse one of the forms in the module docstring; :class:`PeriodError` otherwise."""
    raw = text.strip()
    try:
        if m := _FY.match(raw):
            return _fiscal(ce_year(int(m.group(1))), None)
        if m := _HALF.match(raw):
            return _fiscal(ce_year(int(m.group(1))), int(m.group(2)))
        if m := _MONTH.match(raw):
            return _month(ce_year(int(m.group(1))), int(m.group(2)))
        if m := _RANGE.match(raw):
            first = date(ce_year(int(m.group(1))), int(m.group(2)), int(m.group(3)))
            last = first if m.group(4) is None else date(ce_year(int(m.group(4))), int(m.group(5)), int(m.group(6)))
            return days(first, last)
    except ValueError as err:
        raise PeriodError(f"{text!r}: {err}") from None
    raise PeriodError(f"{text!r} is not a period: use 2569, 2569-H1, 2569-H2, 2569-11, 2026-11-20 or 2026-11-01..2026-11-30")


def _fiscal(end_year: int, half: int | None) -> Period:
    be = end_year + BE_OFFSET
    if half is None:
        first, last = date(end_year - 1, 10, 1), date(end_year, 9, 30)
        return Period(first, last, f"{be}", f"ปีงบประมาณ พ.ศ. {be}", f"Fiscal year {be} BE ({end_year - 1}-10-01 to {last})")
    if half == 1:
        first, last = date(end_year - 1, 10, 1), date(end_year, 3, 31)
        name_th = "รอบ ๖ เดือนแรก"
    else:
        first, last = date(end_year, 4, 1), date(end_year, 9, 30)
        name_th = "รอบ ๖ เดือนหลัง"
    return Period(first, last, f"{be}-H{half}", f"{name_th} ปีงบประมาณ พ.ศ. {be}", f"Fiscal year {be} BE, half {half} ({first} to {last})")


def _month(year: int, month: int) -> Period:
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    be = year + BE_OFFSET
    return Period(first, last, f"{be}-{month:02d}", f"เดือน{MONTHS[month - 1]} พ.ศ. {be}", f"{calendar.month_name[month]} {year}")


def days(first: date, last: date) -> Period:
    """The days ``first`` … ``last``."""
    if last < first:
        raise PeriodError(f"the period ends ({last}) before it starts ({first})")
    if first == last:
        return Period(first, last, first.isoformat(), thai_date(first), first.isoformat())
    return Period(first, last, f"{first}..{last}", f"{thai_date(first)} – {thai_date(last)}", f"{first} to {last}")


def previous(period: Period) -> Period:
    """The period of the same kind just before ``period``: the fiscal year, half, month before,
    or as many days just before (what an executive compares a report against)."""
    code = period.code
    if code.isdigit():
        return parse_period(str(int(code) - 1))
    if code.endswith("-H2"):
        return parse_period(f"{code[:4]}-H1")
    if code.endswith("-H1"):
        return parse_period(f"{int(code[:4]) - 1}-H2")
    if re.fullmatch(r"\d{4}-\d{2}", code):
        before = period.first - timedelta(days=1)
        return _month(before.year, before.month)
    return days(period.first - timedelta(days=period.days), period.first - timedelta(days=1))

