"""Everything a counter window shows that is not its own last action, in one read.

The counter's equivalent of :mod:`khiw.engine.board`: the station asks for it through its
operation runner and folds it into its state, never composing engine reads itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from khiw.engine.alerts import PrinterAlert, latest_printer_alert
from khiw.engine.history import HandledTicket, handled_at_counter
from khiw.engine.calling import next_for_counter
from khiw.engine.results import CounterView, QueueEstimate, TicketView
from khiw.engine.status import OfficeStatus, office_status

HISTORY = 5


@dataclass(frozen=True)
class CounterSnapshot:
    """The office (queues, counters), what this counter handled today, a kiosk printer alert,
    and ``next_ticket``: the one ``call_next`` would give this counter now."""

    status: OfficeStatus
    handled: tuple[HandledTicket, ...]
    printer_alert: PrinterAlert | None
    next_ticket: TicketView | None = None

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
    return CounterSnapshot(
        status=office_status(session, office=office),
        handled=handled_at_counter(session, counter=counter, office=office, limit=history) if counter is not None else (),
        printer_alert=latest_printer_alert(session, office=office),
        next_ticket=next_for_counter(session, counter=counter, office=office) if counter is not None else None,
    )
