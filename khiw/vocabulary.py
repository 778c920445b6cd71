"""The Thai and English names of the domain's vocabularies, declared once (see the glossary).

The kiosk, the ticket, the counter, the reports and the board all name a priority class or
a pause reason from these tables, so a new :class:`~khiw.models.enums.Priority` or
:class:`~khiw.models.enums.PauseReason` is named everywhere by adding one line here (a test
checks that every member has its name).
"""

from __future__ import annotations

from dataclasses import dataclass

from khiw.models.enums import PauseReason, Priority


@dataclass(frozen=True, slots=True)
class Name:
    """A value's name in Thai (shown first) and in English."""

    th: str
    en: str

    def in_language(self, lang: str) -> str:
        """The English name for ``en``, else the Thai one."""
        return self.en if lang == "en" else self.th


PRIORITY_NAMES: dict[Priority, Name] = {
    Priority.NONE: Name("ทั่วไป", "General"),
    Priority.ELDERLY: Name("ผู้สูงอายุ", "Elderly"),
    Priority.DISABLED: Name("ผู้พิการ", "Person with disability"),
    Priority.PREGNANT: Name("สตรีมีครรภ์", "Pregnant woman"),
    Priority.MONK: Name("พระภิกษุสงฆ์ / สามเณร", "Monk / novice"),
}

PAUSE_REASON_NAMES: dict[PauseReason, Name] = {
    PauseReason.LUNCH: Name("พักกลางวัน", "Lunch"),
    PauseReason.MEETING: Name("ประชุม", "Meeting"),
    PauseReason.OTHER: Name("อื่น ๆ", "Other"),
}

#: Why a ticket is called out of order, as the counter's numbered list offers them (the event
#: log keeps the Thai text, with the clerk's optional note after it).
OUT_OF_ORDER_REASONS: tuple[Name, ...] = (
    Name("กลับมาหลังไม่มาแสดงตน", "Came back after missing the call"),
    Name("กลับมาพร้อมเอกสารที่ขาด", "Came back with the missing documents"),
    Name("นัดหมายไว้ล่วงหน้า", "Had an appointment"),
    Name("มีเหตุจำเป็นเร่งด่วน", "Urgent need"),
    Name("หัวหน้างานมอบหมาย", "Asked by the supervisor"),
)
