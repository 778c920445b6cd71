"""Every change of a called ticket: recall, start, finish, no-show, reactivate, cancel, transfer.

Allowed moves (anything else raises :class:`InvalidTransition`)::

    waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
                       │ ▲ recall          │
                       │ └──────┘          ├─transfer─▶ transferred (+ a new waiting ticket)
                       ├─no-show─▶ no_show ─reactivate (same day)─▶ waiting
                       └─transfer─▶ transferred
    waiting | called | serving ──cancel──▶ cancelled;   waiting ──close-day──▶ expired
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from khiw.clock import local_day, resolve
from khiw.engine import eventlog, lookup
from khiw.engine.auth import require
from khiw.engine.numbering import new_ticket
from khiw.engine.results import TicketCalled, TicketTransferred, TicketUpdated
from khiw.errors import InvalidTransition
from khiw.models import EventKind, Office, Role, Ticket, TicketStatus
from khiw.models.ids import StaffId

_AT_COUNTER = (TicketStatus.CALLED, TicketStatus.SERVING)


def _load(session: Session, office: str | None, ref: str | int, now: datetime) -> tuple[Office, Ticket]:
    where = lookup.office(session, office)
    return where, lookup.ticket(session, where, ref, now, lock=True)


def _check(ticket: Ticket, allowed: tuple[TicketStatus, ...], action: str) -> None:
    if ticket.status not in allowed:
        raise InvalidTransition(ticket.code, ticket.status.value, action)


def _log(
    session: Session,
    office: Office,
    ticket: Ticket,
    kind: EventKind,
    staff_id: StaffId | None,
    now: datetime,
    *,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    waiting: int = 0,
) -> int:
    return eventlog.append(
        session,
        kind=kind,
        at=now,
        office_id=office.id,
        ticket=ticket,
        counter_id=ticket.counter_id,
        staff_id=staff_id,
        reason=reason,
        data=data,
        waiting=waiting,
    )


def _updated(
    session: Session,
    office: Office,
    ticket: Ticket,
    kind: EventKind,
    staff_id: StaffId | None,
    now: datetime,
    *,
    automatic: bool = False,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    waiting: int = 0,
) -> TicketUpdated:
    """Log the change and return the ticket; the view is read first, so the chain lock
    (taken by the log) is held only for the append and the commit."""
    session.flush()
    shown = lookup.view(session, ticket)
    event_id = _log(session, office, ticket, kind, staff_id, now, reason=reason, data=data, waiting=waiting)
    return TicketUpdated(ticket=shown, kind=kind, event_id=event_id, automatic=automatic)


def recall(
    session: Session, *, ticket: str | int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> TicketCalled | TicketUpdated:
    """Call a called ticket again (the board announces it again).

    When the office sets ``auto_no_show_after_recalls`` = N, the recall after the N-th one
    marks the ticket no-show instead and returns a :class:`TicketUpdated`.
    """
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "recall tickets")
    _check(t, (TicketStatus.CALLED,), "recall")
    limit = lookup.policy(where).auto_no_show_after_recalls
    if limit is not None and t.recalls >= limit:
        t.status = TicketStatus.NO_SHOW
        return _updated(session, where, t, EventKind.NO_SHOW, actor, now, automatic=True, reason=f"auto: no answer after {limit} recalls")
    t.recalls += 1
    t.last_called_at = now
    session.flush()
    shown = lookup.view(session, t)
    event_id = _log(session, where, t, EventKind.RECALLED, actor, now, data={"recalls": t.recalls})
    return TicketCalled(
        ticket=shown,
        counter_number=shown.counter_number or 0,
        recall=True,
        rule="recall",
        overtook=0,
        unjustified=0,
        event_id=event_id,
    )


def start(
    session: Session, *, ticket: str | int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> TicketUpdated:
    """The citizen has arrived at the counter: service time starts now."""
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "start service")
    _check(t, (TicketStatus.CALLED,), "start service")
    t.status = TicketStatus.SERVING
    t.started_at = now
    return _updated(session, where, t, EventKind.STARTED, actor, now)


def finish(
    session: Session, *, ticket: str | int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> TicketUpdated:
    """Service is complete; the service time (start → finish) is recorded in the event."""
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "finish service")
    _check(t, (TicketStatus.SERVING,), "finish")
    assert t.started_at is not None
    t.status = TicketStatus.DONE
    t.finished_at = now
    seconds = (now - t.started_at).total_seconds()
    return _updated(session, where, t, EventKind.FINISHED, actor, now, data={"service_s": round(seconds, 3)})


def no_show(
    session: Session, *, ticket: str | int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> TicketUpdated:
    """The citizen did not come when called."""
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "mark no-show")
    _check(t, (TicketStatus.CALLED,), "mark no-show")
    t.status = TicketStatus.NO_SHOW
    return _updated(session, where, t, EventKind.NO_SHOW, actor, now)


def reactivate(
    session: Session, *, ticket: str | int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> TicketUpdated:
    """A no-show who came back the same day waits again, in their original place in the queue."""
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "reactivate a no-show")
    _check(t, (TicketStatus.NO_SHOW,), "reactivate")
    if t.service_day != local_day(now, where.timezone):
        raise InvalidTransition(t.code, "from an earlier day", "reactivate")
    t.status = TicketStatus.WAITING
    t.counter_id = None
    t.staff_id = None
    return _updated(session, where, t, EventKind.REACTIVATED, actor, now, waiting=+1)


def cancel(
    session: Session,
    *,
    ticket: str | int,
    reason: str = "",
    actor: StaffId | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketUpdated:
    """Withdraw a ticket. Staff may cancel the ticket at their counter; taking a waiting
    ticket out of the queue is a supervisor's decision."""
    now = resolve(now)
    where, t = _load(session, office, ticket, now)
    _check(t, (TicketStatus.WAITING, *_AT_COUNTER), "cancel")
    require(session, actor, Role.STAFF if t.status in _AT_COUNTER else Role.SUPERVISOR, "cancel a waiting ticket")
    left_queue = -1 if t.status == TicketStatus.WAITING else 0
    t.status = TicketStatus.CANCELLED
    return _updated(session, where, t, EventKind.CANCELLED, actor, now, reason=reason or None, waiting=left_queue)


