"""``khiw plan``: how many counters per weekday and half-hour, from a period's history.

Two modes. With ``--period``: the office's own history, planned by simulation (see
docs/planning.md), with what-if options. With ``--arrivals-per-hour`` and
``--service-minutes``: the stationary textbook case (one service, Poisson arrivals,
exponential service), answered by the same simulator and printed next to Erlang C.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khiw.cli.context import Context
from khiw.reports.periods import PeriodError, parse_period


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plan", parents=[common], help="staffing plan: the fewest counters per weekday and half-hour, from a period's history")
    p.add_argument("--period", metavar="P", help="history to plan from, as for 'khiw report' (e.g. 2569-11 or 2026-11-01..2026-11-30)")
    p.add_argument("--target", type=_share, default=0.9, metavar="P", help="share of citizens called within the wait limit (0.9 or 90; default 0.9)")
    p.add_argument("--wait-minutes", type=_non_negative, metavar="T", help="wait limit in minutes (default: the office's wait target)")
    p.add_argument("--arrivals-scale", type=_positive, default=1.0, metavar="X", help="what if arrivals were X times the period's (1.3: +30%%)")
    p.add_argument("--counters-per-hour", metavar="C", help="what if this many counters were open: 4, or HOUR=COUNTERS,... (8=2,9=4,13=3)")
    p.add_argument("--standard", action="append", default=[], metavar="SERVICE=MIN", help="what if a service's standard time were MIN (its service times scale with it); repeatable")
    p.add_argument("--replications", type=int, default=40, metavar="N", help="simulated days per weekday and per round (default 40)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (the same seed gives the same plan)")
    p.add_argument("--workers", type=int, metavar="N", help="processes to simulate in (default: every core)")
    p.add_argument("--arrivals-per-hour", type=_positive, metavar="A", help="stationary case: Poisson arrivals per hour (with --service-minutes)")
    p.add_argument("--service-minutes", type=_positive, metavar="S", help="stationary case: mean (exponential) service time in minutes")
    p.add_argument("--pdf", metavar="FILE", help="also write the period's PDF report with the staffing page")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_plan)


def _share(text: str) -> float:
    value = float(text)
    value = value / 100 if value > 1 else value
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"a share between 0 and 1 (or a percentage), not {text}")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {text}")
    return value


def cmd_plan(ctx: Context, args: argparse.Namespace) -> int:
    if args.arrivals_per_hour is not None or args.service_minutes is not None:
        return _stationary(ctx, args)
    if not args.period:
        print("khiw: say --period (history to plan from), or --arrivals-per-hour and --service-minutes", file=sys.stderr)
        return 2
    from khiw.plan.api import Scenario, ScenarioError, Settings, make_plan
    from khiw.plan.whatif import parse_counters, parse_standard

    try:
        period = parse_period(args.period)
        scenario = Scenario(
            arrivals_scale=args.arrivals_scale,
            standards=dict(parse_standard(s) for s in args.standard),
            counters_per_hour=parse_counters(args.counters_per_hour) if args.counters_per_hour else {},
        )
        if args.replications < 2:
            raise ScenarioError("--replications must be at least 2 (a range needs more than one day)")
        settings = Settings(target=args.target, wait_minutes=args.wait_minutes, replications=args.replications, seed=args.seed)
        result = make_plan(ctx.database(), period=period, office=ctx.office, scenario=scenario, settings=settings, workers=args.workers)
    except (PeriodError, ScenarioError) as err:
        print(f"khiw: {err}", file=sys.stderr)
        return 2
    if not result.days:
        print(f"khiw: no tickets in {period.label_en}: nothing to plan from", file=sys.stderr)
        return 1
    if args.pdf:
        from khiw.reports.data import make_report
        from khiw.reports.pdf import write_pdf

        write_pdf(make_report(ctx.database(), period=period, office=ctx.office), Path(args.pdf), plan=result)
    ctx.emit(result.to_json(), _human(result) + (f"\n{args.pdf}: the report with the staffing page" if args.pdf else ""))
    return 0


def _stationary(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.plan import stationary

    if args.arrivals_per_hour is None or args.service_minutes is None or args.wait_minutes is None:
        print("khiw: the stationary case needs --arrivals-per-hour, --service-minutes and --wait-minutes", file=sys.stderr)
        return 2
    answer = stationary.fewest(
        arrivals_per_hour=args.arrivals_per_hour,
        service_minutes=args.service_minutes,
        wait_minutes=args.wait_minutes,
        target=args.target,
        seed=args.seed,
        workers=args.workers,
    )
    ctx.emit(
        answer.to_json(),
        f"{answer.counters} counters: P(wait ≤ {args.wait_minutes:g} min) = {answer.probability:.3f} "
        f"(10–90 %: {answer.low:.3f}–{answer.high:.3f}, {answer.replications} runs); "
        f"Erlang C: {answer.erlang_counters} counters, {answer.erlang_probability:.3f}",
    )
    return 0


def _human(result: object) -> str:
    from khiw.plan.api import StaffingPlan

    assert isinstance(result, StaffingPlan)
    days = result.days
    lines = [
        f"{result.office_code} {result.period_code}: at least {result.target:.0%} called within {result.wait_minutes:g} min "
        f"({result.replications} simulated days per weekday; ranges are 10th–90th percentiles)",
    ]
    lines.append("estimated per service: tickets per open day, priority lane, no-shows, counter minutes per ticket (standard)")
    for svc in result.services:
        lines.append(
            f"  {svc.code:<8}{svc.arrivals_per_day:7.1f}/day  priority {svc.priority_share:4.0%}  no-show {svc.no_show_share:4.0%}  "
            f"{svc.mean_counter_minutes:5.1f} min ({svc.standard_minutes:g})"
        )
    if not result.scenario.is_baseline:
        lines.append(f"what if: {result.scenario.to_json()}")
    lines.append("counters recommended (evaluated staffing in brackets), by half-hour:")
    lines.append("       " + "".join(f"{d.name_en[:3]:>10}" for d in days))
    for j, slot in enumerate(days[0].slots):
        lines.append(f"{slot.start:<7}" + "".join(f"{d.slots[j].recommended:>5} ({d.slots[j].evaluated:>2})" for d in days))
    lines.append("counter-hours  " + "   ".join(f"{d.counter_hours_recommended:g} ({d.counter_hours_evaluated:g})" for d in days))
    label = "the period's staffing" if result.evaluated_is_history else "the what-if staffing"
    for d in days:
        parts = [f"{d.name_en[:3]}: recommended {_waits(d.recommended, result.wait_minutes)}"]
        if d.evaluated:
            parts.append(f"{label} {_waits(d.evaluated, result.wait_minutes)}")
        lines.append("; ".join(parts))
    unsettled = [d.name_en for d in days if not d.converged]
    if unsettled:
        lines.append(f"warning: {', '.join(unsettled)}: still short after the search's last round; the counts shown are a floor")
    lines.append(f"({result.seconds:.1f} s)")
    return "\n".join(lines)


def _waits(w: object, limit: float) -> str:
    from khiw.plan.api import Waits

    assert isinstance(w, Waits)
    return (
        f"{w.within.value:.0%} within {limit:g} min ({w.within.low:.0%}–{w.within.high:.0%}), "
        f"median {w.median_minutes.value:.0f} min ({w.median_minutes.low:.0f}–{w.median_minutes.high:.0f}), "
        f"p90 {w.p90_minutes.value:.0f} min ({w.p90_minutes.low:.0f}–{w.p90_minutes.high:.0f})"
    )
