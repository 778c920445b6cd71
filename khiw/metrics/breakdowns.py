"""The report's rows per service, counter, staff member, hour of day, weekday and priority."""

from __future__ import annotations

import numpy as np

from khiw.metrics import counter_time, overtakes, sessions
from khiw.metrics.counter_time import HOUR_MS, Serving, counter_times, share_f
from khiw.metrics.facts import PRIORITIES, Facts, Outcome
from khiw.metrics.figures import CounterRow, HourRow, PriorityRow, ServiceRow, StaffRow, WeekdayRow
from khiw.metrics.grouping import Columns, groups, split_by_unit, sums_by
from khiw.metrics.inputs import ReportInput, ServiceInfo
from khiw.metrics.tickets import ROW_FIELDS, empty, ticket_figures

DAY_MS = 24 * HOUR_MS
EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal()


def by_service(inp: ReportInput, c: Columns, services: list[ServiceInfo]) -> tuple[ServiceRow, ...]:
    """One row per service of the office, in the kiosk's order, tickets or not."""
    parts = dict(groups(c, c["service"], ROW_FIELDS))
    return tuple(
        ServiceRow(
            **ticket_figures(parts.get(s.id, empty(c)), inp),  # type: ignore[arg-type]
            service=s.code,
            prefix=s.prefix,
            name_th=s.name_th,
            name_en=s.name_en,
            standard_minutes=s.standard_minutes,
        )
        for s in services
    )


def by_priority(inp: ReportInput, c: Columns) -> tuple[PriorityRow, ...]:
    """One row per priority class that had tickets."""
    return tuple(
        PriorityRow(**ticket_figures(part, inp), priority=PRIORITIES[key])  # type: ignore[arg-type]
        for key, part in groups(c, c["priority"], ROW_FIELDS)
    )


def by_people(inp: ReportInput, c: Columns, iv: sessions.Intervals, serving: Serving, who: str) -> tuple[CounterRow, ...] | tuple[StaffRow, ...]:
    """One row per counter (``who="counter"``) or staff member that called tickets or was
    signed in: the tickets whose last call was theirs, their counter time, their overtakes."""
    infos: list = sorted(inp.counters, key=lambda x: x.number) if who == "counter" else sorted(inp.staff, key=lambda x: x.username)
    parts = dict(groups(c, c[who], ROW_FIELDS))
    ids = getattr(iv, who)
    size = max([x.id for x in infos], default=0) + 2
    shift = 1  # MISSING (-1) goes to bucket 0
    times = counter_times(ids + shift, c[who][serving[2]] + shift, size, iv, c, serving)
    calls = inp.facts.calls
    present = set(np.unique(ids).tolist())
    out = []
    for info in infos:
        part = parts.get(info.id)
        if part is None and info.id not in present:
            continue
        kwargs = {
            **ticket_figures(part if part is not None else empty(c), inp),
            **counter_time.fields(times[info.id + shift]),
            **overtakes.fields(overtakes.overtakes(calls[calls[who] == info.id])),
        }
        if who == "counter":
            out.append(CounterRow(**kwargs, counter=info.number, name=info.name))  # type: ignore[arg-type]
        else:
            out.append(StaffRow(**kwargs, staff=info.username, name=info.display_name))  # type: ignore[arg-type]
    return tuple(out)


def local_epoch(facts: Facts, utc: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Local wall-clock ms since 1970-01-01 00:00 (local), using each row's local day."""
    if utc.size == 0:
        return utc
    return utc - facts.day_starts[day] + (facts.day_ordinals[day] - EPOCH_ORDINAL) * DAY_MS


def by_time(inp: ReportInput, c: Columns, iv: sessions.Intervals, serving: Serving, kind: str) -> tuple[HourRow, ...] | tuple[WeekdayRow, ...]:
    """One row per hour of day (0-23) or weekday (0 = Monday) that saw tickets or counters.

    Tickets count in the hour or weekday they were issued; counter time, serving time and
    services finished are cut at hour (or day) boundaries and counted where they fell.
    """
    facts = inp.facts
    size = 24 if kind == "hour" else 7
    unit = HOUR_MS if kind == "hour" else DAY_MS

    def bucket(index: np.ndarray) -> np.ndarray:
        return index % 24 if kind == "hour" else (index + 3) % 7  # 1970-01-01 was a Thursday

    idx, length, src = split_by_unit(local_epoch(facts, iv.start, iv.day), local_epoch(facts, iv.end, iv.day), unit)
    keys = bucket(idx)
    signed = sums_by(keys, length.astype(np.float64), size) / HOUR_MS
    open_mask = iv.state[src] == sessions.OPEN
    open_h = sums_by(keys[open_mask], length[open_mask].astype(np.float64), size) / HOUR_MS
    s_start, s_end, rows = serving
    day = c["day"][rows]
    sidx, slen, _ = split_by_unit(local_epoch(facts, s_start, day), local_epoch(facts, s_end, day), unit)
    serving_h = sums_by(bucket(sidx), slen.astype(np.float64), size) / HOUR_MS
    done = c["outcome"] == Outcome.SERVED
    finished = local_epoch(facts, c["finish"][done], c["day"][done]) // unit
    served = np.bincount(bucket(finished), minlength=size) if finished.size else np.zeros(size, int)
    parts = dict(groups(c, c[kind], ROW_FIELDS))
    out = []
    for key in range(size):
        if key not in parts and signed[key] == 0:
            continue
        kwargs = {
            **ticket_figures(parts.get(key, empty(c)), inp),
            "signed_in_h": round(float(signed[key]), 4),
            "open_h": round(float(open_h[key]), 4),
            "serving_h": round(float(serving_h[key]), 4),
            "finished_here": int(served[key]),
            "utilisation": share_f(float(serving_h[key]), float(signed[key])),
            "served_per_open_hour": share_f(float(served[key]), float(open_h[key])),
        }
        out.append(HourRow(**kwargs, hour=key) if kind == "hour" else WeekdayRow(**kwargs, weekday=key))  # type: ignore[arg-type]
    return tuple(out)
