"""Everything a counter window shows that is not its own last action, in one read.

The counter's equivalent of :mod:`khiw.engine.board`: the station asks for it through its
operation runner and folds it into its state, never composing engine reads itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from khiw.clock import utcnow
from khiw.engine import lookup
from khiw.engine.alerts import PrinterAlert, latest_printer_alert
from khiw.engine.history import HandledTicket, handled_at_counter
from khiw.engine.calling import next_in_line
from khiw.engine.results import CounterView, QueueEstimate, TicketView
from khiw.engine.status import OfficeStatus, office_status

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


def read_counter_snapshot(session: Session, *, counter: int | None, office: str | None = None, history: int = HISTORY) -> CounterSnapshot:
    """Read a :class:`CounterSnapshot` in one transaction (run through the operation runner)."""
    status = office_status(session, office=office)
    alert = latest_printer_alert(session, office=office)
    if counter is None:
        return CounterSnapshot(status=status, handled=(), printer_alert=alert)
    where = lookup.office(session, office)
    desk = lookup.counter(session, where, counter)
    services = lookup.counter_services(session, desk.id)
    return CounterSnapshot(
        status=status,
        handled=handled_at_counter(session, counter=counter, office=office, limit=history),
        printer_alert=alert,
        next_ticket=next_in_line(session, where, services, utcnow()),
        number=counter,
        counter_id=desk.id,
        service_ids=frozenset(s.id for s in services),
    )
