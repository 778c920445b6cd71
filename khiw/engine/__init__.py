"""The queue engine: every change of a ticket, as ``op(session, *, …) -> frozen result``.

Operations take a SQLAlchemy session and never commit: the edge (the CLI command or a
station's operation runner, usually through :meth:`khiw.db.Database.run`) owns the
transaction. Each operation writes the ticket and one hash-chained event in that transaction.
"""

from khiw.engine.auth import Actor, authenticate, hash_pin
from khiw.engine.calling import call_next, call_ticket
from khiw.engine.closing import close_day
from khiw.engine.counters import (
    close_counter,
    open_counter,
    pause_counter,
    resume_counter,
)
from khiw.engine.issuing import issue
from khiw.engine.position import TicketPosition, ticket_position
from khiw.engine.results import (
    CounterView,
    QueueEstimate,
    TicketCalled,
    TicketIssued,
    TicketTransferred,
    TicketUpdated,
    TicketView,
)
from khiw.engine.transitions import (
    cancel,
    finish,
    no_show,
    reactivate,
    recall,
    start,
    transfer,
)

# The domain's vocabularies, re-exported so that stations need not import the models package.
from khiw.models.enums import CounterState, EventKind, PauseReason, Priority, Role, TicketStatus
from khiw.models.survey import SurveyDimension

__all__ = [
    "Actor",
    "CounterState",
    "CounterView",
    "EventKind",
    "PauseReason",
    "Priority",
    "QueueEstimate",
    "Role",
    "SurveyDimension",
    "TicketCalled",
    "TicketIssued",
    "TicketPosition",
    "TicketStatus",
    "TicketTransferred",
    "TicketUpdated",
    "TicketView",
    "authenticate",
    "call_next",
    "call_ticket",
    "cancel",
    "close_counter",
    "close_day",
    "finish",
    "hash_pin",
    "issue",
    "no_show",
    "open_counter",
    "pause_counter",
    "reactivate",
    "recall",
    "resume_counter",
    "start",
    "ticket_position",
    "transfer",
]
