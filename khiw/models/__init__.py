"""The ORM models, one per module; import them from here."""

from khiw.models.base import Base
from khiw.models.counter import Counter, CounterService
from khiw.models.enums import CounterState, EventKind, PauseReason, Priority, Role, TicketStatus
from khiw.models.event import ChainHead, Event
from khiw.models.ids import CounterId, EventId, OfficeId, ServiceId, StaffId, TicketId
from khiw.models.numbering import DayNumber
from khiw.models.office import Office
from khiw.models.printer import PrinterState
from khiw.models.queue_count import QueueCount
from khiw.models.report_day import report_days
from khiw.models.service import Service
from khiw.models.staff import Staff
from khiw.models.survey import SurveyDimension, SurveyResponse
from khiw.models.ticket import Ticket

__all__ = [
    "Base",
    "ChainHead",
    "Counter",
    "CounterId",
    "CounterService",
    "CounterState",
    "DayNumber",
    "Event",
    "EventId",
    "EventKind",
    "Office",
    "OfficeId",
    "PauseReason",
    "Priority",
    "PrinterState",
    "QueueCount",
    "Role",
    "Service",
    "ServiceId",
    "Staff",
    "StaffId",
    "SurveyDimension",
    "SurveyResponse",
    "Ticket",
    "TicketId",
    "TicketStatus",
    "report_days",
]
