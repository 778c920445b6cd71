"""Every figure of the supervisor report, from the facts of a period.

The result is a tree of frozen dataclasses (:mod:`khiw.metrics.figures`); the PDF, XLSX,
JSON and the report view only format it. docs/metrics.md defines each figure.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from khiw.metrics import breakdowns, counter_time, fairness_figures, sessions
from khiw.metrics.figures import Charts, Compliance, Fairness, Figures, HistogramBin, ServiceRow, TicketFigures, Totals
from khiw.metrics.grouping import Columns
from khiw.metrics.inputs import CounterInfo, ReportInput, ServiceInfo, StaffInfo
from khiw.metrics.overtakes import overtake_summary
from khiw.metrics.satisfaction import satisfaction
from khiw.metrics.tickets import columns, ticket_figures

WAIT_BINS_MIN = (0, 5, 10, 15, 20, 30, 45, 60)

__all__ = ["CounterInfo", "ReportInput", "ServiceInfo", "StaffInfo", "compute", "compute_totals"]


def compute(inp: ReportInput) -> Figures:
    """All measures of the period (see the module docstring for units)."""
    cols = columns(inp)
    services = sorted(inp.services, key=lambda s: (s.order, s.code))
    by_id = {s.id: s for s in services}
    # RAQFM is one big sort and a few passes over 4n events, in numpy, which releases the
    # GIL: on the second core it overlaps everything else.
    with ThreadPoolExecutor(max_workers=1) as pool:
        raqfm = pool.submit(fairness_figures.raqfm, inp, cols, by_id)
        ivals = sessions.intervals(inp.facts.counter_events, inp.start_ms, inp.horizon_ms)
        serving = counter_time.serving_intervals(cols, inp.horizon_ms)
        whole = counter_time.counter_times(np.zeros(ivals.counter.size, np.int64), np.zeros(serving[2].size, np.int64), 1, ivals, cols, serving)[0]
        totals = Totals(**ticket_figures(cols, inp), **counter_time.fields(whole))  # type: ignore[arg-type]
        by_service = breakdowns.by_service(inp, cols, services)
        by_counter = breakdowns.by_people(inp, cols, ivals, serving, "counter")
        by_staff = breakdowns.by_people(inp, cols, ivals, serving, "staff")
        by_hour = breakdowns.by_time(inp, cols, ivals, serving, "hour")
        by_weekday = breakdowns.by_time(inp, cols, ivals, serving, "weekday")
        overtakes = overtake_summary(inp, cols)
        priority_waits = fairness_figures.priority_waits(cols)
        jain, gini = fairness_figures.jain_citizens(cols), fairness_figures.gini_wait(cols)
        surveys = satisfaction(inp.answers, served=totals.served)
        charts = _charts(cols, by_service)
        return Figures(
            totals=totals,
            by_service=by_service,
            by_counter=by_counter,  # type: ignore[arg-type]
            by_staff=by_staff,  # type: ignore[arg-type]
            by_hour=by_hour,  # type: ignore[arg-type]
            by_weekday=by_weekday,  # type: ignore[arg-type]
            by_priority=breakdowns.by_priority(inp, cols),
            # Waited for last: everything above ran on this core meanwhile.
            fairness=Fairness(overtakes=overtakes, priority_waits=priority_waits, raqfm=raqfm.result(), jain_citizens=jain, gini_wait=gini),
            satisfaction=surveys,
            charts=charts,
            settings_changes=inp.settings_changes,
        )


def compute_totals(inp: ReportInput) -> TicketFigures:
    """Only the office's ticket figures (for the previous period a summary compares against)."""
    return TicketFigures(**ticket_figures(columns(inp), inp))  # type: ignore[arg-type]


def _charts(c: Columns, by_service: tuple[ServiceRow, ...]) -> Charts:
    """Arrivals by hour, the wait histogram (never-called tickets included), compliance."""
    waits = c["wait"][~np.isnan(c["wait"])] / 60.0
    edges = [*WAIT_BINS_MIN, float("inf")]
    histogram = tuple(
        HistogramBin(from_min=lo, to_min=None if hi == float("inf") else int(hi), tickets=int(((waits >= lo) & (waits < hi)).sum()))
        for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    )
    arrivals = np.bincount(c["hour"], minlength=24) if c["hour"].size else np.zeros(24, int)
    return Charts(
        arrivals_by_hour=tuple(int(x) for x in arrivals[:24]),
        wait_histogram=histogram,
        compliance_by_service=tuple(
            Compliance(service=r.service, name_th=r.name_th, standard_met=r.standard_met, wait_within_target=r.wait_within_target) for r in by_service
        ),
    )
