"""Where a ticket stands: ``ahead`` is exactly when ``call_next`` will call it, on both databases."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from khiw.call_order import rank
from khiw.config import PolicyConfig
from khiw.db import Database
from khiw.engine import call_next, call_ticket, cancel, finish, issue, no_show, open_counter, reactivate, start, transfer
from khiw.engine.estimates import queue_estimates
from khiw.engine.lookup import office as find_office
from khiw.engine.position import LaneCounts, TicketPosition, _place, priority_due, service_positions, ticket_position
from khiw.engine.tickets import ticket_slip
from khiw.models import Priority, Service, Ticket, TicketStatus
from tests.fixtures import MORNING, office_config, with_office


@dataclass(frozen=True)
class Waiting:
    """A waiting ticket as the call order sees it."""

    id: int
    priority: bool
    queued_at: datetime


def call_order(waiting: Sequence[Waiting], recent: Sequence[bool], *, normal_per_priority: int, overdue_at: datetime | None) -> list[int]:
    """The one rule, :func:`khiw.call_order.rank`, played forward: rank the queue, call the
    first, remember the call, repeat. Slow and plain: the reference the engine's arithmetic
    (:class:`LaneCounts`) is compared with."""
    remaining = sorted(waiting, key=lambda w: (w.queued_at, w.id))
    window: deque[bool] = deque(recent[:normal_per_priority], maxlen=normal_per_priority)
    order: list[int] = []
    while remaining:
        first, _ = rank(
            remaining,
            services=(0,),
            service_of=lambda w: 0,
            is_priority=lambda w: w.priority,
            overdue=lambda w: overdue_at is not None and w.queued_at <= overdue_at,
            priority_due=lambda _service: priority_due(window, normal_per_priority),
        )[0]
        remaining.remove(first)
        order.append(first.id)
        window.appendleft(first.priority)
    return order

MINUTE = timedelta(minutes=1)
NOW = MORNING + 30 * MINUTE
ELDERLY = Priority.ELDERLY


def with_policy(db: Database, **rules: object) -> Database:
    cfg = office_config()
    return with_office(db, cfg.model_copy(update={"policy": cfg.policy.model_copy(update=rules)}))


def issue_lanes(db: Database, lanes: str, *, service: str = "TAX", start_minute: int = 0) -> list[int]:
    """Issue one ticket per letter a minute apart: ``n`` normal, ``p`` priority (elderly)."""
    return [
        db.run(issue, service=service, priority=ELDERLY if lane == "p" else Priority.NONE, now=MORNING + (start_minute + i) * MINUTE).ticket.id
        for i, lane in enumerate(lanes)
    ]


def positions(db: Database, ids: list[int]) -> dict[int, int]:
    return {t: db.query(ticket_position, ticket_id=t, now=NOW).ahead for t in ids}


def serve_next(db: Database, now: object = NOW) -> int:
    called = db.run(call_next, counter=1, now=now)
    db.run(start, ticket=called.ticket.id, now=now)
    db.run(finish, ticket=called.ticket.id, now=now)
    return called.ticket.id


def assert_calls_follow_positions(db: Database, ids: list[int]) -> list[int]:
    """Calling at counter 1 (open) until ``ids`` are all called: before every call, their
    positions are 0..n-1 and the ticket at 0 is the one called. Returns the call order."""
    waiting, called = list(ids), []
    while waiting:
        ahead = positions(db, waiting)
        assert sorted(ahead.values()) == list(range(len(waiting)))
        expected = min(waiting, key=ahead.__getitem__)
        called.append(serve_next(db))
        assert called[-1] == expected
        waiting.remove(expected)
    return called


class TestAgainstCallNext:
    def test_both_lanes_interleaved_every_position_is_the_call_order(self, office: Database) -> None:
        ids = issue_lanes(office, "nnnpnnppnpnnnp")
        office.run(open_counter, counter=1, now=MORNING)
        called = assert_calls_follow_positions(office, ids)
        # Default policy: one priority after every two normal ones (priority first this morning).
        assert [("p" if "nnnpnnppnpnnnp"[ids.index(t)] == "p" else "n") for t in called][:6] == list("pnnpnn")

    def test_priority_always_first_when_the_policy_says_so(self, db: Database) -> None:
        with_policy(db, normal_per_priority=0)
        ids = issue_lanes(db, "nnpnp")
        assert positions(db, ids) == {ids[0]: 2, ids[1]: 3, ids[2]: 0, ids[3]: 4, ids[4]: 1}
        db.run(open_counter, counter=1, now=MORNING)
        assert_calls_follow_positions(db, ids)

    def test_tickets_past_the_maximum_wait_go_first_whatever_their_lane(self, db: Database) -> None:
        with_policy(db, max_wait_minutes=20)
        late = issue_lanes(db, "nn", start_minute=0)  # waited 30 and 29 minutes at NOW
        recent = issue_lanes(db, "pnp", start_minute=25)
        ids = late + recent
        assert [t for t, _ in sorted(positions(db, ids).items(), key=lambda kv: kv[1])][:2] == late
        db.run(open_counter, counter=1, now=MORNING)
        assert_calls_follow_positions(db, ids)

    def test_the_calls_made_earlier_today_decide_the_interleave(self, office: Database) -> None:
        office.run(open_counter, counter=1, now=MORNING)
        issue_lanes(office, "pn")
        serve_next(office, MORNING + 5 * MINUTE)  # the priority ticket: the next priority
        serve_next(office, MORNING + 6 * MINUTE)  # waits for two normal calls
        ids = issue_lanes(office, "ppnnn", start_minute=10)
        assert positions(office, ids) == {ids[0]: 1, ids[1]: 4, ids[2]: 0, ids[3]: 2, ids[4]: 3}
        assert_calls_follow_positions(office, ids)

    def test_a_newcomer_is_told_the_place_it_then_gets(self, office: Database) -> None:
        issue_lanes(office, "nnpnnp")
        office_id = office.query(lambda s: find_office(s).id)
        for lane, priority in (("normal", Priority.NONE), ("priority", ELDERLY)):
            told = getattr(office.query(service_positions, office_id=office_id, now=NOW)["TAX"], lane)
            issued = office.run(issue, service="TAX", priority=priority, now=NOW)
            assert (issued.ahead, issued.estimated_wait_minutes) == (told.ahead, told.estimated_wait_minutes)
            assert office.query(ticket_position, ticket_id=issued.ticket.id, now=NOW).ahead == told.ahead


class TestWhatEverySurfaceShows:
    def test_the_kiosk_button_and_the_board_show_the_normal_lane_newcomer(self, office: Database) -> None:
        issue_lanes(office, "nnpnpp")
        with office.read() as s:
            where = find_office(s)
            estimates = {q.service_code: q for q in queue_estimates(s, where, NOW)}
            lanes = service_positions(s, office_id=where.id, now=NOW)
        assert estimates["TAX"].estimated_wait_minutes == lanes["TAX"].normal.estimated_wait_minutes
        # Six wait; by the interleave (p n n p n, then a normal one is due) a normal newcomer
        # is called before the last priority ticket, and a priority newcomer after it.
        assert lanes["TAX"].normal == TicketPosition(ahead=5, estimated_wait_minutes=50)
        assert lanes["TAX"].priority.ahead == 6

    def test_a_service_read_alone_has_the_figures_of_the_whole_read(self, office: Database) -> None:
        office.run(open_counter, counter=1, now=MORNING)
        issue_lanes(office, "nnpn")
        serve_next(office, MORNING + 5 * MINUTE)
        with office.read() as s:
            where = find_office(s)
            every = queue_estimates(s, where, NOW)
            tax = next(q for q in every if q.service_code == "TAX")
            ids = {svc.code: svc.id for svc in s.execute(select(Service).where(Service.office_id == where.id)).scalars()}
            alone = queue_estimates(s, where, NOW, only={ids["TAX"]})
        assert alone == [tax] and tax.waiting == 3 and len(every) > 1

    def test_the_printed_ticket_and_its_reprint_say_the_same_as_the_position(self, office: Database) -> None:
        ids = issue_lanes(office, "pnn")
        slip = office.query(ticket_slip, ticket=ids[2], now=NOW)
        position = office.query(ticket_position, ticket_id=ids[2], now=NOW)
        assert (slip.ahead, slip.estimated_wait_minutes) == (position.ahead, position.estimated_wait_minutes) == (2, 20)

    def test_the_wait_is_shared_by_the_counters_open_for_the_service(self, office: Database) -> None:
        ids = issue_lanes(office, "nnnnn")
        assert office.query(ticket_position, ticket_id=ids[4], now=NOW) == TicketPosition(ahead=4, estimated_wait_minutes=40)
        office.run(open_counter, counter=1, now=MORNING)
        office.run(open_counter, counter=4, now=MORNING)  # counter 4 also serves TAX
        assert office.query(ticket_position, ticket_id=ids[4], now=NOW) == TicketPosition(ahead=4, estimated_wait_minutes=20)

    def test_a_ticket_no_longer_waiting_has_nobody_ahead(self, office: Database) -> None:
        ids = issue_lanes(office, "nn")
        office.run(open_counter, counter=1, now=MORNING)
        office.run(call_next, counter=1, now=NOW)
        assert office.query(ticket_position, ticket_id=ids[0], now=NOW) == TicketPosition(0, 0)


class TestCallOrder:
    """The pure order, without a database: the cases the policy text describes."""

    @pytest.mark.parametrize(
        ("lanes", "recent", "every", "expected"),
        [
            ("nnnppp", [], 2, "pnnpnp"),  # nothing called today: priority first
            ("nnnppp", [False, False], 2, "pnnpnp"),
            ("nnnppp", [True], 2, "nnpnpp"),  # a priority was the last call: two normal first
            ("nnnppp", [False, True], 2, "npnnpp"),
            ("nnnppp", [], 0, "pppnnn"),
            ("nnn", [True, True], 2, "nnn"),
        ],
    )
    def test_the_interleave(self, lanes: str, recent: list[bool], every: int, expected: str) -> None:
        waiting = [Waiting(i, lane == "p", MORNING + i * MINUTE) for i, lane in enumerate(lanes)]
        order = call_order(waiting, recent, normal_per_priority=every, overdue_at=None)
        assert "".join(lanes[i] for i in order) == expected

    def test_overdue_tickets_lead_in_arrival_order_and_count_as_calls(self) -> None:
        waiting = [Waiting(0, True, MORNING), Waiting(1, False, MORNING + MINUTE), Waiting(2, True, MORNING + 40 * MINUTE)]
        waiting.append(Waiting(3, False, MORNING + 41 * MINUTE))
        order = call_order(waiting, [], normal_per_priority=2, overdue_at=MORNING + 5 * MINUTE)
        # 0 and 1 are overdue; then the last call was normal but the priority 0 was called
        # just before it, so the normal lane goes next.
        assert order == [0, 1, 3, 2]

    def test_no_priority_ticket_waiting_means_no_interleave(self) -> None:
        policy = PolicyConfig()
        waiting = [Waiting(i, False, MORNING + i * MINUTE) for i in range(3)]
        assert call_order(waiting, [True], normal_per_priority=policy.normal_per_priority, overdue_at=None) == [0, 1, 2]


class TestNewcomerByCounts:
    """The board's and the kiosk's "people ahead" come from counts, not from playing the
    queue forward; on any queue they must equal :func:`call_order`'s own answer."""

    def test_the_counts_place_a_newcomer_exactly_where_the_call_order_does(self) -> None:
        import random

        rng = random.Random(11)
        start = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
        for _ in range(3000):
            k = rng.choice([0, 1, 2, 3, 5])
            size = rng.randint(0, 14)
            queue = [Waiting(i, rng.random() < 0.35, start + timedelta(minutes=rng.randint(0, 90))) for i in range(1, size + 1)]
            recent = [rng.random() < 0.3 for _ in range(rng.randint(0, 6))]
            now = start + timedelta(minutes=100)
            overdue_at = now - timedelta(minutes=rng.choice([30, 60, 200])) if rng.random() < 0.7 else None
            late = sorted(((w.queued_at, w.id, w.priority) for w in queue if overdue_at is not None and w.queued_at <= overdue_at), reverse=True)
            counts = LaneCounts(
                overdue=len(late),
                normal=sum(not w.priority for w in queue) - sum(not lane for *_, lane in late),
                priority=sum(w.priority for w in queue) - sum(lane for *_, lane in late),
                recent=(*(lane for *_, lane in late), *recent),
                normal_per_priority=k,
                oldest=None,
            )
            for lane in (False, True):
                newcomer = Waiting(10**9, lane, now)
                order = call_order([*queue, newcomer], recent, normal_per_priority=k, overdue_at=overdue_at)
                assert counts.newcomer_ahead(lane) == order.index(newcomer.id), (queue, recent, k, overdue_at, lane)
            order = call_order(queue, recent, normal_per_priority=k, overdue_at=overdue_at)
            for w in queue:  # a ticket already waiting: its place in its own lane, then the counts
                if overdue_at is None or w.queued_at > overdue_at:
                    before = sum(
                        1 for o in queue if o.priority == w.priority and (o.queued_at, o.id) < (w.queued_at, w.id) and (overdue_at is None or o.queued_at > overdue_at)
                    )
                    assert counts.ahead(w.priority, before) == order.index(w.id), (queue, recent, k, overdue_at, w)


