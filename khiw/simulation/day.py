"""One simulated office day, driven through the engine's own operations with ``now=``.

A discrete-event loop: citizens arrive and take tickets, each staffed counter calls the next
ticket (the engine chooses which, by its policy), the citizen walks up or does not come, is
served for a while and sometimes sent on to another service; counters pause for lunch and
the odd meeting and sign out after the last citizen. At the end the day is closed, which
expires whoever is still waiting. Nothing is written except through engine operations.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw import engine
from khiw.clock import day_bounds
from khiw.engine import lookup
from khiw.engine.survey import answer_survey
from khiw.errors import CounterBusy, KhiwError, QueueEmpty, ServiceClosed
from khiw.models import Counter, Office, Priority, Role, Service, Staff
from khiw.reports.closing import close_day_and_cache
from khiw.simulation import profile as p

SECOND = timedelta(seconds=1)


@dataclass
class Desk:
    """A staffed counter in the simulation."""

    number: int
    staff_id: int
    services: list[str]
    lunch_at: datetime
    meeting_at: datetime | None
    idle: bool = False
    had_lunch: bool = False
    had_meeting: bool = False
    closed: bool = False


@dataclass
class DayResult:
    """What one simulated day produced."""

    day: date
    issued: int = 0
    turned_away: int = 0
    expired: int = 0


@dataclass(order=True)
class _Step:
    at: datetime
    seq: int
    action: Callable[[datetime], None] = field(compare=False)


class DaySimulation:
    """Runs one day on an open session (the caller owns the transaction)."""

    def __init__(self, session: Session, office: Office, day: date, rng: np.random.Generator, load: float) -> None:
        self.s, self.office, self.day, self.rng, self.load = session, office, day, rng, load
        self.result = DayResult(day)
        self.queue: list[_Step] = []
        self.seq = itertools.count()
        self.waiting: dict[str, dict[int, datetime]] = {}
        self.policy = lookup.policy(office)
        midnight = day_bounds(day, office.timezone)[0]
        self.midnight = midnight
        self.opens = self._at(office.opens or time(8, 30))
        self.closes = self._at(office.closes or time(16, 30))
        self.services = list(
            session.execute(select(Service).where(Service.office_id == office.id, Service.active).order_by(Service.display_order, Service.code)).scalars()
        )
        self.standard = {s.code: s.standard_minutes for s in self.services}
        staff = list(session.execute(select(Staff).where(Staff.office_id == office.id, Staff.active).order_by(Staff.id)).scalars())
        self.supervisor = next((m.id for m in staff if m.role.rank >= Role.SUPERVISOR.rank), None)
        counters = list(session.execute(select(Counter).where(Counter.office_id == office.id, Counter.active).order_by(Counter.number)).scalars())
        self.desks: list[Desk] = []
        for index, (desk, member) in enumerate(zip(counters, staff, strict=False)):
            codes = [svc.code for svc in lookup.counter_services(session, desk.id)]
            lunch = self._at(time(12, 0)) + timedelta(minutes=30 * (index % 2))
            meeting = self._at(time(14, 0)) + timedelta(minutes=int(rng.integers(0, 60))) if rng.random() < p.MEETING else None
            self.desks.append(Desk(desk.number, member.id, codes, lunch, meeting))
        self.speed = {d.number: float(rng.uniform(0.85, 1.15)) for d in self.desks}
        self.survey_rng = np.random.default_rng(day.toordinal())

    def _at(self, clock: time) -> datetime:
        return self.midnight + timedelta(hours=clock.hour, minutes=clock.minute)

    def schedule(self, at: datetime, action: Callable[[datetime], None]) -> None:
        heapq.heappush(self.queue, _Step(at, next(self.seq), action))

    def run(self) -> DayResult:
        """Simulate the whole day; returns what it produced."""
        if not self.desks or p.WEEKDAY[self.day.weekday()] == 0:
            return self.result
        for desk in self.desks:
            start = self.opens + timedelta(seconds=int(self.rng.integers(0, 600)))
            self.schedule(start, lambda now, d=desk: self._open(d, now))
            for moment in (desk.lunch_at, desk.meeting_at, self.closes):
                if moment is not None:
                    self.schedule(moment, lambda now, d=desk: self._wake(d, now))
        for at, code, priority in self._arrivals():
            self.schedule(at, lambda now, c=code, pr=priority: self._arrive(now, c, pr))
        last = self.closes
        while self.queue:
            step = heapq.heappop(self.queue)
            last = step.at
            step.action(step.at)
        self.result.expired = close_day_and_cache(self.s, actor=self.supervisor, office=self.office.code, now=max(last, self.closes) + 10 * SECOND)
        return self.result

    # Arrivals -------------------------------------------------------------------------------

    def _arrivals(self) -> list[tuple[datetime, str, Priority]]:
        weights = np.array(p.HALF_HOURS)
        starts = [self._at(p.FIRST_HALF_HOUR) + timedelta(minutes=30 * i) for i in range(len(weights))]
        usable = np.array([self.opens <= s < self.closes for s in starts])
        weights = weights * usable
        count = int(self.rng.poisson(self.load * p.WEEKDAY[self.day.weekday()]))
        if count == 0 or weights.sum() == 0:
            return []
        slots = self.rng.choice(len(weights), size=count, p=weights / weights.sum())
        offsets = self.rng.uniform(0, 1800, size=count)
        codes = [s.code for s in self.services]
        mix = np.array(p.service_weights(codes, self.day))
        chosen = self.rng.choice(len(codes), size=count, p=mix / mix.sum())
        offered = self.policy.offered
        classes = [c for c in p.PRIORITY_SHARE if c in offered]
        shares = [p.PRIORITY_SHARE[c] for c in classes]
        draws = self.rng.random(count)
        out = []
        for i in range(count):
            priority = Priority.NONE
            edge = 0.0
            for cls, share in zip(classes, shares, strict=True):
                edge += share
                if draws[i] < edge:
                    priority = cls
                    break
            out.append((starts[slots[i]] + timedelta(seconds=float(offsets[i])), codes[chosen[i]], priority))
        return sorted(out)

    def _arrive(self, now: datetime, code: str, priority: Priority) -> None:
        try:
            issued = engine.issue(self.s, service=code, priority=priority, office=self.office.code, now=now)
        except ServiceClosed:
            self.result.turned_away += 1
            return
        self.result.issued += 1
        self._enqueue(code, issued.ticket.id, now)
        if self.rng.random() < p.GIVES_UP:
            self.schedule(now + timedelta(minutes=float(self.rng.uniform(10, 40))), lambda t, i=issued.ticket.id, c=code: self._give_up(t, c, i))

    def _enqueue(self, code: str, ticket_id: int, now: datetime) -> None:
        self.waiting.setdefault(code, {})[ticket_id] = now
        for desk in sorted(self.desks, key=lambda d: d.services.index(code) if code in d.services else 99):
            if desk.idle and code in desk.services and not desk.closed:
                desk.idle = False
                self.schedule(now + SECOND, lambda t, d=desk: self._free(d, t))
                return

    def _give_up(self, now: datetime, code: str, ticket_id: int) -> None:
        if ticket_id in self.waiting.get(code, {}):
            engine.cancel(self.s, ticket=ticket_id, reason="ผู้รับบริการไม่รอ", actor=self.supervisor, office=self.office.code, now=now)
            del self.waiting[code][ticket_id]

    # Counters -------------------------------------------------------------------------------

    def _open(self, desk: Desk, now: datetime) -> None:
        engine.open_counter(self.s, counter=desk.number, actor=desk.staff_id, office=self.office.code, now=now)
        self._free(desk, now)

    def _wake(self, desk: Desk, now: datetime) -> None:
        """An idle counter notices the time: lunch, a meeting, or closing."""
        if desk.idle and not desk.closed:
            desk.idle = False
            self._free(desk, now)

    def _free(self, desk: Desk, now: datetime) -> None:
        """The counter has nobody: pause, sign out or call the next ticket."""
        if desk.closed:
            return
        if not desk.had_lunch and now >= desk.lunch_at:
            return self._pause(desk, now, "lunch", 60)
        if desk.meeting_at and not desk.had_meeting and now >= desk.meeting_at:
            return self._pause(desk, now, "meeting", int(self.rng.integers(30, 61)))
        late = now >= self.closes + timedelta(minutes=45)
        if late:
            return self._close(desk, now)
        try:
            if self.rng.random() < p.OUT_OF_ORDER and self._out_of_order(desk, now):
                return
            called = engine.call_next(self.s, counter=desk.number, actor=desk.staff_id, office=self.office.code, now=now)
        except QueueEmpty:
            if now >= self.closes:
                return self._close(desk, now)
            desk.idle = True
            return
        self._called(desk, called, now)

    def _out_of_order(self, desk: Desk, now: datetime) -> bool:
        pool = [(t, i) for code in desk.services for i, t in self.waiting.get(code, {}).items()]
        if len(pool) < 3:
            return False
        pool.sort()
        _, ticket_id = pool[int(self.rng.integers(1, len(pool)))]
        reason = p.OUT_OF_ORDER_REASONS[int(self.rng.integers(0, len(p.OUT_OF_ORDER_REASONS)))]
        try:
            called = engine.call_ticket(self.s, counter=desk.number, ticket=ticket_id, reason=reason, actor=desk.staff_id, office=self.office.code, now=now)
        except (CounterBusy, KhiwError):
            return False
        self._called(desk, called, now)
        return True

    def _called(self, desk: Desk, called: engine.TicketCalled, now: datetime) -> None:
        ticket = called.ticket
        self.waiting.get(ticket.service_code, {}).pop(ticket.id, None)
        if self.rng.random() < p.NO_SHOW:
            self.schedule(now + 60 * SECOND, lambda t: self._recall(desk, ticket.id, ticket.service_code, t, 1))
            return
        walk = timedelta(seconds=float(self.rng.uniform(*p.WALK_UP_S)))
        self.schedule(now + walk, lambda t: self._start(desk, ticket.id, ticket.service_code, t))

    def _recall(self, desk: Desk, ticket_id: int, code: str, now: datetime, round_: int) -> None:
        if round_ <= 2:
            result = engine.recall(self.s, ticket=ticket_id, actor=desk.staff_id, office=self.office.code, now=now)
            if isinstance(result, engine.TicketCalled):
                self.schedule(now + 60 * SECOND, lambda t: self._recall(desk, ticket_id, code, t, round_ + 1))
                return
        else:
            engine.no_show(self.s, ticket=ticket_id, actor=desk.staff_id, office=self.office.code, now=now)
        if self.rng.random() < p.COMES_BACK:
            back = now + timedelta(minutes=float(self.rng.uniform(5, 30)))
            self.schedule(back, lambda t: self._come_back(desk, ticket_id, code, t))
        self.schedule(now + 5 * SECOND, lambda t: self._free(desk, t))

    def _come_back(self, desk: Desk, ticket_id: int, code: str, now: datetime) -> None:
        if now >= self.closes:
            return
        engine.reactivate(self.s, ticket=ticket_id, actor=desk.staff_id, office=self.office.code, now=now)
        self._enqueue(code, ticket_id, now)

    def _start(self, desk: Desk, ticket_id: int, code: str, now: datetime) -> None:
        engine.start(self.s, ticket=ticket_id, actor=desk.staff_id, office=self.office.code, now=now)
        median = self.standard[code] * 60 * p.SERVICE_MEDIAN * self.speed[desk.number]
        seconds = float(self.rng.lognormal(math.log(median), p.SERVICE_SIGMA))
        self.schedule(now + timedelta(seconds=max(seconds, 30.0)), lambda t: self._finish(desk, ticket_id, code, t))

    def _finish(self, desk: Desk, ticket_id: int, code: str, now: datetime) -> None:
        others = [s.code for s in self.services if s.code != code and any(s.code in d.services for d in self.desks)]
        if others and now < self.closes and self.rng.random() < p.TRANSFER:
            target = others[int(self.rng.integers(0, len(others)))]
            moved = engine.transfer(self.s, ticket=ticket_id, service=target, reason="ส่งต่องานที่เกี่ยวข้อง", actor=desk.staff_id, office=self.office.code, now=now)
            self._enqueue(target, moved.new.id, now)
        else:
            done = engine.finish(self.s, ticket=ticket_id, actor=desk.staff_id, office=self.office.code, now=now)
            self._maybe_survey(done.ticket.id, done.ticket.token, now)
        gap = timedelta(seconds=float(self.rng.uniform(5, 20)))
        self.schedule(now + gap, lambda t: self._free(desk, t))

    def _maybe_survey(self, ticket_id: int, token: str, now: datetime) -> None:
        """Some citizens scan the QR code after service and answer the survey.

        Drawn from a generator of its own (seeded by the day), so that adding the survey did
        not change which tickets, calls and waits a seed produces.
        """
        rng = self.survey_rng
        if rng.random() >= p.SURVEY:
            return
        mood = int(rng.choice(p.SURVEY_MOOD, p=p.SURVEY_MOOD_P))
        answers = {dim: min(5, max(1, mood + int(rng.choice(p.SURVEY_SPREAD)))) for dim in engine.SurveyDimension}
        comment = str(rng.choice(p.SURVEY_COMMENTS)) if rng.random() < p.SURVEY_COMMENT else ""
        at = now + timedelta(minutes=float(rng.uniform(*p.SURVEY_DELAY_MIN)))
        self.schedule(at, lambda t: answer_survey(self.s, ticket_id=ticket_id, token=token, answers=answers, comment=comment, now=t))

    def _pause(self, desk: Desk, now: datetime, reason: str, minutes: int) -> None:
        if reason == "lunch":
            desk.had_lunch = True
        else:
            desk.had_meeting = True
        engine.pause_counter(self.s, counter=desk.number, reason=reason, actor=desk.staff_id, office=self.office.code, now=now)
        self.schedule(now + timedelta(minutes=minutes), lambda t: self._resume(desk, t))

    def _resume(self, desk: Desk, now: datetime) -> None:
        engine.resume_counter(self.s, counter=desk.number, actor=desk.staff_id, office=self.office.code, now=now)
        self._free(desk, now)

    def _close(self, desk: Desk, now: datetime) -> None:
        desk.closed = True
        engine.close_counter(self.s, counter=desk.number, actor=desk.staff_id, office=self.office.code, now=now)
