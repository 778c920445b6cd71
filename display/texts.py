"""Every sentence on the board, Thai first and English second (glossary words)."""

from __future__ import annotations

from khiw.engine.alerts import PrinterAlert

NOW_CALLING = ("เชิญหมายเลข", "Now calling")
TO_COUNTER = ("ช่องบริการ", "Counter")
RECALL = ("เรียกซ้ำ", "Recall")
NO_CALL_YET = ("กรุณารอเรียกคิว", "Please wait to be called")
COUNTERS = ("ช่องบริการ", "Counter")
NUMBER = ("หมายเลขคิว", "Number")
WAITING = ("จำนวนคิวที่รอ", "Waiting")
UP_NEXT = ("ถัดไป", "Next")
TRANSFERRED_FROM = ("ส่งต่อจาก", "transferred from")
RECONNECTING = "กำลังเชื่อมต่อใหม่…"
CLOSED = "ปิดให้บริการ"

_PRINTER_PROBLEMS = {
    "paper_out": "กระดาษหมด",
    "cover_open": "ฝาเครื่องพิมพ์เปิดอยู่",
}


def pair(words: tuple[str, str], english: bool, sep: str = "  ·  ") -> str:
    """Thai, then the English after ``sep`` only when the board shows English (``english``)."""
    return f"{words[0]}{sep}{words[1]}" if english else words[0]


def waiting_count(count: int) -> str:
    """``รอ 5 คิว``."""
    return f"รอ {count} คิว"


def standard_time(minutes: int, english: bool) -> str:
    """``มาตรฐาน 15 นาที``: the service's published standard time (with English when shown)."""
    return f"มาตรฐาน {minutes} นาที" + (f"  ·  standard {minutes} min" if english else "")


def printer_alert(alert: PrinterAlert) -> str:
    """The staff notice for a kiosk printer fault, e.g. ``ตู้บัตรคิว kiosk-1: กระดาษหมด กรุณาแจ้งเจ้าหน้าที่``."""
    problem = _PRINTER_PROBLEMS.get(alert.problem, "เครื่องพิมพ์ไม่พร้อมใช้งาน")
    where = f"ตู้บัตรคิว {alert.kiosk}: " if alert.kiosk else ""
    return f"{where}{problem} กรุณาแจ้งเจ้าหน้าที่"
