"""Counter sessions: open, pause (with a reason), resume, close.

The counter row holds the current state; the events hold the history from which reports
compute signed-in time, pauses by reason and utilisation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup
from khiw.engine.auth import require
from khiw.engine.results import CounterView, TicketView
from khiw.errors import CounterBusy, CounterClosed
from khiw.models import (
    Counter,
    CounterService,
    CounterState,
    EventKind,
    Office,
    PauseReason,
    Role,
    Service,
    Staff,
    Ticket,
    TicketStatus,
)
from khiw.models.ids import CounterId, StaffId

_CURRENT = (
    select(Ticket)
    .where(Ticket.counter_id == bindparam("counter_id"), Ticket.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]))
    .order_by(Ticket.last_called_at.desc())
    .limit(1)
)


def current_ticket(session: Session, counter_id: CounterId) -> Ticket | None:
    """The ticket called to or being served at the counter, if any (there is at most one)."""
    return session.execute(_CURRENT, {"counter_id": counter_id}).scalar_one_or_none()


def ensure_open(session: Session, office: Office, desk: Counter, staff: Staff | None, now: datetime) -> None:
    """Open a closed counter for whoever calls on it (a paused one is refused before: it must
    be resumed first), or hand an open one to the staff member now calling on it."""
    if desk.state == CounterState.CLOSED or (staff is not None and desk.staff_id != staff.id):
        _set_state(session, office, desk, CounterState.OPEN, staff.id if staff else None, now, EventKind.COUNTER_OPENED)


def open_counter(
    session: Session, *, counter: int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> CounterView:
    """Sign ``actor`` in at ``counter`` (taking it over from anyone still signed in there)."""
    now = resolve(now)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter, lock=True)
    staff = require(session, actor, Role.STAFF, "open a counter")
    event_id = None
    if desk.state != CounterState.OPEN or desk.staff_id != (staff.id if staff else None):
        if desk.state != CounterState.CLOSED:
            _set_state(session, where, desk, CounterState.CLOSED, desk.staff_id, now, EventKind.COUNTER_CLOSED, data={"taken_over": True})
        event_id = _set_state(session, where, desk, CounterState.OPEN, staff.id if staff else None, now, EventKind.COUNTER_OPENED)
    return counter_view(session, desk, event_id, EventKind.COUNTER_OPENED)


def pause_counter(
    session: Session,
    *,
    counter: int,
    reason: PauseReason | str,
    actor: StaffId | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> CounterView:
    """Pause an open counter for ``reason`` (a :class:`PauseReason`; anything else is kept as
    ``other``); it calls nobody meanwhile."""
    now = resolve(now)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter, lock=True)
    require(session, actor, Role.STAFF, "pause a counter")
    if desk.state != CounterState.OPEN:
        raise CounterClosed(desk.number, desk.state.value)
    busy = current_ticket(session, desk.id)
    if busy is not None:
        raise CounterBusy(desk.number, busy.code)
    why = PauseReason(reason) if reason in set(PauseReason) else PauseReason.OTHER
    event_id = _set_state(session, where, desk, CounterState.PAUSED, desk.staff_id, now, EventKind.COUNTER_PAUSED, reason=why)
    return counter_view(session, desk, event_id, EventKind.COUNTER_PAUSED)


def resume_counter(
    session: Session, *, counter: int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> CounterView:
    """End a pause."""
    now = resolve(now)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter, lock=True)
    require(session, actor, Role.STAFF, "resume a counter")
    if desk.state != CounterState.PAUSED:
        raise CounterClosed(desk.number, desk.state.value)
    event_id = _set_state(session, where, desk, CounterState.OPEN, desk.staff_id, now, EventKind.COUNTER_RESUMED)
    return counter_view(session, desk, event_id, EventKind.COUNTER_RESUMED)


def close_counter(
    session: Session, *, counter: int, actor: StaffId | None = None, office: str | None = None, now: datetime | None = None
) -> CounterView:
    """Sign out of the counter; a ticket still at the counter must be finished first."""
    now = resolve(now)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter, lock=True)
    require(session, actor, Role.STAFF, "close a counter")
    busy = current_ticket(session, desk.id)
    if busy is not None:
        raise CounterBusy(desk.number, busy.code)
    event_id = None
    if desk.state != CounterState.CLOSED:
        event_id = _set_state(session, where, desk, CounterState.CLOSED, desk.staff_id, now, EventKind.COUNTER_CLOSED)
    return counter_view(session, desk, event_id, EventKind.COUNTER_CLOSED)


def _set_state(
    session: Session,
    office: Office,
    desk: Counter,
    state: CounterState,
    staff_id: StaffId | None,
    now: datetime,
    kind: EventKind,
    *,
    reason: str | None = None,
    data: dict[str, object] | None = None,
) -> int:
    desk.state = state
    desk.staff_id = staff_id if state != CounterState.CLOSED else None
    desk.state_since = now
    return eventlog.append(session, kind=kind, at=now, office_id=office.id, counter_id=desk.id, staff_id=staff_id, reason=reason, data=data)


def counter_view(session: Session, desk: Counter, event_id: int | None = None, kind: EventKind | None = None) -> CounterView:
    """The counter as plain data, with its current ticket (one counter; see ``counter_views``);
    ``kind``: what the operation returning it did, ``event_id``: the event it wrote, if any."""
    current = current_ticket(session, desk.id)
    return _view(
        desk,
        session.get(Staff, desk.staff_id) if desk.staff_id else None,
        tuple(s.code for s in lookup.counter_services(session, desk.id)),
        lookup.view(session, current) if current else None,
        event_id,
        kind,
    )


# counter_views' reads, built once: every station re-reads or updates counters on each change.
_IDS = bindparam("ids", expanding=True)
_VIEW_SERVICES = (
    select(CounterService.counter_id, Service.code)
    .join(Service, Service.id == CounterService.service_id)
    .where(CounterService.counter_id.in_(_IDS), Service.active)
    .order_by(CounterService.counter_id, CounterService.position)
)
_VIEW_CURRENT = (
    select(Ticket)
    .where(Ticket.counter_id.in_(_IDS), Ticket.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]))
    .order_by(Ticket.last_called_at)  # the newest wins, as in current_ticket
)
_VIEW_STAFF = select(Staff).where(Staff.id.in_(_IDS))
_VIEW_TICKET_SERVICES = select(Service).where(Service.id.in_(_IDS))


def counter_views(session: Session, desks: list[Counter]) -> tuple[CounterView, ...]:
    """Every counter of ``desks`` as plain data, in four reads whatever their number.

    Stations re-read the whole office on every change, so this must not cost a query per
    counter.
    """
    ids = [d.id for d in desks]
    services: dict[CounterId, list[str]] = {i: [] for i in ids}
    for counter_id, code in session.execute(_VIEW_SERVICES, {"ids": ids}):
        services[counter_id].append(code)
    current = {t.counter_id: t for t in session.execute(_VIEW_CURRENT, {"ids": ids}).scalars()}
    staff_ids = {d.staff_id for d in desks if d.staff_id} | {t.staff_id for t in current.values() if t.staff_id}
    staff = {s.id: s for s in session.execute(_VIEW_STAFF, {"ids": sorted(staff_ids)}).scalars()} if staff_ids else {}
    # Held (until the views are built) so that ``lookup.view`` finds each ticket's service and
    # staff in the session, not by a query per counter: the session keeps only what something
    # still refers to.
    _held = list(session.execute(_VIEW_TICKET_SERVICES, {"ids": sorted({t.service_id for t in current.values()})}).scalars()) if current else []
    return tuple(
        _view(
            d,
            staff.get(d.staff_id) if d.staff_id else None,
            tuple(services[d.id]),
            lookup.view(session, current[d.id]) if d.id in current else None,
            None,
            None,
        )
        for d in desks
    )


def _view(
    desk: Counter, staff: Staff | None, services: tuple[str, ...], current: TicketView | None, event_id: int | None, kind: EventKind | None
) -> CounterView:
    return CounterView(
        number=desk.number,
        name=desk.name,
        state=desk.state,
        staff_username=staff.username if staff else None,
        staff_name=staff.display_name if staff else None,
        services=services,
        current=current,
        event_id=event_id,
        kind=kind,
    )
