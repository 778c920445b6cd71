"""The call-order rule as one pure function: which waiting ticket a counter calls next.

Kept free of the database so that the engine (:func:`khiw.engine.calling.call_next`, on
ticket rows) and the staffing planner's simulator (:mod:`khiw.plan.simulate`, on ticket
indexes) apply exactly the same rule; a change of policy here changes both. It lives outside
``khiw.engine`` so that the simulator's worker processes start without importing the
database layer (SQLAlchemy and the models: about a second per process on a busy machine).

The rule: a ticket that has waited longer than the office's ``max_wait_minutes`` goes first
(oldest first, any lane); otherwise the counter's services are tried in its order, and within
a service the priority lane goes first when it is due (see ``priority_due``), else the normal
lane; each lane is first-come first-served.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

MAX_WAIT = "max_wait"
FIFO = "fifo"
SERVICE_ORDER = "service_order"
PRIORITY = "priority"


def rank(
    candidates: Sequence[T],
    *,
    services: Sequence[K],
    service_of: Callable[[T], K],
    is_priority: Callable[[T], bool],
    overdue: Callable[[T], bool],
    priority_due: Callable[[K], bool],
) -> list[tuple[T, str]]:
    """Every candidate in the order the policy calls them, with the rule that placed it.

    ``candidates`` are waiting tickets in arrival order (queued time, then id); ``services``
    the counter's services in its order. ``overdue(t)`` says ``t`` waited past the limit;
    ``priority_due(service)`` says the priority lane's turn has come (the engine: the last
    ``normal_per_priority`` calls of the service were all normal). It is asked only when both
    lanes of that service wait, because answering may cost a query.
    """
    ranked: list[tuple[T, str]] = []
    taken = [overdue(t) for t in candidates]
    ranked.extend((t, MAX_WAIT) for t, late in zip(candidates, taken, strict=True) if late)
    for position, svc in enumerate(services):
        queue = [t for t, late in zip(candidates, taken, strict=True) if not late and service_of(t) == svc]
        priority = [t for t in queue if is_priority(t)]
        normal = [t for t in queue if not is_priority(t)]
        both = bool(priority) and bool(normal)
        lanes = (priority, normal) if not both or priority_due(svc) else (normal, priority)
        rule = FIFO if position == 0 else SERVICE_ORDER
        for lane in lanes:
            for t in lane:
                ranked.append((t, PRIORITY if both and lane is priority else rule))
    return ranked
