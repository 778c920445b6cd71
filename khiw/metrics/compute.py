"""Every figure of the supervisor report, from the facts of a period.

The result is a plain dict of JSON-ready values (durations in seconds, counter time in
hours, shares as fractions 0-1, ``None`` where there is nothing to measure); the PDF, XLSX
and the report view only format it. docs/metrics.md defines each figure.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from khiw.metrics import fairness, sessions
from khiw.metrics.facts import MISSING, PAUSE_REASONS, PRIORITIES, Facts, Outcome
from khiw.metrics.grouping import Columns, groups, split_by_unit, sums_by, take
from khiw.metrics.stats import gini, jain, share, summary

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal()
WAIT_BINS_MIN = (0, 5, 10, 15, 20, 30, 45, 60)
ROW_FIELDS = ("outcome", "wait", "walk", "service_s", "met")  # what _ticket_row reads


@dataclass(frozen=True)
class ServiceInfo:
    """What the report shows of a service."""

    id: int
    code: str
    prefix: str
    name_th: str
    name_en: str
    standard_minutes: int
    order: int = 0


@dataclass(frozen=True)
class CounterInfo:
    """What the report shows of a counter."""

    id: int
    number: int
    name: str


@dataclass(frozen=True)
class StaffInfo:
    """What the report shows of a staff member."""

    id: int
    username: str
    display_name: str


@dataclass
class ReportInput:
    """The facts of a period and what is needed to name and judge them.

    ``horizon_ms`` is the period's end or now, whichever is earlier: tickets and counters
    still open count until then. ``surveys`` holds (ticket id, score) of survey answers.
    """

    facts: Facts
    services: list[ServiceInfo]
    counters: list[CounterInfo]
    staff: list[StaffInfo]
    wait_target_minutes: int
    start_ms: int
    end_ms: int
    horizon_ms: int
    surveys: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))


def compute(inp: ReportInput) -> dict[str, Any]:
    """All measures of the period (see the module docstring for units)."""
    cols = _columns(inp)
    services = sorted(inp.services, key=lambda s: (s.order, s.code))
    by_service = {s.id: s for s in services}
    # RAQFM is one big sort and a few passes over 4n events, in numpy, which releases the
    # GIL: on the second core it overlaps everything else.
    with ThreadPoolExecutor(max_workers=1) as pool:
        raqfm = pool.submit(_raqfm, inp, cols, by_service)
        out = _everything_else(inp, cols, services, by_service)
        out["fairness"]["raqfm"] = raqfm.result()
    return out


def _everything_else(inp: ReportInput, cols: Columns, services: list[ServiceInfo], by_service: dict[int, ServiceInfo]) -> dict[str, Any]:
    facts = inp.facts
    ivals = sessions.intervals(facts.counter_events, inp.start_ms, inp.horizon_ms)
    served_ivals = _serving_intervals(cols, inp.horizon_ms)

    totals = _ticket_row(cols, inp)
    totals.update(_counter_times(np.zeros(ivals.counter.size, np.int64), np.zeros(served_ivals[2].size, np.int64), 1, ivals, cols, served_ivals)[0])
    out: dict[str, Any] = {"totals": totals}

    rows = {key: _ticket_row(part, inp) for key, part in groups(cols, cols["service"], ROW_FIELDS)}
    out["by_service"] = [
        {"service": s.code, "prefix": s.prefix, "name_th": s.name_th, "name_en": s.name_en, "standard_minutes": s.standard_minutes}
        | rows.get(s.id, _ticket_row(take(cols, slice(0, 0)), inp))
        for s in services
    ]
    out["by_counter"] = _people_rows(inp, cols, ivals, served_ivals, "counter")
    out["by_staff"] = _people_rows(inp, cols, ivals, served_ivals, "staff")
    out["by_hour"] = _time_rows(inp, cols, ivals, served_ivals, "hour")
    out["by_weekday"] = _time_rows(inp, cols, ivals, served_ivals, "weekday")
    prio_rows = {key: _ticket_row(part, inp) for key, part in groups(cols, cols["priority"], ROW_FIELDS)}
    out["by_priority"] = [{"priority": PRIORITIES[k]} | row for k, row in sorted(prio_rows.items())]
    out["fairness"] = _fairness(inp, cols, by_service)
    out["satisfaction"] = _satisfaction(inp, cols, by_service)
    out["charts"] = _charts(inp, cols, out)
    return out


def _columns(inp: ReportInput) -> Columns:
    """Per-ticket derived columns (seconds as float64, NaN where a step did not happen)."""
    t = inp.facts.tickets
    standard = np.zeros(max([s.id for s in inp.services], default=0) + 1)
    for s in inp.services:
        standard[s.id] = s.standard_minutes * 60.0
    called = t["first_call"] != MISSING
    started = (t["start"] != MISSING) & (t["last_call"] != MISSING)
    served = t["outcome"] == Outcome.SERVED
    local = t["issued"] - inp.facts.day_starts[t["day"]] if t.size else t["issued"]
    nan = np.full(t.size, np.nan)
    service_s = np.where(served, (t["finish"] - t["start"]) / 1000.0, nan)
    return {
        "ticket": t["ticket"],
        "service": t["service"],
        "priority": t["priority"].astype(np.int64),
        "counter": t["counter"].astype(np.int64),
        "staff": t["staff"].astype(np.int64),
        "outcome": t["outcome"],
        "hour": (local // HOUR_MS).astype(np.int64),
        "weekday": inp.facts.weekday(t["day"]) if t.size else np.zeros(0, np.int64),
        "wait": np.where(called, (t["first_call"] - t["issued"]) / 1000.0, nan),
        "walk": np.where(started, (t["start"] - t["last_call"]) / 1000.0, nan),
        "service_s": service_s,
        "met": served & (service_s <= standard[t["service"]]),
        "finish": t["finish"],
        "start": t["start"],
        "end": t["end"],
        "issued": t["issued"],
        "day": t["day"],
        "calls": t["calls"].astype(np.int64),
        "number": t["number"],
    }


def _ticket_row(c: Columns, inp: ReportInput) -> dict[str, Any]:
    """Counts by outcome and the wait, walk-up and service-time figures of some tickets."""
    outcome = c["outcome"]
    counts = np.bincount(outcome, minlength=len(Outcome)) if outcome.size else np.zeros(len(Outcome), int)
    wait = c["wait"][~np.isnan(c["wait"])]
    walk = c["walk"][~np.isnan(c["walk"])]
    service = c["service_s"][~np.isnan(c["service_s"])]
    within = int((wait <= inp.wait_target_minutes * 60).sum())
    met = int(c["met"].sum())
    return {
        "issued": int(outcome.size),
        "called": int(wait.size),
        "served": int(counts[Outcome.SERVED]),
        "no_show": int(counts[Outcome.NO_SHOW]),
        "transferred": int(counts[Outcome.TRANSFERRED]),
        "cancelled": int(counts[Outcome.CANCELLED]),
        "expired": int(counts[Outcome.EXPIRED]),
        "open": int(counts[Outcome.OPEN]),
        "wait_s": summary(wait),
        "walkup_s": summary(walk, with_max=False),
        "service_s": summary(service, with_max=False),
        "wait_within_target": share(within, wait.size),
        "wait_within_target_n": within,
        "standard_met": share(met, service.size),
        "standard_met_n": met,
    }


def _serving_intervals(c: Columns, horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, end, ticket row) of the time each started ticket was being served, until ``horizon``."""
    started = c["start"] != MISSING
    end = np.where(c["finish"] != MISSING, c["finish"], np.where(c["end"] != MISSING, c["end"], horizon))
    end = np.minimum(end, horizon)  # counter time stops at the period's end: so does serving
    rows = np.flatnonzero(started)
    return c["start"][rows], np.maximum(end[rows], c["start"][rows]), rows


