"""The counter window's state, and the one function that folds every outcome into it.

Every engine result (a ticket called, started, finished…, a counter opened or paused, a
fresh :class:`CounterSnapshot`) and every refusal goes through :func:`reduce`; the window then draws
the new state. Results carry the id of the event they wrote and a snapshot the newest event
it saw, so an older read can never put back a ticket this counter has already moved on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from khiw.engine import (
    Actor,
    CounterState,
    CounterView,
    EventKind,
    TicketCalled,
    TicketTransferred,
    TicketStatus,
    TicketUpdated,
    TicketView,
)
from khiw.engine.counter_snapshot import CounterSnapshot


@dataclass(frozen=True)
class Notice:
    """What to tell the staff member about the last outcome; translated when drawn.

    ``kind`` is the event the outcome wrote (None for a refusal, which carries ``error``);
    ``automatic`` says the office's rule did it (a no-show after the last recall);
    ``code`` and ``detail`` fill in its sentence.
    """

    kind: EventKind | None
    code: str = ""
    detail: str = ""
    automatic: bool = False
    error: BaseException | None = None


@dataclass(frozen=True)
class DeskState:
    """Who is signed in, at which counter, the ticket at the counter, and the office around it."""

    actor: Actor | None = None
    counter: int | None = None
    counter_state: CounterState = CounterState.CLOSED
    current: TicketView | None = None
    snapshot: CounterSnapshot | None = None
    seen_event: int = 0
    notice: Notice | None = None

    @property
    def ticket_status(self) -> TicketStatus | None:
        return self.current.status if self.current else None


# The counter events a staff member is told about (closing the counter ends the screen).
_COUNTER_NOTICES = (EventKind.COUNTER_OPENED, EventKind.COUNTER_PAUSED, EventKind.COUNTER_RESUMED)


def reduce(state: DeskState, outcome: Any) -> DeskState:
    """The state after ``outcome`` (an engine result, a :class:`CounterSnapshot` or an exception).

    Every result says which event it wrote and whether the office's rule acted, so the
    result alone decides what the staff member is told.
    """
    match outcome:
        case BaseException():
            return replace(state, notice=Notice(None, error=outcome))
        case Actor():
            return DeskState(actor=outcome, counter=state.counter, snapshot=state.snapshot)
        case CounterSnapshot():
            return _with_snapshot(state, outcome)
        case CounterView():
            return replace(
                _seen(state, outcome.event_id),
                counter=outcome.number,
                counter_state=outcome.state,
                current=outcome.current,
                notice=Notice(outcome.kind) if outcome.kind in _COUNTER_NOTICES else state.notice,
            )
        case TicketCalled():
            detail = str(outcome.ticket.recalls) if outcome.recall else ""
            return replace(
                _seen(state, outcome.event_id),
                counter_state=CounterState.OPEN,
                current=outcome.ticket,
                notice=Notice(outcome.kind, outcome.ticket.code, detail),
            )
        case TicketUpdated():
            return _updated(_seen(state, outcome.event_id), outcome)
        case TicketTransferred():
            return replace(
                _seen(state, outcome.event_id),
                current=_unless(state.current, outcome.old),
                notice=Notice(outcome.kind, outcome.old.code, outcome.new.code),
            )
    return state


def _updated(state: DeskState, outcome: TicketUpdated) -> DeskState:
    ticket = outcome.ticket
    notice = Notice(outcome.kind, ticket.code, str(ticket.recalls), automatic=outcome.automatic)
    if outcome.kind == EventKind.STARTED:
        return replace(state, current=ticket, notice=notice)
    if outcome.kind == EventKind.REACTIVATED:
        return replace(state, notice=notice)
    return replace(state, current=_unless(state.current, ticket), notice=notice)


def _unless(current: TicketView | None, gone: TicketView) -> TicketView | None:
    """``current`` unless it is the ticket that just left the counter."""
    return None if current is not None and current.id == gone.id else current


def _seen(state: DeskState, event_id: int | None) -> DeskState:
    return replace(state, seen_event=max(state.seen_event, event_id or 0))


def _with_snapshot(state: DeskState, snap: CounterSnapshot) -> DeskState:
    if snap.event_id < state.seen_event:
        return state  # older than what this counter already did; a newer read follows
    desk = snap.counter(state.counter)
    if desk is None or state.actor is None:
        return replace(state, snapshot=snap, seen_event=snap.event_id)
    return replace(
        state,
        snapshot=snap,
        seen_event=snap.event_id,
        counter_state=desk.state,
        current=desk.current,
    )
