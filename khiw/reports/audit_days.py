"""The audit of the cached report days: what :func:`khiw.engine.audit.verify` proves of the
tables, this proves of the figures reports are built from.

It lives beside the cache (the engine never reaches up to the reports), and :func:`verify`
is what ``khiw audit verify`` runs: the chain, the replayed tables, then every cached day
recomputed from the events and compared byte for byte.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.engine.audit import AuditResult
from khiw.engine.audit import verify as verify_tables
from khiw.engine.replay import Mismatch
from khiw.models import ChainHead, Office, report_days
from khiw.reports import daycache
from khiw.reports.extract import day_facts


def verify(session: Session, *, batch: int = 5000) -> AuditResult:
    """The chain and the tables (:func:`khiw.engine.audit.verify`), then the cached report days."""
    result = verify_tables(session, batch=batch)
    if not result.ok:
        return result
    days, mismatch = check_report_days(session)
    rows = result.rows_checked + days
    if mismatch is not None:
        return replace(result, ok=False, first_bad_event=mismatch.event, problem=mismatch.problem, rows_checked=rows, first_bad_row=mismatch.row)
    return replace(result, rows_checked=rows)


def check_report_days(session: Session) -> tuple[int, Mismatch | None]:
    """Recompute each cached report day from the events and compare it byte for byte.

    A day touched by events after its watermark is stale (the next report rebuilds it) and is
    not compared; a watermark beyond the end of the log means events were cut from its end.
    """
    table = report_days
    head = session.execute(select(ChainHead.last_id).where(ChainHead.id == 1)).scalar_one()
    checked = 0
    for office in session.execute(select(Office).order_by(Office.id)).scalars():
        rows = session.execute(select(table).where(table.c.office_id == office.id, table.c.version == daycache.VERSION).order_by(table.c.day)).all()
        if not rows:
            continue
        ahead = [r for r in rows if r.watermark > head]
        if ahead:
            r = ahead[0]
            return checked, Mismatch(
                f"report day {r.day}",
                head,
                f"report day {r.day} was computed at event {r.watermark} but the log ends at event {head}: events were removed from its end",
            )
        touched = daycache.latest_event_per_day(session, office, min(r.watermark for r in rows))
        for r in rows:
            if touched.get(r.day, 0) > r.watermark:
                continue  # stale: rebuilt from the events by the next report, never shown as is
            facts = day_facts(session, office.id, r.day, office.timezone)
            stored = {str(k): v for k, v in facts.reasons.items()}
            cached = r.reasons if isinstance(r.reasons, dict) else json.loads(r.reasons)
            for column, have, want in (
                ("tickets", bytes(r.tickets), facts.tickets.tobytes()),
                ("counter_events", bytes(r.counter_events), facts.counter_events.tobytes()),
                ("calls", bytes(r.calls), facts.calls.tobytes()),
                ("reasons", cached, stored),
            ):
                if have != want:
                    return checked, Mismatch(
                        f"report day {r.day}",
                        r.watermark,
                        f"report day {r.day} ({office.code}): the cached {column} differ from the events (cached at event {r.watermark})",
                    )
            checked += 1
    return checked, None
