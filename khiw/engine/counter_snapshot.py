"""Everything a counter window shows that is not its own last action, in one read.

The counter's equivalent of :mod:`khiw.engine.board`: the station asks for it through its
operation runner and folds it into its state, never composing engine reads itself. After a
change it brings its last snapshot up to date (:func:`update_counter_snapshot`), reading
again only the parts the changes touch (issue #11: twelve counters re-read the whole office
on every change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session

from khiw.changes import PRINTS, Change
from khiw.clock import resolve
from khiw.engine import lookup
from khiw.engine.alerts import PrinterAlert, latest_printer_alert
from khiw.engine.history import OUTCOMES, HandledTicket, handled_at_counter
from khiw.engine.calling import next_in_line
from khiw.engine.results import CounterView, QueueEstimate, TicketView
from khiw.engine.status import OfficeStatus, office_status, refreshed, touched
from khiw.engine.touches import NEXT_KINDS

HISTORY = 5


@dataclass(frozen=True)
class CounterSnapshot:
    """The office (queues, counters), what this counter handled today, a kiosk printer alert,
    and ``next_ticket``: the one ``call_next`` would give this counter now.

    ``number``, ``counter_id`` and ``service_ids``: the counter it was read for, its id and
    its services' ids as the change feed names them (a station tells from them whether a
    change concerns its counter).
    """

    status: OfficeStatus
    handled: tuple[HandledTicket, ...]
    printer_alert: PrinterAlert | None
    next_ticket: TicketView | None = None
    number: int | None = None
    counter_id: int | None = None
    service_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def event_id(self) -> int:
        """The newest event this snapshot includes; older results must not overwrite it."""
        return self.status.event_id

    def counter(self, number: int | None) -> CounterView | None:
        """The view of counter ``number``, if the office has it."""
        return next((c for c in self.status.counters if c.number == number), None)

    def queues_of(self, number: int | None) -> tuple[QueueEstimate, ...]:
        """The queues of the services counter ``number`` serves, in the counter's order."""
        desk = self.counter(number)
        if desk is None:
            return ()
        by_code = {q.service_code: q for q in self.status.queues}
        return tuple(by_code[code] for code in desk.services if code in by_code)


def read_counter_snapshot(
    session: Session, *, counter: int | None, office: str | None = None, history: int = HISTORY, now: datetime | None = None
) -> CounterSnapshot:
    """Read a :class:`CounterSnapshot` in one transaction (run through the operation runner)."""
    now = resolve(now)
    status = office_status(session, office=office, now=now)
    alert = latest_printer_alert(session, office=office)
    if counter is None:
        return CounterSnapshot(status=status, handled=(), printer_alert=alert)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter)
    services = lookup.counter_services(session, desk.id)
    return CounterSnapshot(
        status=status,
        handled=handled_at_counter(session, counter=counter, office=office, limit=history, now=now),
        printer_alert=alert,
        next_ticket=next_in_line(session, where, services, now),
        number=counter,
        counter_id=desk.id,
        service_ids=frozenset(s.id for s in services),
    )


def update_counter_snapshot(
    session: Session,
    *,
    previous: CounterSnapshot,
    changes: Iterable[Change],
    counter: int | None,
    office: str | None = None,
    history: int = HISTORY,
    now: datetime | None = None,
) -> CounterSnapshot:
    """What :func:`read_counter_snapshot` would return now, from ``previous`` and the changes
    since (oldest first), reading again only what they touch: the queues and counters they
    name (:func:`khiw.engine.status.update_office_status`), the printer alert after a print
    outcome, the tickets handled here after an outcome here or a change to one of them, the
    next in line after a change to this counter's services' waiting tickets or calls. Another
    counter than ``previous``'s, or a change that may alter anything (settings, a closed day),
    makes it a full read."""
    now = resolve(now)
    changes = tuple(changes)
    plan = touched(changes)
    status = None
    if plan is not None and counter == previous.number:
        status = refreshed(session, previous.status, plan, office=office, now=now, counters=True)
    if plan is None or status is None:
        return read_counter_snapshot(session, counter=counter, office=office, history=history, now=now)
    alert = latest_printer_alert(session, office=office) if plan.kinds & PRINTS else previous.printer_alert
    if counter is None or previous.counter_id is None:
        return replace(previous, status=status, printer_alert=alert)
    handled, next_ticket = previous.handled, previous.next_ticket
    mine = {h.ticket_id for h in handled}
    if any((c.counter_id == previous.counter_id and c.kind in OUTCOMES) or c.ticket_id in mine for c in changes):
        handled = handled_at_counter(session, counter=counter, office=office, limit=history, now=now)
    if any(c.kind in NEXT_KINDS and c.service_id in previous.service_ids for c in changes):
        where = lookup.office(session, office)
        next_ticket = next_in_line(session, where, lookup.counter_services(session, previous.counter_id), now)
    return replace(previous, status=status, printer_alert=alert, handled=handled, next_ticket=next_ticket)