def transfer(
    session: Session,
    *,
    ticket: str | int,
    service: str,
    reason: str = "",
    actor: StaffId | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketTransferred:
    """Send a called or served citizen to another service's queue.

    The old ticket ends as ``transferred``; a new ticket with the next number of the target
    service keeps the priority class and the original arrival time, so the citizen does not
    go to the back of the new queue.
    """
    now = resolve(now)
    where, old = _load(session, office, ticket, now)
    require(session, actor, Role.STAFF, "transfer tickets")
    _check(old, _AT_COUNTER, "transfer")
    target = lookup.service(session, where, service)
    if target.id == old.service_id:
        raise InvalidTransition(old.code, "already in " + target.code, "transfer to the same service")
    day = local_day(now, where.timezone)
    new = new_ticket(session, service=target, day=day, priority=old.priority, issued_at=now, queued_at=old.queued_at, transferred_from=old.id)
    old.status = TicketStatus.TRANSFERRED
    if old.started_at is not None:
        old.finished_at = now
    session.flush()
    shown_old, shown_new = lookup.view(session, old), lookup.view(session, new)
    event_id = _log(
        session, where, old, EventKind.TRANSFERRED, actor, now, reason=reason or None, data={"to_ticket": new.id, "to_service": target.code}
    )
    eventlog.append(
        session,
        kind=EventKind.ISSUED,
        at=now,
        office_id=where.id,
        ticket=new,
        staff_id=actor,
        data={"number": new.number, "from_ticket": old.id},
        waiting=+1,
    )
    return TicketTransferred(old=shown_old, new=shown_new, event_id=event_id)
