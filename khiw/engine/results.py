"""Small frozen results that leave the transaction: plain data, no ORM objects."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from khiw.models import CounterState, EventKind, Priority, TicketStatus


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class _Result:
    def to_json(self) -> dict[str, Any]:
        """A dict of JSON-ready values (ISO timestamps), for ``--json`` and scripts."""
        return _jsonable(asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class TicketView(_Result):
    """A ticket as a station shows it."""

    id: int
    code: str
    number: int
    office_code: str
    service_code: str
    service_name_th: str
    service_name_en: str
    standard_minutes: int
    priority: Priority
    status: TicketStatus
    service_day: date
    issued_at: datetime
    queued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    recalls: int
    counter_number: int | None
    staff_username: str | None
    token: str
    transferred_from: int | None


@dataclass(frozen=True, slots=True)
class TicketIssued(_Result):
    """A new ticket, with the people ahead of it and the estimated wait in minutes."""

    ticket: TicketView
    ahead: int
    estimated_wait_minutes: int
    event_id: int


@dataclass(frozen=True, slots=True)
class TicketCalled(_Result):
    """A ticket called (or recalled) to a counter.

    ``overtook`` counts waiting tickets of the same service that were issued earlier and
    passed over, ``unjustified`` those not explained by a higher priority class or a
    transfer's kept arrival time. ``rule`` says why this ticket was chosen.
    """

    ticket: TicketView
    counter_number: int
    recall: bool
    rule: str
    overtook: int
    unjustified: int
    event_id: int

    @property
    def kind(self) -> EventKind:
        """The event the call wrote."""
        return EventKind.RECALLED if self.recall else EventKind.CALLED


@dataclass(frozen=True, slots=True)
class TicketUpdated(_Result):
    """A ticket started, finished, marked no-show, reactivated or cancelled.

    ``kind`` is the event the change wrote; ``automatic`` says the office's rule did it, not
    the person (a recall past ``auto_no_show_after_recalls`` comes back as a no-show).
    """

    ticket: TicketView
    kind: EventKind
    event_id: int
    automatic: bool = False


@dataclass(frozen=True, slots=True)
class TicketTransferred(_Result):
    """The old ticket (now ``transferred``) and the new one in the target service's queue."""

    old: TicketView
    new: TicketView
    event_id: int

    @property
    def kind(self) -> EventKind:
        """The event the transfer wrote."""
        return EventKind.TRANSFERRED


@dataclass(frozen=True, slots=True)
class CounterView(_Result):
    """A counter's state and what it is doing now.

    Returned by a counter operation, ``kind`` says what it did (the counter opened, paused,
    resumed or closed) and ``event_id`` is the event it wrote: None when the counter already
    was so (signing in again where one is signed in). Both are None for a plain read.
    """

    number: int
    name: str
    state: CounterState
    staff_username: str | None
    staff_name: str | None
    services: tuple[str, ...]
    current: TicketView | None
    event_id: int | None = None
    kind: EventKind | None = None


@dataclass(frozen=True, slots=True)
class QueueEstimate(_Result):
    """A service's queue: who waits, how long a newcomer would wait, and whether it is open."""

    service_code: str
    prefix: str
    name_th: str
    name_en: str
    color: str
    icon: str
    standard_minutes: int
    waiting: int
    waiting_priority: int
    oldest_wait_minutes: int
    open_counters: int
    minutes_per_ticket: float
    estimated_wait_minutes: int
    closed_reason: str | None