def lane_places(db: Database, service: str = "TAX") -> dict[int, tuple[int, int]]:
    """Each waiting ticket of ``service``: (its place in its lane by :func:`_place`, the
    tickets of its lane queued before it, counted one by one)."""
    with db.read() as s:
        where = find_office(s)
        svc = s.execute(select(Service).where(Service.office_id == where.id, Service.code == service)).scalar_one()
        waiting = list(s.execute(select(Ticket).where(Ticket.service_id == svc.id, Ticket.status == TicketStatus.WAITING)).scalars())
        return {
            t.id: (
                _place(s, t),
                sum(1 for o in waiting if o.priority.is_priority == t.priority.is_priority and (o.queued_at, o.id) < (t.queued_at, t.id)),
            )
            for t in waiting
        }


def out_of_line(db: Database) -> tuple[int, int]:
    """How many tickets wait out of line, and how many places were left out of queue order
    (behind a ticket of the same lane still waiting in its place)."""
    with db.read() as s:
        waiting = list(s.execute(select(Ticket).where(Ticket.status == TicketStatus.WAITING)).scalars())
        inserted = sum(1 for t in waiting if t.lane_seq is None or t.called_at is not None)
        held = [(t.service_id, t.priority.is_priority, t.lane_seq) for t in waiting if t.lane_seq is not None and t.called_at is None]
        left = [
            (t.service_id, t.priority.is_priority, t.lane_seq)
            for t in s.execute(select(Ticket).where(Ticket.lane_seq.is_not(None))).scalars()
            if t.status != TicketStatus.WAITING or t.called_at is not None
        ]
    return inserted, sum(1 for svc, lane, seq in left if any(h[:2] == (svc, lane) and h[2] < seq for h in held))


