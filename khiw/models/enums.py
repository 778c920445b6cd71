"""The closed vocabularies of the domain, stored as their string values.

Each is declared once, here; their Thai and English names are declared once too, in
:mod:`khiw.vocabulary`, and every list, table and label elsewhere derives from these.
"""

from __future__ import annotations

from enum import StrEnum


class Priority(StrEnum):
    """Priority classes an office can switch on; ``NONE`` is the normal lane.

    The report cache stores a class as its position here: add new classes at the end.
    """

    NONE = "none"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    MONK = "monk"

    @property
    def is_priority(self) -> bool:
        return self is not Priority.NONE


class TicketStatus(StrEnum):
    """Where a ticket is in its life; exactly one at a time."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"
    EXPIRED = "expired"

    @property
    def is_open(self) -> bool:
        """Still in the building's queue or at a counter."""
        return self in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING)


class PauseReason(StrEnum):
    """Why a counter is paused (stored as the pause event's reason); reports total each.

    The report cache stores a reason as its position here: add new reasons at the end.
    """

    LUNCH = "lunch"
    MEETING = "meeting"
    OTHER = "other"


class Role(StrEnum):
    """What a staff account may do; each role includes the ones before it."""

    STAFF = "staff"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class CounterState(StrEnum):
    """Whether a counter is staffed; utilisation is computed from the events that change it."""

    CLOSED = "closed"
    OPEN = "open"
    PAUSED = "paused"


class EventKind(StrEnum):
    """Every kind of entry in the append-only event log."""

    ISSUED = "issued"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    REACTIVATED = "reactivated"
    TRANSFERRED = "transferred"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    PRINTED = "printed"
    PRINT_FAILED = "print_failed"
    COUNTER_OPENED = "counter_opened"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_RESUMED = "counter_resumed"
    COUNTER_CLOSED = "counter_closed"
    STAFF_LOCKED = "staff_locked"
    DAY_CLOSED = "day_closed"
    CONFIG_APPLIED = "config_applied"
    SURVEY_ANSWERED = "survey_answered"
    SETTINGS_CHANGED = "settings_changed"  # one edit in the admin tab: who, what, old, new
