"""``khiw config export``: the database's office settings written back as ``khiw.toml``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khiw.cli.context import Context


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("config", parents=[common], help="the office's settings as khiw.toml")
    actions = p.add_subparsers(dest="config_command", metavar="ACTION")
    actions.required = True
    e = actions.add_parser("export", parents=[common], help="write the settings the database holds as a khiw.toml that khiw init accepts")
    e.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    e.set_defaults(func=cmd_export)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    # The engine and the TOML writer load only when the command runs: building the parser stays light.
    from khiw.clock import utcnow
    from khiw.config_export import settings_toml
    from khiw.engine import lookup
    from khiw.engine.settings import read_settings

    db = ctx.database()
    cfg = db.query(lambda s: read_settings(s, lookup.office(s, ctx.office)))
    text = settings_toml(cfg, when=utcnow().astimezone().strftime("%Y-%m-%d %H:%M"))
    out = getattr(args, "out", None)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        print(f"wrote the settings of office {cfg.office.code} to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
