"""The Thai and English words a ticket and the kiosk share (see the glossary)."""

from __future__ import annotations

from khiw.models.enums import Priority

PRIORITY_TH = {
    Priority.NONE: "บัตรคิวทั่วไป",
    Priority.ELDERLY: "ผู้สูงอายุ",
    Priority.DISABLED: "ผู้พิการ",
    Priority.PREGNANT: "สตรีมีครรภ์",
    Priority.MONK: "พระภิกษุสงฆ์ / สามเณร",
}
PRIORITY_EN = {
    Priority.NONE: "General queue",
    Priority.ELDERLY: "Elderly",
    Priority.DISABLED: "Person with disability",
    Priority.PREGNANT: "Pregnant woman",
    Priority.MONK: "Monk / novice",
}
PRIORITY_LANE_TH = "ช่องทางพิเศษ"
PRIORITY_LANE_EN = "Priority lane"
TICKET_TH = "บัตรคิว"
TICKET_EN = "Queue ticket"


def ahead_th(count: int) -> str:
    """``รออีก 3 คิว`` (nobody ahead: ``ท่านเป็นคิวถัดไป``)."""
    return "ท่านเป็นคิวถัดไป" if count == 0 else f"รออีก {count} คิว"


def ahead_en(count: int) -> str:
    return "You are next" if count == 0 else f"{count} ahead of you"


def wait_th(minutes: int) -> str:
    """``เวลารอโดยประมาณ 15 นาที``."""
    return f"เวลารอโดยประมาณ {minutes} นาที"


def wait_en(minutes: int) -> str:
    return f"Estimated wait {minutes} min"