def _counter_times(
    iv_key: np.ndarray,
    serving_key: np.ndarray,
    size: int,
    iv: sessions.Intervals,
    c: Columns,
    serving: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> list[dict[str, Any]]:
    """Per key 0..size-1: signed-in, open, paused (by reason) and serving hours, utilisation
    and served per open hour. ``iv_key`` keys the counter intervals, ``serving_key`` the
    serving intervals; both are summed with one bincount each, never a mask per key."""
    length = iv.length.astype(np.float64)
    signed = sums_by(iv_key, length, size) / HOUR_MS
    opened = sums_by(iv_key[iv.state == sessions.OPEN], length[iv.state == sessions.OPEN], size) / HOUR_MS
    paused = {}
    for i, name in enumerate(PAUSE_REASONS):
        mask = (iv.state == sessions.PAUSED) & (iv.reason == i)
        paused[name] = sums_by(iv_key[mask], length[mask], size) / HOUR_MS
    s_start, s_end, rows = serving
    serving_h = sums_by(serving_key, (s_end - s_start).astype(np.float64), size) / HOUR_MS
    done = c["outcome"][rows] == Outcome.SERVED
    served = sums_by(serving_key[done], np.ones(int(done.sum())), size)
    return [
        {
            "signed_in_h": round(float(signed[k]), 4),
            "open_h": round(float(opened[k]), 4),
            "paused_h": {name: round(float(paused[name][k]), 4) for name in PAUSE_REASONS},
            "serving_h": round(float(serving_h[k]), 4),
            "utilisation": share_f(float(serving_h[k]), float(signed[k])),
            "served_per_open_hour": share_f(float(served[k]), float(opened[k])),
        }
        for k in range(size)
    ]


def share_f(part: float, whole: float) -> float | None:
    """``part / whole`` rounded, or None for an empty whole."""
    return None if whole <= 0 else round(part / whole, 6)


def _overtake_row(calls: np.ndarray) -> dict[str, int]:
    overtook = int(calls["overtook"].sum())
    unjust = int(calls["unjustified"].sum())
    return {
        "overtaking_calls": int((calls["overtook"] > 0).sum()),
        "overtaken": overtook,
        "justified": overtook - unjust,
        "unjustified": unjust,
        "out_of_order_calls": int(calls["out_of_order"].sum()),
    }


def _people_rows(
    inp: ReportInput, c: Columns, iv: sessions.Intervals, serving: tuple[np.ndarray, np.ndarray, np.ndarray], who: str
) -> list[dict[str, Any]]:
    """One row per counter or staff member: tickets they called and their counter time."""
    infos: list[Any] = sorted(inp.counters, key=lambda x: x.number) if who == "counter" else sorted(inp.staff, key=lambda x: x.username)
    parts = dict(groups(c, c[who], ROW_FIELDS))
    ids = getattr(iv, who)
    size = max([x.id for x in infos], default=0) + 2
    shift = 1  # MISSING (-1) goes to bucket 0
    times = _counter_times(ids + shift, c[who][serving[2]] + shift, size, iv, c, serving)
    calls = inp.facts.calls
    present = set(np.unique(ids).tolist())
    out = []
    for info in infos:
        part = parts.get(info.id)
        if part is None and info.id not in present:
            continue
        row = _ticket_row(part if part is not None else take(c, slice(0, 0)), inp)
        row.pop("issued")
        row.pop("expired")
        row.update(times[info.id + shift])
        row.update(_overtake_row(calls[calls[who] == info.id]))
        head = {"counter": info.number, "name": info.name} if who == "counter" else {"staff": info.username, "name": info.display_name}
        out.append(head | row)
    return out


def _local_epoch(facts: Facts, utc: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Local wall-clock ms since 1970-01-01 00:00 (local), using each row's local day."""
    if utc.size == 0:
        return utc
    return utc - facts.day_starts[day] + (facts.day_ordinals[day] - EPOCH_ORDINAL) * DAY_MS


def _time_rows(
    inp: ReportInput, c: Columns, iv: sessions.Intervals, serving: tuple[np.ndarray, np.ndarray, np.ndarray], kind: str
) -> list[dict[str, Any]]:
    """One row per hour of day (0-23) or weekday (0 = Monday) that saw tickets or counters.

    Tickets count in the hour or weekday they were issued; counter time, serving time and
    services finished are cut at hour (or day) boundaries and counted where they fell.
    """
    facts = inp.facts
    size = 24 if kind == "hour" else 7
    unit = HOUR_MS if kind == "hour" else DAY_MS

    def bucket(index: np.ndarray) -> np.ndarray:
        return index % 24 if kind == "hour" else (index + 3) % 7  # 1970-01-01 was a Thursday

    a = _local_epoch(facts, iv.start, iv.day)
    b = _local_epoch(facts, iv.end, iv.day)
    idx, length, src = split_by_unit(a, b, unit)
    keys = bucket(idx)
    signed = sums_by(keys, length.astype(np.float64), size) / HOUR_MS
    open_mask = iv.state[src] == sessions.OPEN
    open_h = sums_by(keys[open_mask], length[open_mask].astype(np.float64), size) / HOUR_MS
    s_start, s_end, rows = serving
    day = c["day"][rows]
    sidx, slen, _ = split_by_unit(_local_epoch(facts, s_start, day), _local_epoch(facts, s_end, day), unit)
    serving_h = sums_by(bucket(sidx), slen.astype(np.float64), size) / HOUR_MS
    done = c["outcome"] == Outcome.SERVED
    finished = _local_epoch(facts, c["finish"][done], c["day"][done]) // unit
    served = np.bincount(bucket(finished), minlength=size) if finished.size else np.zeros(size, int)
    parts = dict(groups(c, c[kind], ROW_FIELDS))
    out = []
    for key in range(size):
        if key not in parts and signed[key] == 0:
            continue
        row = {kind: key} | _ticket_row(parts.get(key, take(c, slice(0, 0))), inp)
        row.update(
            {
                "signed_in_h": round(float(signed[key]), 4),
                "open_h": round(float(open_h[key]), 4),
                "serving_h": round(float(serving_h[key]), 4),
                "finished_here": int(served[key]),
                "utilisation": share_f(float(serving_h[key]), float(signed[key])),
                "served_per_open_hour": share_f(float(served[key]), float(open_h[key])),
            }
        )
        out.append(row)
    return out


def _fairness(inp: ReportInput, c: Columns, services: dict[int, ServiceInfo]) -> dict[str, Any]:
    """Overtakes, priority classes against the normal class, RAQFM, Jain's index, Gini."""
    calls = inp.facts.calls
    overtakes = _overtake_row(calls) | {"calls": int(c["calls"].sum())}
    out_of_order = []
    wanted = calls[calls["out_of_order"] == 1]
    numbers = _lookup(c["ticket"], c["number"], wanted["ticket"])
    for row, number in zip(wanted, numbers, strict=True):
        svc = services.get(int(row["service"]))
        out_of_order.append(
            {
                "at_ms": int(row["at"]),
                "ticket": f"{svc.prefix if svc else '?'}{int(number):03d}",
                "service": svc.code if svc else None,
                "counter": _counter_number(inp, int(row["counter"])),
                "staff": _staff_name(inp, int(row["staff"])),
                "overtook": int(row["overtook"]),
                "unjustified": int(row["unjustified"]),
                "reason": inp.facts.reasons.get(int(row["event"]), ""),
            }
        )
    overtakes["out_of_order"] = out_of_order

    waits = c["wait"]
    called = ~np.isnan(waits)
    normal = waits[called & (c["priority"] == 0)]
    normal_mean = float(normal.mean()) if normal.size else None
    classes = []
    for key, part in groups({"wait": waits[called]}, c["priority"][called]):
        w = part["wait"]
        row = {"priority": PRIORITIES[key]} | summary(w)
        row["mean_minus_normal_s"] = None if normal_mean is None else round(float(w.mean()) - normal_mean, 3)
        classes.append(row)

    means = np.array([float(part["wait"].mean()) for _key, part in groups({"wait": waits[called]}, c["service"][called])])
    return {
        "overtakes": overtakes,
        "priority_waits": classes,
        "jain_service_mean_wait": jain(means),
        "gini_wait": gini(waits[called]),
    }


def _raqfm(inp: ReportInput, c: Columns, services: dict[int, ServiceInfo]) -> dict[str, Any]:
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
        by_class = {PRIORITIES[p]: round(float(dd[prio == p].mean()), 3) for p in np.unique(prio)}
        pools.append(
            {
                "service": svc.code if svc else str(service_id),
                "n": int(dd.size),
                "mean_d_s": by_class,
                "mean_d_priority_s": round(float(dd[prio != 0].mean()), 3) if (prio != 0).any() else None,
                "var_d_s2": round(float(dd.var()), 3),
                "sum_d_s": round(float(dd.sum()), 3),
            }
        )
    classes = {PRIORITIES[p]: round(float(d[c["priority"] == p].mean()), 3) for p in np.unique(c["priority"])}
    return {"pools": pools, "mean_d_s": classes, "var_d_s2": round(float(d.var()), 3) if d.size else None}


def _satisfaction(inp: ReportInput, c: Columns, services: dict[int, ServiceInfo]) -> dict[str, Any]:
    """Survey answers of the period's tickets: count, rate (per served ticket), mean, 1-5 counts."""
    answers = inp.surveys
    order = np.argsort(c["ticket"])
    if answers.size and c["ticket"].size:
        pos = np.searchsorted(c["ticket"], answers[:, 0], sorter=order).clip(0, c["ticket"].size - 1)
        rows = order[pos]
        keep = c["ticket"][rows] == answers[:, 0]
        rows, scores = rows[keep], answers[keep, 1]
    else:
        rows, scores = np.zeros(0, np.int64), np.zeros(0, np.int64)

    def block(select: np.ndarray, served: int) -> dict[str, Any]:
        s = scores[select]
        return {
            "responses": int(s.size),
            "rate": share(int(s.size), served),
            "mean": round(float(s.mean()), 3) if s.size else None,
            "distribution": [int((s == k).sum()) for k in range(1, 6)],
        }

    served_mask = c["outcome"] == Outcome.SERVED
    out: dict[str, Any] = {"totals": block(np.ones(rows.size, bool), int(served_mask.sum()))}
    for who, infos in (("service", services.values()), ("counter", inp.counters), ("staff", inp.staff)):
        table = []
        for info in infos:
            mine = c[who][rows] == info.id
            served = int((served_mask & (c[who] == info.id)).sum())
            label = {"service": getattr(info, "code", None), "counter": getattr(info, "number", None), "staff": getattr(info, "username", None)}[who]
            table.append({who: label} | block(mine, served))
        out[f"by_{who}"] = table
    return out


def _charts(inp: ReportInput, c: Columns, report: dict[str, Any]) -> dict[str, Any]:
    """The series the PDF and the view draw: arrivals by hour, wait histogram, compliance."""
    waits = c["wait"][~np.isnan(c["wait"])] / 60.0
    edges = list(WAIT_BINS_MIN) + [float("inf")]
    histogram = [
        {"from_min": lo, "to_min": None if hi == float("inf") else hi, "tickets": int(((waits >= lo) & (waits < hi)).sum())}
        for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    ]
    arrivals = np.bincount(c["hour"], minlength=24) if c["hour"].size else np.zeros(24, int)
    return {
        "arrivals_by_hour": [int(x) for x in arrivals[:24]],
        "wait_histogram": histogram,
        "compliance_by_service": [
            {"service": r["service"], "standard_met": r["standard_met"], "wait_within_target": r["wait_within_target"]} for r in report["by_service"]
        ],
    }


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``values`` at the rows whose ``keys`` equal each of ``wanted`` (0 where absent)."""
    if keys.size == 0 or wanted.size == 0:
        return np.zeros(wanted.size, dtype=values.dtype)
    order = np.argsort(keys)
    pos = np.searchsorted(keys, wanted, sorter=order).clip(0, keys.size - 1)
    rows = order[pos]
    return np.where(keys[rows] == wanted, values[rows], 0)


def _counter_number(inp: ReportInput, counter_id: int) -> int | None:
    return next((x.number for x in inp.counters if x.id == counter_id), None)


def _staff_name(inp: ReportInput, staff_id: int) -> str | None:
    return next((x.username for x in inp.staff if x.id == staff_id), None)
