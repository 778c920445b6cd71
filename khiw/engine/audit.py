"""Recomputing the event chain to prove the log was not altered.

Walks the log in id order, recomputing each hash and checking each link. The first event
whose stored hash differs from its recomputed one was altered; a gap in ids, or a link that
does not match the previous hash, means events were removed there; a chain head ahead of the
last event means the newest events were removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.engine.eventlog import GENESIS, event_hash
from khiw.engine.results import _Result
from khiw.models import ChainHead, Event


@dataclass(frozen=True, slots=True)
class AuditResult(_Result):
    """``ok`` with the number of events checked, or the first problem found."""

    ok: bool
    checked: int
    first_bad_event: int | None
    problem: str | None


def verify_chain(session: Session, *, batch: int = 5000) -> AuditResult:
    """Check every event; stops at the first problem, which it names."""
    expected_prev, expected_id, checked = GENESIS, 1, 0
    rows = session.execute(select(Event).order_by(Event.id).execution_options(yield_per=batch)).scalars()
    for event in rows:
        if event.id != expected_id:
            return AuditResult(False, checked, expected_id, f"event {expected_id} was removed (ids jump from {expected_id - 1} to {event.id})")
        if event.prev_hash != expected_prev:
            return AuditResult(False, checked, event.id - 1, f"event {event.id - 1} was altered or replaced (event {event.id} links to a different hash)")
        if event_hash(event) != event.hash:
            return AuditResult(False, checked, event.id, f"event {event.id} was altered (its content no longer matches its hash)")
        expected_prev, expected_id, checked = event.hash, expected_id + 1, checked + 1
        session.expunge(event)
    head = session.execute(select(ChainHead).where(ChainHead.id == 1)).scalar_one()
    if head.last_id != checked or head.last_hash != expected_prev:
        return AuditResult(False, checked, checked + 1, f"events {checked + 1} to {head.last_id} were removed from the end of the log")
    return AuditResult(True, checked, None, None)
