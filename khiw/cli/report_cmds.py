"""``khiw report`` (PDF, XLSX, CSV or JSON for a period) and ``khiw simulate`` (history for demos)."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import date
from pathlib import Path

from khiw.cli.context import Context
from khiw.errors import UsageError
from khiw.reports.periods import PeriodError, parse_period


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common], help="supervisor report for a period (PDF, XLSX, CSV event log, JSON)")
    p.add_argument("chart", nargs="?", choices=["standards"], help="'standards': the services' steps and standard times, an A4 PDF for the notice board")
    p.add_argument("--period", metavar="P", help="2569 (fiscal year), 2569-H1, 2569-H2, 2569-11, 2026-11-20 or 2026-11-01..2026-11-30; years from 2400 are Buddhist era")
    # No ``choices``: the formats live with the exporters, loaded only to write a report (checked then).
    p.add_argument("--format", default=None, help="pdf, xlsx, csv or json; default: from the --out file's extension")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write ('-' for standard output, json and csv only)")
    p.add_argument("--json", action="store_true", help="machine-readable output (what was written, the totals, the chain head)")
    p.set_defaults(func=cmd_report)

    s = sub.add_parser("simulate", parents=[common], help="fill the database with realistic history through the engine")
    s.add_argument("--days", type=int, required=True, metavar="N", help="calendar days to simulate (weekends are closed)")
    s.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (the same seed gives the same history)")
    s.add_argument("--start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="first day (default: N days before today)")
    s.add_argument("--load", type=float, metavar="TICKETS", help="citizens on an ordinary weekday (default: ~75%% of counter capacity)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_simulate)


#: The years a report may cover: a queue system's records start in this century, and a year
#: far outside it is a typo that would otherwise build (or crash on) millions of empty days.
FIRST_YEAR, LAST_YEAR = 2000, 2200
#: At most ten years of history are simulated in one run.
MAX_SIMULATED_DAYS = 3660


def _check_writable(out: Path) -> None:
    """Refuse an output file whose folder is missing before the (long) report is built."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {out}: folder {folder} does not exist")
    if out.is_dir():
        raise UsageError(f"cannot write {out}: it is a folder")


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.reports.data import make_report  # the report machinery: only when a report is made
    from khiw.reports.export import FORMATS, export

    if args.chart == "standards":
        return _standards(ctx, args)
    if not args.period:
        print("khiw: report: --period is required (or: khiw report standards --out FILE.pdf)", file=sys.stderr)
        return 2
    try:
        period = parse_period(args.period)
    except PeriodError as err:
        print(f"khiw: {err}", file=sys.stderr)
        return 2
    if period.first.year < FIRST_YEAR or period.last.year > LAST_YEAR:
        raise UsageError(f"period {args.period}: a report covers days from {FIRST_YEAR} to {LAST_YEAR} (A.D.)")
    if args.out != "-":
        _check_writable(Path(args.out))
    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        print(f"khiw: say --format ({', '.join(FORMATS)}); cannot tell it from {args.out!r}", file=sys.stderr)
        return 2
    if args.out == "-" and fmt not in ("json", "csv"):
        print(f"khiw: a {fmt} report must go to a file", file=sys.stderr)
        return 2
    if args.out == "-" and ctx.as_json:
        print("khiw: --json describes the file written; with --out - the report itself is the output", file=sys.stderr)
        return 2
    started = time.perf_counter()
    db = ctx.database()
    report = make_report(db, period=period, office=ctx.office, produced_by=_who())
    with db.read() as session:
        export(session, report=report, fmt=fmt, out=args.out)
    if args.out != "-":
        totals = report.figures.totals
        elapsed = time.perf_counter() - started
        ctx.emit(
            {
                "out": args.out,
                "format": fmt,
                "office": report.office_code,
                "period": period.code,
                "visits": totals.visits,
                "tickets": totals.issued,
                "served": totals.served,
                "chain_head": report.chain_head.to_json(),
                "seconds": round(elapsed, 2),
            },
            f"{args.out}: {report.office_code} {period.label_en}: {totals.visits} visits ({totals.issued} tickets), {totals.served} served "
            f"({elapsed:.1f} s)",
        )
    return 0


def _standards(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine.public import public_office
    from khiw.standards import write_standards_pdf

    if args.out == "-" or (args.format or "pdf") != "pdf":
        print("khiw: the standards chart is a PDF file: --out FILE.pdf", file=sys.stderr)
        return 2
    office = ctx.database().query(public_office, office=ctx.office)
    write_standards_pdf(office, Path(args.out))
    print(f"{args.out}: standards chart of {office.code}, {len(office.services)} services")
    return 0


def _who() -> str:
    """Who produced the report, for its cover: the signed-in user of this PC."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment (a service account)
        return "khiw"


def cmd_simulate(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.simulation import simulate

    if not 1 <= args.days <= MAX_SIMULATED_DAYS:
        raise UsageError(f"--days must be 1 to {MAX_SIMULATED_DAYS} (ten years)")
    started = time.perf_counter()

    def progress(day: object) -> None:
        if not ctx.as_json:
            print(f"  {day.day}: {day.issued} tickets", file=sys.stderr)  # type: ignore[attr-defined]

    summary = simulate(ctx.database(), days=args.days, seed=args.seed, start=args.start, office=ctx.office, load=args.load, progress=progress)
    elapsed = time.perf_counter() - started
    ctx.emit(
        {**summary.__dict__, "first_day": summary.first_day.isoformat(), "last_day": summary.last_day.isoformat(), "seconds": round(elapsed, 1)},
        f"simulated {summary.first_day} to {summary.last_day}: {summary.issued} tickets, {summary.expired} expired, "
        f"{summary.turned_away} turned away ({elapsed:.0f} s, {1000 * elapsed / max(summary.issued, 1):.1f} ms per ticket)",
    )
    return 0
