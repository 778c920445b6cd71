"""``khiw audit verify``: prove the event log is intact."""

from __future__ import annotations

import argparse

from khiw.cli.context import Context
from khiw.engine.audit import verify_chain


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("audit", parents=[common], help="check the hash-chained event log")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    v = actions.add_parser("verify", parents=[common], help="recompute the chain; name the first altered or removed event")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.set_defaults(func=cmd_verify)


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    result = ctx.database().query(verify_chain)
    human = f"audit ok: {result.checked} events, chain intact" if result.ok else f"audit FAILED: {result.problem}"
    ctx.emit(result.to_json(), human)
    return 0 if result.ok else 5
