"""The Thai and English words a ticket and the kiosk share (see the glossary)."""

from __future__ import annotations

from khiw.models.enums import Priority
from khiw.vocabulary import PRIORITY_NAMES

# The kiosk's button and the ticket call the normal lane "the general queue ticket".
GENERAL_TH = "บัตรคิวทั่วไป"
GENERAL_EN = "General queue"
PRIORITY_TH = {p: name.th for p, name in PRIORITY_NAMES.items()} | {Priority.NONE: GENERAL_TH}
PRIORITY_EN = {p: name.en for p, name in PRIORITY_NAMES.items()} | {Priority.NONE: GENERAL_EN}
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


def standard_th(minutes: int) -> str:
    """``เวลามาตรฐานงานบริการ 15 นาที``: the office's published promise, one short line."""
    return f"เวลามาตรฐานงานบริการ {minutes} นาที"


def standard_en(minutes: int) -> str:
    return f"Standard service time {minutes} min"
