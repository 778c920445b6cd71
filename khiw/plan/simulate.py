"""A fast discrete-event simulation of one queue day under a staffing schedule.

No database and no engine objects: tickets are indexes into numpy arrays, lanes are deques,
busy counters sit in a heap. What a counter calls next is decided by the engine's own rule,
:func:`khiw.call_order.rank`, applied to the heads of its lanes, with the same
priority interleave (``normal_per_priority`` counted over the service's calls of the day,
whichever counter made them) and the same max-wait override. Everything random is drawn
before the loop by the caller, so a run is a pure function of its inputs.

Counters follow the schedule: at a boundary where the count rises, counters open (and call
at once if anyone waits); where it falls, the surplus counters finish the citizen they serve
and then close. After the last slot the last count (at least one) stays until the queue is
empty, because a citizen who took a ticket is served.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khiw import call_order


@dataclass(frozen=True)
class CallRules:
    """The office policy the call order depends on (``khiw.config.PolicyConfig``)."""

    normal_per_priority: int = 2
    max_wait_s: float | None = None


@dataclass(frozen=True)
class Tickets:
    """One day's citizens, sorted by arrival: seconds, service index, priority lane, counter time."""

    arrive: np.ndarray
    service: np.ndarray
    priority: np.ndarray
    occupy: np.ndarray

    def __len__(self) -> int:
        return int(self.arrive.size)


def run(
    tickets: Tickets,
    *,
    boundaries: Sequence[float],
    staffing: Sequence[int],
    orders: Sequence[Sequence[int]],
    rules: CallRules,
) -> np.ndarray:
    """The wait (seconds, arrival to call) of every ticket.

    ``boundaries`` are the n + 1 edges of the n slots, ``staffing`` the counters open in each,
    ``orders[k]`` counter k's services in its order (counters 0 … c-1 are the ones open when c
    are); there must be at least max(staffing) orders.
    """
    n = len(tickets)
    arrive = tickets.arrive.tolist()
    service = tickets.service.tolist()
    priority = tickets.priority.astype(bool).tolist()
    occupy = tickets.occupy.tolist()
    waits = [math.nan] * n
    services = 1 + max((max(o) for o in orders if o), default=0)
    if n:
        services = max(services, 1 + max(service))
    lanes = [(deque(), deque()) for _ in range(services)]  # (normal, priority) per service
    since_priority = [math.inf] * services
    npp = rules.normal_per_priority
    max_wait = rules.max_wait_s
    rank_of = [{s: i for i, s in enumerate(o)} for o in orders]
    last = max(1, int(staffing[-1])) if len(staffing) else 1
    edges = list(boundaries)
    counts = [int(c) for c in staffing] + [last]

    open_ = 0  # counters 0 … open_-1 are scheduled
    idle: set[int] = set()
    busy: list[tuple[float, int]] = []  # (free at, counter)
    is_busy = [False] * len(orders)
    waiting = 0

    def call(k: int, now: float) -> bool:
        nonlocal waiting
        heads = []
        for s in orders[k]:
            normal, prio = lanes[s]
            if normal:
                heads.append(normal[0])
            if prio:
                heads.append(prio[0])
        if not heads:
            return False
        if len(heads) == 1:
            chosen = heads[0]
        else:
            heads.sort(key=lambda i: (arrive[i], i))
            limit = now - max_wait if max_wait is not None else -math.inf
            chosen = call_order.rank(
                heads,
                services=orders[k],
                service_of=service.__getitem__,
                is_priority=priority.__getitem__,
                overdue=lambda i: arrive[i] <= limit,
                priority_due=lambda s: since_priority[s] >= npp,
            )[0][0]
        s = service[chosen]
        lanes[s][priority[chosen]].popleft()
        waiting -= 1
        since_priority[s] = 0 if priority[chosen] else since_priority[s] + 1
        waits[chosen] = now - arrive[chosen]
        heapq.heappush(busy, (now + occupy[chosen], k))
        is_busy[k] = True
        return True

    def reschedule(count: int, now: float) -> None:
        nonlocal open_
        for k in range(open_, count):
            if not is_busy[k]:
                idle.add(k)
        for k in range(count, open_):
            idle.discard(k)
        open_ = count
        for k in sorted(idle):
            if not waiting:
                break
            if call(k, now):
                idle.discard(k)

    i = 0
    b = 0
    inf = math.inf
    while i < n or busy or (waiting and b < len(edges)):
        t_arrive = arrive[i] if i < n else inf
        t_free = busy[0][0] if busy else inf
        t_edge = edges[b] if b < len(edges) else inf
        if t_edge <= t_free and t_edge <= t_arrive:
            reschedule(counts[b], t_edge)
            b += 1
        elif t_free <= t_arrive:
            now, k = heapq.heappop(busy)
            is_busy[k] = False
            if k < open_ and not call(k, now):
                idle.add(k)
        else:
            s = service[i]
            lanes[s][priority[i]].append(i)
            waiting += 1
            if idle:
                k = min(idle, key=lambda c: (rank_of[c].get(s, len(orders)), c))
                if s in rank_of[k] and call(k, t_arrive):
                    idle.discard(k)
            i += 1
    return np.array(waits, dtype=float)
