"""The raw rows behind a report: the period's tickets and events, for the workbook and CSV."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from khiw.clock import local
from khiw.engine import lookup
from khiw.models import Counter, Event, Service, Staff, Ticket
from khiw.reports.periods import Period

EVENT_COLUMNS = (
    "id", "at_utc", "at_local", "kind", "ticket_id", "ticket_code", "service", "counter", "staff",
    "priority", "reason", "data", "prev_hash", "hash",
)


def event_rows(session: Session, *, period: Period, office: str | None = None) -> Iterator[list[Any]]:
    """The office's events in the period, one list per event in ``EVENT_COLUMNS`` order, by id."""
    where = lookup.office(session, office)
    start, end = period.bounds(where.timezone)
    counter, staff, service, ticket = aliased(Counter), aliased(Staff), aliased(Service), aliased(Ticket)
    query = (
        select(Event, ticket.code, service.code, counter.number, staff.username)
        .outerjoin(ticket, ticket.id == Event.ticket_id)
        .outerjoin(service, service.id == Event.service_id)
        .outerjoin(counter, counter.id == Event.counter_id)
        .outerjoin(staff, staff.id == Event.staff_id)
        .where(Event.office_id == where.id, Event.at >= start, Event.at < end)
        .order_by(Event.id)
        .execution_options(yield_per=5000)
    )
    for e, code, service_code, number, username in session.execute(query):
        yield [
            e.id,
            e.at.isoformat(),
            local(e.at, where.timezone).isoformat(),
            e.kind.value,
            e.ticket_id,
            code,
            service_code,
            number,
            username,
            e.priority.value if e.priority else None,
            e.reason,
            json.dumps(e.data or {}, ensure_ascii=False, sort_keys=True),
            e.prev_hash,
            e.hash,
        ]


def ticket_rows(session: Session, *, period: Period, office: str | None = None) -> Iterator[dict[str, Any]]:
    """The tickets issued in the period, with local (naive) times and Thai names beside codes."""
    where = lookup.office(session, office)
    start, end = period.bounds(where.timezone)
    counter, staff, service = aliased(Counter), aliased(Staff), aliased(Service)
    rows = session.execute(
        select(Ticket, service.code, service.name_th, counter.number, counter.name, staff.display_name)
        .join(service, service.id == Ticket.service_id)
        .outerjoin(counter, counter.id == Ticket.counter_id)
        .outerjoin(staff, staff.id == Ticket.staff_id)
        .where(Ticket.office_id == where.id, Ticket.issued_at >= start, Ticket.issued_at < end)
        .order_by(Ticket.id)
        .execution_options(yield_per=5000)
    )

    def at(value: datetime | None) -> datetime | None:
        return local(value, where.timezone).replace(tzinfo=None, microsecond=0) if value else None

    for t, code, name_th, number, counter_name, staff_name in rows:
        yield {
            "id": t.id,
            "code": t.code,
            "service": code,
            "service_th": name_th,
            "priority": t.priority.value,
            "status": t.status.value,
            "issued_at": at(t.issued_at),
            "called_at": at(t.called_at),
            "started_at": at(t.started_at),
            "finished_at": at(t.finished_at),
            "recalls": t.recalls,
            "counter": counter_name or (f"ช่อง {number}" if number else None),
            "staff": staff_name,
            "transferred_from": t.transferred_from_id,
        }


def event_rows_named(session: Session, *, period: Period, office: str | None = None) -> Iterator[dict[str, Any]]:
    """The period's events as dicts by ``EVENT_COLUMNS``, with ``at``: the local time as a
    naive date-time, which a workbook stores as a date cell."""
    for row in event_rows(session, period=period, office=office):
        moment = datetime.fromisoformat(row[2]).replace(tzinfo=None, microsecond=0)
        yield dict(zip(EVENT_COLUMNS, row, strict=True)) | {"at": moment}
