"""Drawing one simulated day of an office model, and which services each counter takes.

Arrivals are a Poisson process whose rate is constant within each half-hour (the estimated
mean for that weekday and half-hour); each citizen is in the priority lane with the service's
priority share, and takes a counter time drawn from the service's own observed times, a
no-show's with the no-show share.
"""

from __future__ import annotations

import numpy as np

from khiw.plan.model import SLOT_MINUTES, OfficeModel
from khiw.plan.simulate import Tickets

SLOT_S = SLOT_MINUTES * 60


def draw(model: OfficeModel, weekday: int, rng: np.random.Generator) -> Tickets:
    """One day of weekday ``weekday``'s citizens, sorted by arrival (seconds after midnight)."""
    parts_t, parts_s, parts_p, parts_o = [], [], [], []
    for index, svc in enumerate(model.services):
        counts = rng.poisson(svc.arrivals[weekday])
        n = int(counts.sum())
        if n == 0:
            continue
        slot = np.repeat(np.arange(model.slots), counts)
        parts_t.append(model.first_slot_s + (slot + rng.random(n)) * SLOT_S)
        parts_s.append(np.full(n, index, dtype=np.int64))
        parts_p.append(rng.random(n) < svc.priority_share)
        missed = rng.random(n) < svc.no_show_share if svc.no_show_s.size else np.zeros(n, dtype=bool)
        occupy = rng.choice(svc.occupy_s, n)
        if missed.any():
            occupy[missed] = rng.choice(svc.no_show_s, int(missed.sum()))
        parts_o.append(occupy)
    if not parts_t:
        empty = np.zeros(0)
        return Tickets(empty, empty.astype(np.int64), empty.astype(bool), empty)
    arrive = np.concatenate(parts_t)
    order = np.argsort(arrive, kind="stable")
    return Tickets(arrive[order], np.concatenate(parts_s)[order], np.concatenate(parts_p)[order], np.concatenate(parts_o)[order])


def loads(model: OfficeModel, weekday: int) -> np.ndarray:
    """Offered load (erlangs: counters kept busy) per service and half-hour, shape (services, slots)."""
    return np.array([svc.arrivals[weekday] * svc.mean_occupy_s / SLOT_S for svc in model.services]).reshape(len(model.services), model.slots)


def counter_orders(model: OfficeModel, weekday: int, count: int) -> list[list[int]]:
    """The service order of counters 0 … count-1: a home service first, then the rest by load.

    Homes are dealt by the highest-average rule (D'Hondt) on each service's load over the
    day, so that the first c counters, for any c, split between services in proportion to
    their work: with c open, the plan says how many start from each service.
    """
    work = loads(model, weekday).sum(axis=1)
    by_load = [int(i) for i in np.argsort(-work, kind="stable")]
    homes: list[int] = []
    dealt = np.zeros(len(work))
    for _ in range(count):
        home = int(np.argmax(work / (dealt + 1))) if work.sum() > 0 else len(homes) % max(len(work), 1)
        dealt[home] += 1
        homes.append(home)
    return [[home] + [s for s in by_load if s != home] for home in homes]
