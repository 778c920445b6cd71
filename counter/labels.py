"""Screen names of the counter's states, ticket states, outcomes and roles, translated.

Keyed by the engine's enums (re-exported by :mod:`khiw.engine`; the station does not import
the models). Thai words follow the project glossary. Texts are marked with
``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` collects them, and translated when shown.
Priority classes and pause reasons are named in :mod:`khiw.vocabulary`, for every surface.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from khiw.engine import CounterState, EventKind, Role, TicketStatus

CONTEXT = "Labels"

COUNTER_STATES = {
    CounterState.OPEN: QT_TRANSLATE_NOOP("Labels", "เปิดให้บริการ"),
    CounterState.PAUSED: QT_TRANSLATE_NOOP("Labels", "พักชั่วคราว"),
    CounterState.CLOSED: QT_TRANSLATE_NOOP("Labels", "ปิด"),
}

TICKET_STATES = {
    TicketStatus.WAITING: QT_TRANSLATE_NOOP("Labels", "รอเรียกคิว"),
    TicketStatus.CALLED: QT_TRANSLATE_NOOP("Labels", "เรียกคิวแล้ว รอผู้รับบริการ"),
    TicketStatus.SERVING: QT_TRANSLATE_NOOP("Labels", "กำลังให้บริการ"),
    TicketStatus.DONE: QT_TRANSLATE_NOOP("Labels", "เสร็จสิ้น"),
    TicketStatus.NO_SHOW: QT_TRANSLATE_NOOP("Labels", "ไม่มาแสดงตน"),
    TicketStatus.TRANSFERRED: QT_TRANSLATE_NOOP("Labels", "ส่งต่อแล้ว"),
    TicketStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "ยกเลิก"),
    TicketStatus.EXPIRED: QT_TRANSLATE_NOOP("Labels", "หมดอายุ"),
}

OUTCOMES = {
    EventKind.FINISHED: QT_TRANSLATE_NOOP("Labels", "เสร็จสิ้น"),
    EventKind.NO_SHOW: QT_TRANSLATE_NOOP("Labels", "ไม่มาแสดงตน"),
    EventKind.TRANSFERRED: QT_TRANSLATE_NOOP("Labels", "ส่งต่อ"),
    EventKind.CANCELLED: QT_TRANSLATE_NOOP("Labels", "ยกเลิก"),
}

PRINTER_PROBLEMS = {
    "paper_out": QT_TRANSLATE_NOOP("Labels", "กระดาษหมด"),
    "offline": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ไม่พร้อมใช้งาน"),
    "cover_open": QT_TRANSLATE_NOOP("Labels", "ฝาเครื่องพิมพ์เปิดอยู่"),
    "timeout": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ไม่ตอบสนอง"),
    "error": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ขัดข้อง"),
}

ROLES = {
    Role.STAFF: QT_TRANSLATE_NOOP("Labels", "เจ้าหน้าที่"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "หัวหน้างาน"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "ผู้ดูแลระบบ"),
}


def label(table: Mapping[str, str], value: str | None) -> str:
    """The translated name of ``value`` in ``table`` (the raw value if it is unknown)."""
    if value is None:
        return ""
    source = table.get(str(value))
    return QCoreApplication.translate(CONTEXT, source) if source else str(value)


def service_name(lang: str, name_th: str, name_en: str) -> str:
    """A service's name in ``lang``; the Thai name when it has no English one."""
    return name_en if lang == "en" and name_en else name_th
