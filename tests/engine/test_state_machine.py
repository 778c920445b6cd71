"""Random sequences of operations (hypothesis stateful): the invariants hold after every step.

A simple model predicts each ticket's status; after every step the database must agree with
it, each counter holds at most one ticket, numbers are gap-free per service, and every ticket
change wrote exactly the events it should. The hash chain is verified at the end of each run.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter as Tally
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import (
    call_next,
    call_ticket,
    cancel,
    finish,
    issue,
    no_show,
    reactivate,
    recall,
    start,
    transfer,
)
from khiw.engine.audit import verify_chain
from khiw.errors import CounterBusy, InvalidTransition, QueueEmpty
from khiw.models import Priority, Ticket, TicketStatus
from tests.fixtures import MORNING, new_database, with_office

pytestmark = pytest.mark.slow

SERVICES = ["TAX", "REG", "INF"]
COUNTERS = {1: {"TAX", "INF"}, 2: {"REG", "INF"}, 3: {"INF"}}  # from the example office (WEL/CMP unused)
W, C, S, D, N, X, T = (
    TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.DONE,
    TicketStatus.NO_SHOW, TicketStatus.CANCELLED, TicketStatus.TRANSFERRED,
)


@cache
def template() -> Path:
    """A migrated SQLite office, built once and copied for each run (migrations are slow-ish)."""
    path = Path(tempfile.mkdtemp(prefix="khiw-sm-")) / "template.db"
    db = with_office(new_database(f"sqlite:///{path}"))
    db.dispose()
    return path


class QueueMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="khiw-run-"))
        shutil.copy(template(), self.folder / "k.db")
        self.db = Database(f"sqlite:///{self.folder / 'k.db'}")
        self.minute = 0
        self.status: dict[int, TicketStatus] = {}
        self.service: dict[int, str] = {}
        self.at_counter: dict[int, int | None] = {1: None, 2: None, 3: None}

    @property
    def now(self):  # noqa: ANN201 - a datetime
        self.minute += 1
        return MORNING + timedelta(minutes=self.minute)

    def teardown(self) -> None:
        try:
            result = self.db.query(verify_chain)
            assert result.ok, result.problem
        finally:
            self.db.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _waiting_for(self, counter: int) -> list[int]:
        return [t for t, s in self.status.items() if s == W and self.service[t] in COUNTERS[counter]]

    def _free(self, ticket: int) -> None:
        for counter, held in self.at_counter.items():
            if held == ticket:
                self.at_counter[counter] = None

    @initialize()
    def start_empty(self) -> None:
        pass

    @rule(service=st.sampled_from(SERVICES), priority=st.sampled_from([Priority.NONE, Priority.NONE, Priority.ELDERLY]))
    def issue_ticket(self, service: str, priority: Priority) -> None:
        t = self.db.run(issue, service=service, priority=priority, now=self.now).ticket
        assert t.id not in self.status
        self.status[t.id], self.service[t.id] = W, service

    @rule(counter=st.sampled_from(sorted(COUNTERS)))
    def call(self, counter: int) -> None:
        try:
            got = self.db.run(call_next, counter=counter, now=self.now).ticket
        except QueueEmpty:
            assert not self._waiting_for(counter) and self.at_counter[counter] is None
            return
        except CounterBusy:
            assert self.at_counter[counter] is not None
            return
        assert self.at_counter[counter] is None
        assert got.id in self._waiting_for(counter), "called a ticket that was not waiting for this counter"
        self.status[got.id], self.at_counter[counter] = C, got.id

    @rule(counter=st.sampled_from(sorted(COUNTERS)), data=st.data())
    def call_out_of_order(self, counter: int, data: st.DataObject) -> None:
        waiting = self._waiting_for(counter)
        if not waiting or self.at_counter[counter] is not None:
            return
        ticket = data.draw(st.sampled_from(waiting))
        got = self.db.run(call_ticket, counter=counter, ticket=ticket, reason="test", now=self.now)
        assert got.ticket.id == ticket and got.rule == "out_of_order"
        self.status[ticket], self.at_counter[counter] = C, ticket

    @precondition(lambda self: bool(self.status))
    @rule(data=st.data(), action=st.sampled_from(["recall", "start", "finish", "no_show", "reactivate", "cancel", "transfer"]))
    def act(self, data: st.DataObject, action: str) -> None:
        ticket = data.draw(st.sampled_from(sorted(self.status)))
        before = self.status[ticket]
        allowed = {
            "recall": {C}, "start": {C}, "finish": {S}, "no_show": {C}, "reactivate": {N},
            "cancel": {W, C, S}, "transfer": {C, S},
        }[action]
        op = {"recall": recall, "start": start, "finish": finish, "no_show": no_show, "reactivate": reactivate, "cancel": cancel, "transfer": transfer}[action]
        kwargs = {"service": "INF" if self.service[ticket] != "INF" else "TAX"} if action == "transfer" else {}
        try:
            result = self.db.run(op, ticket=ticket, now=self.now, **kwargs)
        except InvalidTransition:
            assert before not in allowed, f"{action} refused from {before}"
            return
        assert before in allowed, f"{action} allowed from {before}"
        if action == "transfer":
            self.status[ticket] = T
            self._free(ticket)
            new = result.new
            self.status[new.id], self.service[new.id] = W, new.service_code
            return
        after = result.ticket.status
        self.status[ticket] = after
        if after not in (C, S):
            self._free(ticket)

    @invariant()
    def database_agrees_with_the_model(self) -> None:
        with self.db.read() as s:
            rows = s.execute(select(Ticket.id, Ticket.status, Ticket.counter_id, Ticket.service_id, Ticket.number)).all()
        assert {r.id: r.status for r in rows} == self.status
        held = Tally(r.counter_id for r in rows if r.status in (C, S))
        assert max(held.values(), default=1) == 1, "a counter holds two tickets"
        per_service: dict[int, list[int]] = {}
        for r in rows:
            per_service.setdefault(r.service_id, []).append(r.number)
        assert all(sorted(n) == list(range(1, len(n) + 1)) for n in per_service.values())


QueueMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestQueueMachine = QueueMachine.TestCase
