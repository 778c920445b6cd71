"""The counter's actions, their keys, and when each one makes sense.

Keys are chosen for a USB numeric keypad, the cheapest way to give a counter PC dedicated
keys: every action is one key, the most frequent (call next) the biggest one (``+``), and
Enter moves the ticket on (start, then finish). Each key also exists on a full keyboard,
and NumLock-off aliases (Del for ``.``, Ins for ``0``) keep a keypad working either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from khiw.engine import CounterState, TicketStatus


@dataclass(frozen=True)
class ActionSpec:
    """One button: its name, translatable label, the key shown on it and every key that fires it."""

    name: str
    label: str
    key_text: str
    keys: tuple[Qt.Key, ...]


CALL_NEXT = "call_next"
RECALL = "recall"
START = "start"
FINISH = "finish"
NO_SHOW = "no_show"
TRANSFER = "transfer"
CALL_TICKET = "call_ticket"
PAUSE = "pause"

ACTIONS = (
    ActionSpec(CALL_NEXT, QT_TRANSLATE_NOOP("Actions", "เรียกคิวถัดไป"), "+", (Qt.Key.Key_Plus,)),
    ActionSpec(RECALL, QT_TRANSLATE_NOOP("Actions", "เรียกซ้ำ"), ".", (Qt.Key.Key_Period, Qt.Key.Key_Comma, Qt.Key.Key_Delete)),
    ActionSpec(START, QT_TRANSLATE_NOOP("Actions", "เริ่มให้บริการ"), "Enter", (Qt.Key.Key_Enter, Qt.Key.Key_Return)),
    ActionSpec(FINISH, QT_TRANSLATE_NOOP("Actions", "เสร็จสิ้น"), "Enter", (Qt.Key.Key_Enter, Qt.Key.Key_Return)),
    ActionSpec(NO_SHOW, QT_TRANSLATE_NOOP("Actions", "ไม่มาแสดงตน"), "−", (Qt.Key.Key_Minus,)),
    ActionSpec(TRANSFER, QT_TRANSLATE_NOOP("Actions", "ส่งต่อบริการอื่น"), "/", (Qt.Key.Key_Slash,)),
    ActionSpec(CALL_TICKET, QT_TRANSLATE_NOOP("Actions", "เรียกคิวระบุหมายเลข"), "*", (Qt.Key.Key_Asterisk,)),
    ActionSpec(PAUSE, QT_TRANSLATE_NOOP("Actions", "พักชั่วคราว"), "0", (Qt.Key.Key_0, Qt.Key.Key_Insert)),
)
RESUME_LABEL = QT_TRANSLATE_NOOP("Actions", "กลับมาให้บริการ")


def available(counter_state: CounterState, ticket_status: TicketStatus | None) -> frozenset[str]:
    """The actions that can succeed now, from the counter's state and its ticket's status.

    The engine still checks every one; this only keeps impossible buttons greyed out.
    """
    if counter_state == CounterState.PAUSED:
        return frozenset({PAUSE})
    if ticket_status == TicketStatus.CALLED:
        return frozenset({RECALL, START, NO_SHOW, TRANSFER})
    if ticket_status == TicketStatus.SERVING:
        return frozenset({FINISH, TRANSFER})
    return frozenset({CALL_NEXT, CALL_TICKET, PAUSE})


def for_key(key: int, enabled: frozenset[str]) -> str | None:
    """The enabled action a key press fires (Enter is start or finish, whichever applies)."""
    for spec in ACTIONS:
        if key in spec.keys and spec.name in enabled:
            return spec.name
    return None