class TestOutOfLine:
    """A ticket's place in its lane is read from the lane's places and the few tickets out of
    line (:func:`khiw.engine.position._place`), never by walking the queue. Every way a
    ticket gets out of line is played here, at random, and every waiting ticket's place is
    compared with its lane counted one by one after each move; then the call order."""

    def test_every_place_is_the_queue_order_whatever_happened(self, office: Database) -> None:
        rng = random.Random(11)
        office.run(open_counter, counter=1, now=MORNING)
        office.run(open_counter, counter=2, now=MORNING)
        clock = MORNING
        seen = {"inserted": 0, "left behind": 0}
        for _ in range(90):
            clock += timedelta(seconds=rng.choice([0, 0, 20, 45, 90]))  # 0: the same instant as the last one
            lane = ELDERLY if rng.random() < 0.3 else Priority.NONE
            waiting = office.query(lambda s: [t.code for t in s.execute(select(Ticket).where(Ticket.status == TicketStatus.WAITING)).scalars() if t.code[0] == "A"])
            move = rng.choice(["issue", "issue", "issue", "issue", "lagging kiosk", "transfer in", "call", "call", "out of order", "cancel", "no-show and back"])
            if move == "issue":
                office.run(issue, service="TAX", priority=lane, now=clock)
            elif move == "lagging kiosk":  # its clock is behind: the ticket queues before the last ones
                office.run(issue, service="TAX", priority=lane, now=clock - timedelta(seconds=rng.choice([30, 100, 400])))
            elif move == "transfer in":  # keeps the arrival of a REG ticket issued a while ago
                office.run(issue, service="REG", priority=lane, now=clock - timedelta(minutes=rng.randint(1, 12)))
                called = office.run(call_next, counter=2, now=clock)
                office.run(transfer, ticket=called.ticket.id, service="TAX", now=clock)
            elif move == "call" and waiting:
                called = office.run(call_next, counter=1, now=clock)
                if rng.random() < 0.6:
                    office.run(start, ticket=called.ticket.id, now=clock)
                    office.run(finish, ticket=called.ticket.id, now=clock)
                else:
                    office.run(no_show, ticket=called.ticket.id, now=clock)
            elif move == "out of order" and waiting:
                called = office.run(call_ticket, counter=1, ticket=rng.choice(waiting), reason="papers ready", now=clock)
                office.run(no_show, ticket=called.ticket.id, now=clock)
            elif move == "cancel" and waiting:
                office.run(cancel, ticket=rng.choice(waiting), reason="left", now=clock)
            elif move == "no-show and back":
                gone = office.query(lambda s: [t.id for t in s.execute(select(Ticket).where(Ticket.status == TicketStatus.NO_SHOW)).scalars()])
                if gone:
                    office.run(reactivate, ticket=rng.choice(gone), now=clock)
            places = lane_places(office)
            assert all(place == counted for place, counted in places.values()), (move, places)
            inserted, left_behind = out_of_line(office)
            seen = {"inserted": max(seen["inserted"], inserted), "left behind": max(seen["left behind"], left_behind)}
        assert seen["inserted"] >= 3 and seen["left behind"] >= 3, seen  # the paths under test were taken
        # And the end-to-end answer, the call order, at a time when half of them have waited
        # past the maximum (an hour).
        queued = office.query(lambda s: {t.id: t.queued_at for t in s.execute(select(Ticket).where(Ticket.status == TicketStatus.WAITING)).scalars()})
        now = sorted(queued.values())[len(queued) // 2] + timedelta(minutes=60, seconds=1)
        ids = list(queued)
        while ids:
            ahead = {t: office.query(ticket_position, ticket_id=t, now=now).ahead for t in ids}
            assert sorted(ahead.values()) == list(range(len(ids)))
            called = office.run(call_next, counter=1, now=now)
            assert called.ticket.id == min(ids, key=ahead.__getitem__)
            office.run(no_show, ticket=called.ticket.id, now=now)
            ids.remove(called.ticket.id)
