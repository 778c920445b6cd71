"""Survey answers of the period's tickets: count, rate per served ticket, mean, 1-5 counts."""

from __future__ import annotations

import numpy as np

from khiw.metrics.facts import Outcome
from khiw.metrics.figures import Satisfaction, SatisfactionBlock, SatisfactionRow
from khiw.metrics.grouping import Columns
from khiw.metrics.inputs import ReportInput, ServiceInfo
from khiw.metrics.stats import share


def satisfaction(inp: ReportInput, c: Columns, services: list[ServiceInfo]) -> Satisfaction:
    """In total and per service, counter and staff member (of the ticket answered for)."""
    answers = inp.surveys
    order = np.argsort(c["ticket"])
    if answers.size and c["ticket"].size:
        pos = np.searchsorted(c["ticket"], answers[:, 0], sorter=order).clip(0, c["ticket"].size - 1)
        rows = order[pos]
        keep = c["ticket"][rows] == answers[:, 0]
        rows, scores = rows[keep], answers[keep, 1]
    else:
        rows, scores = np.zeros(0, np.int64), np.zeros(0, np.int64)

    def block(select: np.ndarray, served: int) -> dict[str, object]:
        s = scores[select]
        return {
            "responses": int(s.size),
            "rate": share(int(s.size), served),
            "mean": round(float(s.mean()), 3) if s.size else None,
            "distribution": tuple(int((s == k).sum()) for k in range(1, 6)),
        }

    served_mask = c["outcome"] == Outcome.SERVED
    tables: dict[str, list[SatisfactionRow]] = {}
    named = (
        ("service", [(s.id, s.code, s.name_th) for s in services]),
        ("counter", [(x.id, str(x.number), x.name) for x in inp.counters]),
        ("staff", [(x.id, x.username, x.display_name) for x in inp.staff]),
    )
    for who, infos in named:
        # Served tickets per id in one bincount (ids from -1, "nobody", upwards), not a
        # pass over a year's tickets for each of 130 counters.
        served = np.bincount(c[who][served_mask] + 1, minlength=max([i for i, _k, _n in infos], default=0) + 2)
        tables[who] = [
            SatisfactionRow(**block(c[who][rows] == ident, int(served[ident + 1])), key=key, name=name)  # type: ignore[arg-type]
            for ident, key, name in infos
        ]
    return Satisfaction(
        totals=SatisfactionBlock(**block(np.ones(rows.size, bool), int(served_mask.sum()))),  # type: ignore[arg-type]
        by_service=tuple(tables["service"]),
        by_counter=tuple(tables["counter"]),
        by_staff=tuple(tables["staff"]),
    )
