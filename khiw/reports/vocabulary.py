"""The Thai words reports use for the codes the log stores (priorities, statuses, events).

Reports show the Thai word; the workbook and CSV keep the English code in a column of its
own, for scripts. Unknown codes show as themselves, so a new code is visible, never blank.
"""

from __future__ import annotations

from khiw.vocabulary import PAUSE_REASON_NAMES, PRIORITY_NAMES

PRIORITY_TH = {p.value: name.th for p, name in PRIORITY_NAMES.items()}
PAUSE_TH = {r.value: name.th for r, name in PAUSE_REASON_NAMES.items()}
STATUS_TH = {
    "waiting": "รอเรียก",
    "called": "เรียกแล้ว",
    "serving": "กำลังให้บริการ",
    "done": "เสร็จสิ้น",
    "no_show": "ไม่มาแสดงตน",
    "transferred": "ส่งต่อ",
    "cancelled": "ยกเลิก",
    "expired": "หมดอายุ",
}
EVENT_TH = {
    "issued": "ออกบัตรคิว",
    "called": "เรียกคิว",
    "recalled": "เรียกซ้ำ",
    "started": "เริ่มให้บริการ",
    "finished": "เสร็จสิ้น",
    "no_show": "ไม่มาแสดงตน",
    "reactivated": "กลับเข้าคิว",
    "transferred": "ส่งต่อ",
    "cancelled": "ยกเลิก",
    "expired": "หมดอายุ",
    "printed": "พิมพ์บัตรคิว",
    "print_failed": "พิมพ์ไม่สำเร็จ",
    "counter_opened": "เปิดช่องบริการ",
    "counter_paused": "พักชั่วคราว",
    "counter_resumed": "กลับมาให้บริการ",
    "counter_closed": "ปิดช่องบริการ",
    "staff_locked": "ล็อกบัญชีเจ้าหน้าที่",
    "day_closed": "ปิดวัน",
    "config_applied": "ปรับการตั้งค่า",
    "survey_answered": "ตอบแบบประเมิน",
}


def thai(table: dict[str, str], code: str | None) -> str:
    """The Thai word for ``code`` ('' for none, the code itself if it has no Thai word yet)."""
    return "" if code is None else table.get(code, code)
