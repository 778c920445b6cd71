"""Dates and numbers the Thai way: Buddhist-era years, Thai month names, optional Thai digits."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BE_OFFSET = 543


def thai_digits(text: str) -> str:
    """Arabic digits replaced by Thai digits (๐-๙)."""
    return text.translate(_DIGITS)


def be_year(year: int) -> int:
    """Buddhist-era year of a Christian-era year (พ.ศ. = ค.ศ. + 543)."""
    return year + BE_OFFSET


def thai_date(day: date, *, short: bool = False, weekday: bool = False, digits: bool = False) -> str:
    """``20 พฤศจิกายน 2569`` (``short``: ``20 พ.ย. 2569``; ``weekday``: ``วันศุกร์ที่ 20 …``)."""
    month = (MONTHS_SHORT if short else MONTHS)[day.month - 1]
    text = f"{day.day} {month} {be_year(day.year)}"
    if weekday:
        text = f"วัน{WEEKDAYS[day.weekday()]}ที่ {text}"
    return thai_digits(text) if digits else text


def thai_time(moment: datetime, *, seconds: bool = False, digits: bool = False) -> str:
    """``09:15 น.`` in the moment's own time zone."""
    text = moment.strftime("%H:%M:%S" if seconds else "%H:%M") + " น."
    return thai_digits(text) if digits else text


EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def english_date(day: date) -> str:
    """``20 Nov 2026``: the Common Era and English month names, whatever the PC's locale."""
    return f"{day.day} {EN_MONTHS_SHORT[day.month - 1]} {day.year}"
