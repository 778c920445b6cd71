"""Writing a report file: JSON (every figure), CSV (the event log), XLSX and PDF."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from khiw.clock import local
from khiw.db import Database
from khiw.engine import lookup
from khiw.models import Counter, Event, Service, Staff, Ticket
from khiw.reports.data import Report, read_report, refresh_period
from khiw.reports.periods import Period

FORMATS = ("pdf", "xlsx", "csv", "json")
EVENT_COLUMNS = (
    "id", "at_utc", "at_local", "kind", "ticket_id", "ticket_code", "service", "counter", "staff",
    "priority", "reason", "data", "prev_hash", "hash",
)


def make_report(db: Database, *, period: Period, office: str | None = None, now: datetime | None = None) -> Report:
    """Refresh the day cache (a short write), then read and compute (a read)."""
    db.run(refresh_period, period=period, office=office)
    return db.query(read_report, period=period, office=office, now=now)


def write_report(db: Database, *, period: Period, office: str | None, fmt: str, out: str | Path, now: datetime | None = None) -> Report:
    """Compute the report and write it as ``fmt`` to ``out`` ('-': standard output)."""
    report = make_report(db, period=period, office=office, now=now)
    if fmt == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2)
        _write_text(out, text + "\n")
    elif fmt == "csv":
        _write_text(out, None, lambda stream: write_event_csv(db, report, period, office, stream))
    elif fmt == "xlsx":
        from khiw.reports.xlsx import write_xlsx

        with db.read() as session:
            write_xlsx(report, ticket_rows(session, period=period, office=office), event_rows(session, period=period, office=office), Path(out))
    elif fmt == "pdf":
        from khiw.reports.pdf import write_pdf

        write_pdf(report, Path(out))
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return report


def export_file(session: Session, *, report: Report, fmt: str, path: str) -> str:
    """Write an already computed ``report`` to ``path`` (the rows it needs read in ``session``).

    For the supervisor view, which has the report on screen and exports what it shows.
    """
    period, office = report.period, report.office_code
    if fmt == "json":
        Path(path).write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif fmt == "pdf":
        from khiw.reports.pdf import write_pdf

        write_pdf(report, Path(path))
    elif fmt == "xlsx":
        from khiw.reports.xlsx import write_xlsx

        write_xlsx(report, ticket_rows(session, period=period, office=office), event_rows(session, period=period, office=office), Path(path))
    elif fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as stream:
            out = csv.writer(stream)
            out.writerow(EVENT_COLUMNS)
            for row in event_rows(session, period=period, office=office):
                out.writerow(["" if v is None else v for v in row])
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return path


def _write_text(out: str | Path, text: str | None, writer: Any = None) -> None:
    if str(out) == "-":
        stream = sys.stdout
        if text is not None:
            stream.write(text)
        else:
            writer(stream)
        return
    # utf-8-sig: Excel opens the CSV with Thai intact; other tools ignore the mark.
    with open(out, "w", encoding="utf-8-sig" if text is None else "utf-8", newline="") as stream:
        if text is not None:
            stream.write(text)
        else:
            writer(stream)


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


TICKET_COLUMNS = (
    "id", "code", "service", "priority", "status", "issued_at", "queued_at", "called_at", "started_at",
    "finished_at", "recalls", "counter", "staff", "transferred_from",
)


def ticket_rows(session: Session, *, period: Period, office: str | None = None) -> Iterator[list[Any]]:
    """The ticket rows issued in the period (local times), in ``TICKET_COLUMNS`` order."""
    where = lookup.office(session, office)
    start, end = period.bounds(where.timezone)
    counter, staff, service = aliased(Counter), aliased(Staff), aliased(Service)
    rows = session.execute(
        select(Ticket, service.code, counter.number, staff.username)
        .join(service, service.id == Ticket.service_id)
        .outerjoin(counter, counter.id == Ticket.counter_id)
        .outerjoin(staff, staff.id == Ticket.staff_id)
        .where(Ticket.office_id == where.id, Ticket.issued_at >= start, Ticket.issued_at < end)
        .order_by(Ticket.id)
        .execution_options(yield_per=5000)
    )

    def at(value: datetime | None) -> str | None:
        return local(value, where.timezone).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds") if value else None

    for t, code, number, username in rows:
        yield [
            t.id, t.code, code, t.priority.value, t.status.value, at(t.issued_at), at(t.queued_at), at(t.called_at),
            at(t.started_at), at(t.finished_at), t.recalls, number, username, t.transferred_from_id,
        ]


def write_event_csv(db: Database, report: Report, period: Period, office: str | None, stream: io.TextIOBase) -> None:
    """The event log of the period for auditors: every column, including both hashes."""
    out = csv.writer(stream)
    out.writerow(EVENT_COLUMNS)
    with db.read() as session:
        for row in event_rows(session, period=period, office=office):
            out.writerow(["" if v is None else v for v in row])
