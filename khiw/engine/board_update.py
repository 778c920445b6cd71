"""Bringing the board's last snapshot up to date from the changes since, re-reading only what they touch.

Thirty stations re-read after every change of the office; a full :func:`khiw.engine.board.board_state`
is fifteen statements, half of them the queues of every service, while an issue touches one
queue and a call one queue and the calls (issue #11). What each kind of event touches, from
the engine that writes it (the sets are :mod:`khiw.engine.touches`'):

- a ticket joining a queue (issued, also the new ticket of a transfer): its service's queue;
- a call: the calls (a new one, and the live flags of the shown ones) and its service's queue;
- a recall or a no-show: the calls (the queues and their rates count neither);
- a finish, cancel, expiry, reactivation or transfer: the calls' live flags and the ticket's
  service's queue (a transfer's new ticket comes as its own "issued" event);
- a print outcome: the printer alert; a start, a locked account, a survey answer: nothing;
- anything else (counters opening, pausing or closing change the signed-in list and the open
  counters of several services; settings, the office's configuration, the day closing; a kind
  this version does not know): a full read.

The snapshot stays bounded by an event id, as a full read is: the newest change it was given
(events up to it are committed, ids being gap-free and committed in order), never a head read
now, which may include events whose changes have not arrived yet; their parts are re-read when
they do, so ``new_calls`` (the calls after ``after``) still misses and repeats none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from khiw.changes import PRINTS, Change
from khiw.clock import day_bounds, local_day, resolve
from khiw.engine import lookup
from khiw.engine.alerts import latest_printer_alert
from khiw.engine.board import (
    CALLS_BY_ID,
    CALL_KINDS,
    NEW_CALLS_LIMIT,
    BoardCall,
    BoardState,
    _call,
    board_state,
)
from khiw.engine.estimates import queue_estimates
from khiw.engine.results import QueueEstimate
from khiw.engine.touches import BOARD_UNSEEN, CALL_CHANGES, QUEUE_KINDS
from khiw.models import CounterState
from khiw.models.ids import ServiceId

#: Every kind the update brings in by itself; any other costs a full read.
UPDATABLE = QUEUE_KINDS | CALL_CHANGES | PRINTS | BOARD_UNSEEN


def board_update(
    session: Session,
    *,
    previous: BoardState,
    changes: Sequence[Change],
    after: int | None = None,
    recent: int = 10,
    alerts: bool = True,
    office: str | None = None,
    now: datetime | None = None,
) -> BoardState:
    """What :func:`board_state` (same arguments) returns now, given the snapshot ``previous``
    and the changes since (oldest first); ``after`` must be ``previous``'s event id (the board
    announces the calls after the snapshot it drew). Falls back to the full read for changes
    it cannot bring in safely, for another day, or when ``after`` is not the snapshot's."""
    now = resolve(now)
    full = lambda: board_state(session, after=after, recent=recent, alerts=alerts, office=office, now=now)
    if (
        after != previous.event_id
        or recent < 1
        or any(change.kind not in UPDATABLE for change in changes)
        or local_day(now, previous.timezone) != local_day(previous.at, previous.timezone)
    ):
        return full()
    bound = max((previous.event_id, *(change.event_id for change in changes)))
    touched = {ServiceId(c.service_id) for c in changes if c.kind in QUEUE_KINDS and c.service_id is not None}
    calls_changed = any(c.kind in CALL_CHANGES for c in changes)
    latest, per_counter, shown, fresh = previous.latest, previous.per_counter, previous.recent, ()
    waiting = previous.waiting
    if touched or calls_changed:
        where = lookup.office(session, office)
        if calls_changed:
            start, end = day_bounds(local_day(now, where.timezone), where.timezone)
            new_ids = {c.event_id for c in changes if c.kind in CALL_KINDS and c.event_id > previous.event_id}
            ids = new_ids | {c.event_id for c in (*previous.recent, *previous.per_counter)} | ({previous.latest.event_id} if previous.latest else set())
            rows = [row for row in session.execute(CALLS_BY_ID, {"office_id": where.id, "ids": sorted(ids)}).all() if start <= row[2] < end]
            calls = {int(row[0]): _call(row) for row in rows}
            signed_in = {int(row[0]) for row in rows if row.active and row.state != CounterState.CLOSED}
            newest = sorted(calls.values(), key=lambda call: call.event_id, reverse=True)
            latest, shown = newest[0] if newest else None, tuple(newest[:recent])
            per_counter = _per_counter(previous.per_counter, [calls[i] for i in sorted(new_ids) if i in calls], calls, signed_in)
            fresh = tuple(calls[i] for i in sorted(new_ids) if i in calls)[-NEW_CALLS_LIMIT:]
        if touched:
            waiting = _waiting(previous.waiting, queue_estimates(session, where, now, only=touched))
            if waiting is None:  # a service appeared or went: only the settings do that
                return full()
    alert = previous.alert
    if alerts and any(c.kind in PRINTS for c in changes):
        alert = latest_printer_alert(session, office=office)
    return BoardState(
        office_code=previous.office_code,
        office_name_th=previous.office_name_th,
        office_name_en=previous.office_name_en,
        timezone=previous.timezone,
        latest=latest,
        per_counter=per_counter,
        recent=shown,
        new_calls=fresh,
        waiting=waiting,
        alert=alert if alerts else None,
        event_id=bound,
        at=now,
        show_standard_time=previous.show_standard_time,
    )


def _per_counter(before: Iterable[BoardCall], new: Sequence[BoardCall], calls: dict[int, BoardCall], signed_in: set[int]) -> tuple[BoardCall, ...]:
    """Each signed-in counter's latest call: the ones shown (re-read) unless a new call of the
    counter replaces it (``new`` oldest first, so the newest of each counter wins)."""
    latest = {call.counter_number: call.event_id for call in before}
    latest.update({call.counter_number: call.event_id for call in new})
    return tuple(sorted((calls[i] for i in latest.values() if i in signed_in), key=lambda call: call.counter_number))


def _waiting(before: tuple[QueueEstimate, ...], read: list[QueueEstimate]) -> tuple[QueueEstimate, ...] | None:
    """``before`` with the services just read in place; None if one of them joined or left
    the board (its ``inactive`` reason changed)."""
    fresh = {q.service_code: q for q in read}
    shown = {q.service_code for q in before}
    if any((q.closed_reason != "inactive") != (q.service_code in shown) for q in read):
        return None
    return tuple(fresh.get(q.service_code, q) for q in before)
