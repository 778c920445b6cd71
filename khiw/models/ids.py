"""Typed ids, so that a counter id can never be passed where a ticket id is expected."""

from typing import NewType

OfficeId = NewType("OfficeId", int)
ServiceId = NewType("ServiceId", int)
CounterId = NewType("CounterId", int)
StaffId = NewType("StaffId", int)
TicketId = NewType("TicketId", int)
EventId = NewType("EventId", int)
