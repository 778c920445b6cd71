"""Proving the event log and the tables beside it were not altered.

Three checks, each naming the first thing that is wrong:

- :func:`verify_chain` walks the log in id order, recomputing each hash and checking each
  link. An event whose content no longer matches its hash was altered; a gap in ids means
  events were removed there; a chain head that disagrees with the last event names which.
- :func:`verify` adds the state replay (:mod:`khiw.engine.replay`): tickets, counters and
  staff must be what the events say (:func:`khiw.reports.audit_days.verify` adds the cached
  report days).
- :func:`verify_anchor` checks that the log still holds a chain head recorded outside the
  database (in a printed or saved report). Only this catches a log that was cut or rewritten
  as a whole, with every hash recomputed: nothing inside one database can.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.engine.eventlog import GENESIS, event_hash
from khiw.engine.replay import verify_state
from khiw.engine.results import _Result
from khiw.errors import KhiwError
from khiw.models import ChainHead, Event


@dataclass(frozen=True, slots=True)
class AuditResult(_Result):
    """``ok`` with the number of events (and rows) checked, or the first problem found.

    ``first_bad_event`` is the event the problem is at (or, for a row, the last event that
    concerned it); ``first_bad_row`` names a table row the log does not explain.
    """

    ok: bool
    checked: int
    first_bad_event: int | None
    problem: str | None
    rows_checked: int = 0
    first_bad_row: str | None = None
    anchor: str | None = None


def verify_chain(session: Session, *, batch: int = 5000) -> AuditResult:
    """Check every event; stops at the first problem, which it names."""
    expected_prev, expected_id, checked = GENESIS, 1, 0
    rows = session.execute(select(Event).order_by(Event.id).execution_options(yield_per=batch)).scalars()
    for event in rows:
        if event.id != expected_id:
            removed = f"event {expected_id} was" if event.id == expected_id + 1 else f"events {expected_id} to {event.id - 1} were"
            return AuditResult(False, checked, expected_id, f"{removed} removed (ids jump from {expected_id - 1} to {event.id})")
        if event_hash(event) != event.hash:
            return AuditResult(False, checked, event.id, _altered(event))
        if event.prev_hash != expected_prev:
            # Both rows are self-consistent: either the previous one was edited and re-hashed, or
            # this one was replaced by a forged row. The earlier is named; the message says both.
            return AuditResult(
                False,
                checked,
                event.id - 1,
                f"event {event.id - 1} was altered and re-hashed, or event {event.id} was replaced (event {event.id} does not link to event {event.id - 1})",
            )
        expected_prev, expected_id, checked = event.hash, expected_id + 1, checked + 1
        session.expunge(event)
    head = session.execute(select(ChainHead).where(ChainHead.id == 1)).scalar_one()
    if head.last_id > checked:
        removed = f"event {checked + 1} was" if head.last_id == checked + 1 else f"events {checked + 1} to {head.last_id} were"
        return AuditResult(False, checked, checked + 1, f"{removed} removed from the end of the log (the chain head says {head.last_id})")
    if head.last_id < checked:
        return AuditResult(False, checked, head.last_id, f"the chain head was altered: it says {head.last_id} events, the log holds {checked}")
    if head.last_hash != expected_prev:
        return AuditResult(False, checked, checked, f"the chain head was altered: its hash is not event {checked}'s (the events themselves are intact)")
    return AuditResult(True, checked, None, None)


def _altered(event: Event) -> str:
    """Name an altered event; a row holding its neighbour's content means the two were swapped."""
    for other in (event.id + 1, event.id - 1):
        if other >= 1 and _hash_as(event, other) == event.hash:
            first, second = sorted((event.id, other))
            return f"events {first} and {second} were swapped (event {event.id} holds event {other}'s content)"
    return f"event {event.id} was altered (its content no longer matches its hash)"


def _hash_as(event: Event, event_id: int) -> str:
    """The hash ``event``'s content would have under another id (the ORM row is not touched)."""
    columns = {column.key: getattr(event, column.key) for column in Event.__table__.columns}
    return event_hash(SimpleNamespace(**{**columns, "id": event_id}))  # type: ignore[arg-type]


def verify(session: Session, *, batch: int = 5000) -> AuditResult:
    """The chain, then the state: tickets, counters and staff replayed."""
    chain = verify_chain(session, batch=batch)
    if not chain.ok:
        return chain
    rows, mismatch = verify_state(session, batch=batch)
    if mismatch is not None:
        return replace(chain, ok=False, first_bad_event=mismatch.event, problem=mismatch.problem, rows_checked=rows, first_bad_row=mismatch.row)
    return replace(chain, rows_checked=rows)


class AnchorUnreadable(KhiwError):
    """The file given to ``--against`` holds no chain head Khiw can read."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class ChainAnchor:
    """A chain head recorded outside the database: the last event's number and hash."""

    events: int
    hash: str
    source: str


_PDF_HEAD = re.compile(rb"khiw-chain-head:(\d{1,19}):([0-9a-f]{64})")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def read_anchor(path: str | Path) -> ChainAnchor:
    """The chain head a report carries: JSON ``"chain_head": {"events": N, "hash": H}`` at its
    top level, or ``khiw-chain-head:N:H`` in a PDF's keywords (read as bytes: no PDF library)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise AnchorUnreadable(f"{file}: cannot read: {err.strerror}") from None
    if data.lstrip().startswith(b"{"):
        try:
            head = json.loads(data)["chain_head"]
            events, digest = head["events"], head["hash"]
        except (ValueError, KeyError, TypeError):
            raise AnchorUnreadable(f"{file}: a JSON report without a \"chain_head\" of events and hash") from None
        if not (isinstance(events, int) and not isinstance(events, bool) and events >= 0 and isinstance(digest, str) and _HEX64.match(digest)):
            raise AnchorUnreadable(f"{file}: chain_head must be a number of events and a 64-digit lowercase hex hash")
        return ChainAnchor(events, digest, str(file))
    found = _PDF_HEAD.search(data)
    if found is None:
        raise AnchorUnreadable(f"{file}: no khiw-chain-head in this file (a Khiw PDF or JSON report carries one)")
    return ChainAnchor(int(found.group(1)), found.group(2).decode(), str(file))


def verify_anchor(session: Session, *, anchor: ChainAnchor) -> AuditResult:
    """Whether the log still holds the head ``anchor`` recorded (an event with that number and hash).

    Run after :func:`verify`: an intact chain that still contains the recorded head cannot
    have lost or rewritten anything up to it.
    """
    label = f"{anchor.source} (event {anchor.events})"
    if anchor.events == 0:
        return AuditResult(True, 0, None, None, anchor=label)
    head = session.execute(select(ChainHead.last_id).where(ChainHead.id == 1)).scalar_one()
    stored = session.execute(select(Event.hash).where(Event.id == anchor.events)).scalar_one_or_none()
    if stored is None:
        return AuditResult(
            False,
            head,
            min(head + 1, anchor.events),
            f"{anchor.source} was computed at event {anchor.events} but the log ends at event {head}: events {head + 1} to {anchor.events} were removed",
            anchor=label,
        )
    if stored != anchor.hash:
        return AuditResult(
            False,
            head,
            anchor.events,
            f"event {anchor.events} is not the one {anchor.source} was computed from: the log was rewritten at or before event {anchor.events}",
            anchor=label,
        )
    return AuditResult(True, head, None, None, anchor=label)
