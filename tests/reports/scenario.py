"""A small day at the test office whose every figure is worked out by hand in the tests.

Minutes after MORNING (09:00 Friday 20 November 2026, Bangkok):

     0 A001 TAX issued            1 A002 TAX issued          2 A003 TAX elderly issued
     3 counter 1 opened (somchai)
     4 c1 calls A003: priority, overtakes A001 and A002 (justified: higher class)
     5 A003 started              10 B001 REG issued          12 A003 finished (7 min)
    13 c1 calls A002 out of order ("นัดหมาย"): overtakes A001 (unjustified)
    14 A002 started              20 A002 transferred to REG as B002 (keeps arrival 0:01)
    21 c1 calls A001             24 A001 no-show
    26 counter 2 opened (malee)
    27 c2 calls B002: overtakes B001 (justified: transfer kept its arrival time)
    28 B002 started              30 c1 paused for lunch; C001 WEL issued
    35 D001 BLD issued           36 D001 cancelled by the supervisor
    40 B002 finished (12 min)    41 c2 calls B001            43 B001 started
    50 c1 resumed                60 B001 finished (17 min)   61 c2 closed
    62 c1 closed                 70 day closed: C001 expires
"""

from __future__ import annotations

from datetime import datetime, timedelta

from khiw.db import Database
from khiw.engine import (
    call_next,
    call_ticket,
    cancel,
    close_counter,
    finish,
    issue,
    lookup,
    no_show,
    open_counter,
    pause_counter,
    resume_counter,
    start,
    transfer,
)
from khiw.models import Priority
from khiw.reports.closing import close_day_and_cache
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)


def at(minute: float) -> datetime:
    return MORNING + minute * MINUTE


def staff(db: Database, username: str) -> int:
    return db.query(lambda s: lookup.staff(s, username).id)


def build(db: Database) -> None:
    """Write the scenario's events through the engine."""
    somchai, malee, wanida = staff(db, "somchai"), staff(db, "malee"), staff(db, "wanida")
    db.run(issue, service="TAX", now=at(0))
    db.run(issue, service="TAX", now=at(1))
    db.run(issue, service="TAX", priority=Priority.ELDERLY, now=at(2))
    db.run(open_counter, counter=1, actor=somchai, now=at(3))
    assert db.run(call_next, counter=1, actor=somchai, now=at(4)).ticket.code == "A003"
    db.run(start, ticket="A003", actor=somchai, now=at(5))
    db.run(issue, service="REG", now=at(10))
    db.run(finish, ticket="A003", actor=somchai, now=at(12))
    db.run(call_ticket, counter=1, ticket="A002", reason="นัดหมาย", actor=somchai, now=at(13))
    db.run(start, ticket="A002", actor=somchai, now=at(14))
    assert db.run(transfer, ticket="A002", service="REG", actor=somchai, now=at(20)).new.code == "B002"
    assert db.run(call_next, counter=1, actor=somchai, now=at(21)).ticket.code == "A001"
    db.run(no_show, ticket="A001", actor=somchai, now=at(24))
    db.run(open_counter, counter=2, actor=malee, now=at(26))
    assert db.run(call_next, counter=2, actor=malee, now=at(27)).ticket.code == "B002"
    db.run(start, ticket="B002", actor=malee, now=at(28))
    db.run(pause_counter, counter=1, reason="lunch", actor=somchai, now=at(30))
    db.run(issue, service="WEL", now=at(30))
    db.run(issue, service="BLD", now=at(35))
    db.run(cancel, ticket="D001", reason="ไม่รอ", actor=wanida, now=at(36))
    db.run(finish, ticket="B002", actor=malee, now=at(40))
    assert db.run(call_next, counter=2, actor=malee, now=at(41)).ticket.code == "B001"
    db.run(start, ticket="B001", actor=malee, now=at(43))
    db.run(resume_counter, counter=1, actor=somchai, now=at(50))
    db.run(finish, ticket="B001", actor=malee, now=at(60))
    db.run(close_counter, counter=2, actor=malee, now=at(61))
    db.run(close_counter, counter=1, actor=somchai, now=at(62))
    db.run(close_day_and_cache, actor=wanida, now=at(70))
