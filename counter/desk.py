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
    CounterView,
    TicketCalled,
    TicketTransferred,
    TicketUpdated,
    TicketView,
)
from khiw.engine.counter_snapshot import CounterSnapshot


@dataclass(frozen=True)
class Notice:
    """What to tell the staff member about the last outcome; translated when drawn.

    ``kind`` names the outcome (``called``, ``recalled``, ``auto_no_show``, ``started``,
    ``finished``, ``no_show``, ``transferred``, ``reactivated``, ``paused``, ``resumed``,
    ``opened``, ``cancelled``, ``error``); ``code`` and ``detail`` fill in its sentence.
    """

    kind: str
    code: str = ""
    detail: str = ""
    error: BaseException | None = None


@dataclass(frozen=True)
class DeskState:
    """Who is signed in, at which counter, the ticket at the counter, and the office around it."""

    actor: Actor | None = None
    counter: int | None = None
    counter_state: str = "closed"
    current: TicketView | None = None
    snapshot: CounterSnapshot | None = None
    seen_event: int = 0
    notice: Notice | None = None

    @property
    def ticket_status(self) -> str | None:
        return str(self.current.status) if self.current else None


def reduce(state: DeskState, outcome: Any, *, via: str = "") -> DeskState:
    """The state after ``outcome`` (an engine result, a :class:`CounterSnapshot` or an exception);
    ``via`` names the operation that produced it, where the result alone is ambiguous (a
    recall past the office's limit comes back as a no-show)."""
    match outcome:
        case BaseException():
            return replace(state, notice=Notice("error", error=outcome))
        case Actor():
            return DeskState(actor=outcome, counter=state.counter, snapshot=state.snapshot)
        case CounterSnapshot():
            return _with_snapshot(state, outcome)
        case CounterView():
            kind = {"paused": "paused", "open": "opened"}.get(str(outcome.state), "")
            if state.counter_state == "paused" and str(outcome.state) == "open":
                kind = "resumed"
            return replace(
                _seen(state, outcome.event_id),
                counter=outcome.number,
                counter_state=str(outcome.state),
                current=outcome.current,
                notice=Notice(kind) if kind else state.notice,
            )
        case TicketCalled():
            kind = "recalled" if outcome.recall else "called"
            detail = str(outcome.ticket.recalls) if outcome.recall else ""
            return replace(
                _seen(state, outcome.event_id),
                counter_state="open",
                current=outcome.ticket,
                notice=Notice(kind, outcome.ticket.code, detail),
            )
        case TicketUpdated():
            return _updated(_seen(state, outcome.event_id), outcome, auto=via == "recall")
        case TicketTransferred():
            return replace(
                _seen(state, outcome.event_id),
                current=_unless(state.current, outcome.old),
                notice=Notice("transferred", outcome.old.code, outcome.new.code),
            )
    return state


def _updated(state: DeskState, outcome: TicketUpdated, *, auto: bool) -> DeskState:
    ticket = outcome.ticket
    if outcome.action == "start":
        return replace(state, current=ticket, notice=Notice("started", ticket.code))
    if outcome.action == "reactivate":
        return replace(state, notice=Notice("reactivated", ticket.code))
    kind = {"finish": "finished", "no_show": "auto_no_show" if auto else "no_show", "cancel": "cancelled"}.get(outcome.action, outcome.action)
    return replace(state, current=_unless(state.current, ticket), notice=Notice(kind, ticket.code, str(ticket.recalls)))


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
        counter_state=str(desk.state),
        current=desk.current,
    )
