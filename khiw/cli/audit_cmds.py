"""``khiw audit verify [--against REPORT]``: prove the event log, and the tables it explains, are intact."""

from __future__ import annotations

import argparse
from dataclasses import replace

from khiw.cli.context import Context


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", parents=[common], help="check the hash-chained event log")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    v = actions.add_parser(
        "verify", parents=[common], help="recompute the chain and replay it against the tables; name the first altered or removed event or row"
    )
    v.add_argument("--against", metavar="REPORT", help="also check that the log still holds the chain head recorded in this PDF or JSON report")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.set_defaults(func=cmd_verify)


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine.audit import read_anchor, verify_anchor
    from khiw.reports.audit_days import verify

    anchor = read_anchor(args.against) if getattr(args, "against", None) else None  # a bad file fails before any work
    db = ctx.database()
    result = db.query(verify)
    if result.ok and anchor is not None:
        result = replace(db.query(verify_anchor, anchor=anchor), rows_checked=result.rows_checked)
    if result.ok:
        human = f"audit ok: {result.checked} events, chain intact, {result.rows_checked} rows and report days match the log"
        if anchor is not None:
            human = f"audit ok: {result.checked} events, chain intact and still holding the head of {result.anchor}"
    else:
        human = f"audit FAILED: {result.problem}"
    ctx.emit(result.to_json(), human)
    return 0 if result.ok else 5
