"""Screen names of the domain's values (priority classes, states, outcomes), translated.

The values arrive as plain strings (the engine's StrEnum values); the station does not import
the models. Thai words follow the project glossary. Texts are marked with
``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` collects them, and translated when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Labels"

PRIORITIES = {
    "none": QT_TRANSLATE_NOOP("Labels", "ทั่วไป"),
    "elderly": QT_TRANSLATE_NOOP("Labels", "ผู้สูงอายุ"),
    "disabled": QT_TRANSLATE_NOOP("Labels", "ผู้พิการ"),
    "pregnant": QT_TRANSLATE_NOOP("Labels", "สตรีมีครรภ์"),
    "monk": QT_TRANSLATE_NOOP("Labels", "พระภิกษุสงฆ์ / สามเณร"),
}

COUNTER_STATES = {
    "open": QT_TRANSLATE_NOOP("Labels", "เปิดให้บริการ"),
    "paused": QT_TRANSLATE_NOOP("Labels", "พักชั่วคราว"),
    "closed": QT_TRANSLATE_NOOP("Labels", "ปิด"),
}

TICKET_STATES = {
    "waiting": QT_TRANSLATE_NOOP("Labels", "รอเรียกคิว"),
    "called": QT_TRANSLATE_NOOP("Labels", "เรียกคิวแล้ว รอผู้รับบริการ"),
    "serving": QT_TRANSLATE_NOOP("Labels", "กำลังให้บริการ"),
    "done": QT_TRANSLATE_NOOP("Labels", "เสร็จสิ้น"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "ไม่มาแสดงตน"),
    "transferred": QT_TRANSLATE_NOOP("Labels", "ส่งต่อแล้ว"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "ยกเลิก"),
    "expired": QT_TRANSLATE_NOOP("Labels", "หมดอายุ"),
}

OUTCOMES = {
    "finished": QT_TRANSLATE_NOOP("Labels", "เสร็จสิ้น"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "ไม่มาแสดงตน"),
    "transferred": QT_TRANSLATE_NOOP("Labels", "ส่งต่อ"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "ยกเลิก"),
}

PAUSE_REASONS = {
    "lunch": QT_TRANSLATE_NOOP("Labels", "พักกลางวัน"),
    "meeting": QT_TRANSLATE_NOOP("Labels", "ประชุม"),
    "other": QT_TRANSLATE_NOOP("Labels", "อื่น ๆ"),
}

PRINTER_PROBLEMS = {
    "paper_out": QT_TRANSLATE_NOOP("Labels", "กระดาษหมด"),
    "offline": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ไม่พร้อมใช้งาน"),
    "cover_open": QT_TRANSLATE_NOOP("Labels", "ฝาเครื่องพิมพ์เปิดอยู่"),
    "timeout": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ไม่ตอบสนอง"),
    "error": QT_TRANSLATE_NOOP("Labels", "เครื่องพิมพ์ขัดข้อง"),
}

ROLES = {
    "staff": QT_TRANSLATE_NOOP("Labels", "เจ้าหน้าที่"),
    "supervisor": QT_TRANSLATE_NOOP("Labels", "หัวหน้างาน"),
    "admin": QT_TRANSLATE_NOOP("Labels", "ผู้ดูแลระบบ"),
}


def label(table: dict[str, str], value: str | None) -> str:
    """The translated name of ``value`` in ``table`` (the raw value if it is unknown)."""
    if value is None:
        return ""
    source = table.get(str(value))
    return QCoreApplication.translate(CONTEXT, source) if source else str(value)


def service_name(lang: str, name_th: str, name_en: str) -> str:
    """A service's name in ``lang``; the Thai name when it has no English one."""
    return name_en if lang == "en" and name_en else name_th
