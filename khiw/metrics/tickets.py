"""Per-ticket columns and the figures of any group of tickets (outcomes, waits, standards).

A ticket that was never called (cancelled or expired while waiting) waited too, usually the
longest of all: its wait until it left counts in the wait figures, and when that wait is
longer than its service's standard it counts as a miss of the standard. Leaving those
tickets out would make the median, p90 and the share within the standard look better than
the citizens' experience.
"""

from __future__ import annotations

import numpy as np

from khiw.metrics.facts import MISSING, Outcome
from khiw.metrics.grouping import Columns
from khiw.metrics.inputs import ReportInput
from khiw.metrics.stats import share, summary

HOUR_MS = 3_600_000
# The columns ticket_figures reads: groups carry only these.
ROW_FIELDS = ("outcome", "wait", "walk", "service_s", "met", "never", "missed", "transfer")


def columns(inp: ReportInput) -> Columns:
    """Per-ticket derived columns (seconds as float64, NaN where a step did not happen)."""
    t = inp.facts.tickets
    standard = np.zeros(max([s.id for s in inp.services], default=0) + 1)
    for s in inp.services:
        standard[s.id] = s.standard_minutes * 60.0
    called = t["first_call"] != MISSING
    left_waiting = ~called & np.isin(t["outcome"], (Outcome.CANCELLED, Outcome.EXPIRED)) & (t["end"] != MISSING)
    started = (t["start"] != MISSING) & (t["last_call"] != MISSING)
    served = t["outcome"] == Outcome.SERVED
    local = t["issued"] - inp.facts.day_starts[t["day"]] if t.size else t["issued"]
    nan = np.full(t.size, np.nan)
    service_s = np.where(served, (t["finish"] - t["start"]) / 1000.0, nan)
    wait = np.where(called, (t["first_call"] - t["issued"]) / 1000.0, np.where(left_waiting, (t["end"] - t["issued"]) / 1000.0, nan))
    std = standard[t["service"]] if t.size else np.zeros(0)
    return {
        "ticket": t["ticket"],
        "service": t["service"],
        "priority": t["priority"].astype(np.int64),
        "counter": t["counter"].astype(np.int64),
        "staff": t["staff"].astype(np.int64),
        "outcome": t["outcome"],
        "transfer": t["transfer"].astype(bool),
        "hour": (local // HOUR_MS).astype(np.int64),
        "weekday": inp.facts.weekday(t["day"]) if t.size else np.zeros(0, np.int64),
        "wait": wait,
        "never": left_waiting,
        "standard": std,
        "walk": np.where(started, (t["start"] - t["last_call"]) / 1000.0, nan),
        "service_s": service_s,
        "met": served & (service_s <= std),
        "missed": left_waiting & (wait > std),
        "finish": t["finish"],
        "start": t["start"],
        "end": t["end"],
        "issued": t["issued"],
        "day": t["day"],
        "calls": t["calls"].astype(np.int64),
        "number": t["number"],
    }


def ticket_figures(c: Columns, inp: ReportInput) -> dict[str, object]:
    """The :class:`TicketFigures` fields of some tickets, as keyword arguments, so each row
    class adds its own fields (its service, counter, hour …) around them."""
    outcome = c["outcome"]
    counts = np.bincount(outcome, minlength=len(Outcome)) if outcome.size else np.zeros(len(Outcome), int)
    wait = c["wait"][~np.isnan(c["wait"])]
    walk = c["walk"][~np.isnan(c["walk"])]
    service = c["service_s"][~np.isnan(c["service_s"])]
    within = int((wait <= inp.wait_target_minutes * 60).sum())
    met = int(c["met"].sum())
    missed = int(c["missed"].sum())
    never = int(c["never"].sum())
    return {
        "issued": int(outcome.size),
        "visits": int(outcome.size - c["transfer"].sum()),
        "called": int(wait.size - never),
        "served": int(counts[Outcome.SERVED]),
        "no_show": int(counts[Outcome.NO_SHOW]),
        "transferred": int(counts[Outcome.TRANSFERRED]),
        "cancelled": int(counts[Outcome.CANCELLED]),
        "expired": int(counts[Outcome.EXPIRED]),
        "open": int(counts[Outcome.OPEN]),
        "never_called": never,
        "wait_s": summary(wait),
        "walkup_s": summary(walk),
        "service_s": summary(service),
        "wait_within_target": share(within, wait.size),
        "wait_within_target_n": within,
        "standard_met": share(met, service.size + missed),
        "standard_met_n": met,
        "standard_missed_waiting": missed,
    }


def empty(c: Columns) -> Columns:
    """No rows of ``c`` (the figures of a group nobody was in)."""
    return {name: values[:0] for name, values in c.items()}
