"""Overtakes, classified from the call events: by the engine's own rules, or out of its order.

The engine counts, when a ticket is called, the waiting tickets of the same service that
queued before it and were passed over (``overtook`` in the ``called`` event). Whether that was
queue-skipping depends on how the call was made, which the event also records (``rule``):
``call_next`` follows the office's published rules (the priority lane, its interleave
``normal_per_priority``, the ``max_wait`` limit), so its overtakes are the rules working as
configured ("ตามกติกาช่องทางพิเศษ"); only ``call_ticket`` ("out_of_order", with a reason that
staff must give) calls outside that order. The engine's own ``unjustified`` count is not
used: it calls the interleave's normal-lane turn unjustified.
"""

from __future__ import annotations

import numpy as np

from khiw.metrics.figures import OutOfOrderCall, Overtakes, OvertakeSummary
from khiw.metrics.grouping import Columns
from khiw.metrics.inputs import ReportInput


def overtakes(calls: np.ndarray) -> Overtakes:
    """Overtake counts of some CALL rows (facts.calls: calls that overtook or were out of order)."""
    ooo = calls["out_of_order"] == 1
    overtook = calls["overtook"].astype(np.int64)
    return Overtakes(
        overtaking_calls=int((overtook > 0).sum()),
        overtaken=int(overtook.sum()),
        by_rule=int(overtook[~ooo].sum()),
        out_of_order=int(overtook[ooo].sum()),
        out_of_order_calls=int(ooo.sum()),
    )


def fields(o: Overtakes) -> dict[str, object]:
    """``o``'s fields as keyword arguments for a row class that includes Overtakes."""
    return {
        "overtaking_calls": o.overtaking_calls,
        "overtaken": o.overtaken,
        "by_rule": o.by_rule,
        "out_of_order": o.out_of_order,
        "out_of_order_calls": o.out_of_order_calls,
    }


def overtake_summary(inp: ReportInput, c: Columns) -> OvertakeSummary:
    """The office's overtakes, and every out-of-order call listed with its reason."""
    calls = inp.facts.calls
    wanted = calls[calls["out_of_order"] == 1]
    numbers = _lookup(c["ticket"], c["number"], wanted["ticket"])
    listed = []
    for row, number in zip(wanted, numbers, strict=True):
        svc = inp.service(int(row["service"]))
        desk = inp.counter(int(row["counter"]))
        who = inp.staff_member(int(row["staff"]))
        listed.append(
            OutOfOrderCall(
                at_ms=int(row["at"]),
                ticket=f"{svc.prefix if svc else '?'}{int(number):03d}",
                service=svc.code if svc else None,
                service_name_th=svc.name_th if svc else None,
                counter=desk.number if desk else None,
                counter_name=desk.name if desk else None,
                staff=who.username if who else None,
                staff_name=who.display_name if who else None,
                overtook=int(row["overtook"]),
                reason=inp.facts.reasons.get(int(row["event"]), ""),
            )
        )
    base = overtakes(calls)
    return OvertakeSummary(
        **fields(base),  # type: ignore[arg-type]
        calls=int(c["calls"].sum()),
        by_rule_calls=int(((calls["out_of_order"] == 0) & (calls["overtook"] > 0)).sum()),
        out_of_order_list=tuple(listed),
    )


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``values`` at the rows whose ``keys`` equal each of ``wanted`` (0 where absent)."""
    if keys.size == 0 or wanted.size == 0:
        return np.zeros(wanted.size, dtype=values.dtype)
    order = np.argsort(keys)
    pos = np.searchsorted(keys, wanted, sorter=order).clip(0, keys.size - 1)
    rows = order[pos]
    return np.where(keys[rows] == wanted, values[rows], 0)
