"""The fairness section: waits by priority class, RAQFM per service, Jain's index over
citizens and the Gini coefficient of waits (overtakes are in :mod:`khiw.metrics.overtakes`)."""

from __future__ import annotations

import numpy as np

from khiw.metrics import fairness
from khiw.metrics.facts import MISSING, PRIORITIES
from khiw.metrics.figures import PriorityWait, Raqfm, RaqfmPool
from khiw.metrics.grouping import Columns, groups
from khiw.metrics.inputs import ReportInput, ServiceInfo
from khiw.metrics.stats import gini, jain, summary


def priority_waits(c: Columns) -> tuple[PriorityWait, ...]:
    """Each priority class's waits, and its mean minus the normal class's mean."""
    waits = c["wait"]
    waited = ~np.isnan(waits)
    normal = waits[waited & (c["priority"] == 0)]
    normal_mean = float(normal.mean()) if normal.size else None
    rows = []
    for key, part in groups({"wait": waits[waited]}, c["priority"][waited]):
        w = part["wait"]
        d = summary(w)
        rows.append(
            PriorityWait(
                n=d.n, mean=d.mean, median=d.median, p90=d.p90, max=d.max,
                priority=PRIORITIES[key],
                mean_minus_normal_s=None if normal_mean is None else round(float(w.mean()) - normal_mean, 3),
            )
        )
    return tuple(rows)


def jain_citizens(c: Columns) -> float | None:
    """Jain's index over citizens: each ticket's wait divided by its service's standard time.

    Over tickets, not services, so a service with 500 citizens weighs 500 times one with a
    single citizen; relative to the standard, so a service that is published as slow (a
    building permit) is not called unfair for being slow.
    """
    waited = ~np.isnan(c["wait"])
    return jain(c["wait"][waited] / np.maximum(c["standard"][waited], 60.0))


def gini_wait(c: Columns) -> float | None:
    """The Gini coefficient of every wait (never-called tickets included)."""
    return gini(c["wait"][~np.isnan(c["wait"])])


def raqfm(inp: ReportInput, c: Columns, services: dict[int, ServiceInfo]) -> Raqfm:
    """RAQFM per pool (service): mean D per priority class and Var(D), in seconds."""
    horizon = inp.horizon_ms
    end = np.where(c["end"] != MISSING, c["end"], horizon)
    end = np.maximum(end, c["issued"])
    started = c["start"] != MISSING
    s_from = np.where(started, c["start"], end)
    s_to = np.where(started, np.where(c["finish"] != MISSING, c["finish"], end), end)
    pool_ids, pool = np.unique(c["service"], return_inverse=True)
    d = fairness.discrimination(pool, c["issued"], end, s_from, np.maximum(s_to, s_from))
    pools = []
    for index, service_id in enumerate(pool_ids):
        mine = pool == index
        dd, prio = d[mine], c["priority"][mine]
        svc = services.get(int(service_id))
        pools.append(
            RaqfmPool(
                service=svc.code if svc else str(service_id),
                name_th=svc.name_th if svc else str(service_id),
                n=int(dd.size),
                mean_d_s={PRIORITIES[p]: round(float(dd[prio == p].mean()), 3) for p in np.unique(prio)},
                mean_d_priority_s=round(float(dd[prio != 0].mean()), 3) if (prio != 0).any() else None,
                var_d_s2=round(float(dd.var()), 3),
                sum_d_s=round(float(dd.sum()), 3),
            )
        )
    classes = {PRIORITIES[p]: round(float(d[c["priority"] == p].mean()), 3) for p in np.unique(c["priority"])}
    return Raqfm(pools=tuple(pools), mean_d_s=classes, var_d_s2=round(float(d.var()), 3) if d.size else None)
