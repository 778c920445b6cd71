"""``khiw init`` and ``khiw hash-pin``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING

from khiw.cli.context import Context
from khiw.errors import UsageError

if TYPE_CHECKING:
    from khiw.engine.settings_diff import SettingsDiff


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database and apply khiw.toml")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--dry-run", action="store_true", help="only show what applying the file would change in the database")
    p.add_argument("--yes", action="store_true", help="apply the differences without asking (for scripts)")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("hash-pin", parents=[common], help="print an argon2 hash of a PIN for khiw.toml's pin_hash (staff) or admin_pin_hash (kiosk)")
    p.set_defaults(func=cmd_hash_pin)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from khiw import migrate  # Alembic: only ``khiw init`` needs it
    from khiw.cli.voice_cmds import pack_report
    from khiw.config import load_config
    from khiw.engine.settings_diff import compare_settings
    from khiw.engine.setup import apply_config

    # Validate the whole file before touching the database: a bad file changes nothing.
    cfg = load_config(ctx.config_path) if ctx.config_path else None
    if args.dry_run:
        if cfg is None:
            raise UsageError("--dry-run needs a file to compare: khiw init --config FILE --dry-run")
        diff = ctx.database().query(compare_settings, cfg)
        _show_diff(ctx, diff, dry_run=True)
        return 0
    db = ctx.database(check=False)
    migrate.upgrade(db)
    counts: dict[str, int] = {}
    diff = None
    if cfg:
        diff = db.query(compare_settings, cfg)
        if not diff.fresh:
            _show_diff(ctx, diff, dry_run=False)
        if diff.fresh or (diff.differences and _confirmed(args, diff)):
            counts = db.run(apply_config, cfg)
        elif diff.differences:
            return 2 if not args.yes and not sys.stdin.isatty() else 1
        else:  # nothing differs: nothing is written, not even an event
            counts = {"services": len(cfg.services), "counters": len(cfg.counters), "staff": len(cfg.staff)}
    written = diff is not None and (diff.fresh or bool(diff.differences))
    where = f" and applied {ctx.config_path} ({counts['services']} services, {counts['counters']} counters, {counts['staff']} staff)" if written else ""
    where = where or (f"; it already matches {ctx.config_path} (nothing written)" if cfg else "")
    ctx.emit({"db": db.display_url, "applied": counts}, f"database {db.display_url} is ready{where}")
    if cfg and cfg.display.voice in ("auto", "pack") and not ctx.as_json:
        complete, lines, _ = pack_report(cfg, ctx)
        if not complete:  # said at setup, not discovered by a citizen who hears only a chime
            print("voice: " + "\n       ".join(lines))
    return 0


def _show_diff(ctx: Context, diff: SettingsDiff, *, dry_run: bool) -> None:
    """The differences, and plainly which would undo an edit made in the admin tab.

    On stderr when applying (stdout carries the result, maybe JSON); on stdout for a dry run,
    whose output is the differences (``--json``: as an object).
    """
    if dry_run and ctx.as_json:
        ctx.emit(
            {
                "office": diff.office,
                "new_office": diff.fresh,
                "differences": [{"where": d.where, "old": d.old, "new": d.new} for d in diff.differences],
                "overwrites": [{"where": o.where, "by": o.by, "at": o.at.isoformat(), "value": o.value} for o in diff.overwrites],
            },
            "",
        )
        return
    out = sys.stdout if dry_run else sys.stderr
    if diff.fresh:
        print(f"office {diff.office} is not in the database yet: applying the file creates it", file=out)
        return
    if not diff.differences:
        print(f"office {diff.office}: the database already matches the file; nothing to apply", file=out)
        return
    print(f"office {diff.office}: applying the file would change {len(diff.differences)} setting(s):", file=out)
    for d in diff.differences:
        print(f"  {d.where}: {_value(d.old)} -> {_value(d.new)}", file=out)
    for o in diff.overwrites:
        when = o.at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"WARNING: {o.where} was set to {_value(o.value)} in the admin tab by {o.by or 'the system'} at {when}, after this file was last applied; applying it undoes that change", file=out)


def _value(value: object) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) or not value.startswith("(") else value


def _confirmed(args: argparse.Namespace, diff: SettingsDiff) -> bool:
    """``--yes``, or a person at a terminal who answers yes; without a terminal, refuse."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print("khiw: the database differs from the file (above); not applied: run with --yes to apply, or --dry-run to only look", file=sys.stderr)
        return False
    warn = " (undoing changes made in the admin tab)" if diff.overwrites else ""
    answer = input(f"Apply these {len(diff.differences)} change(s){warn}? [y/N] ")
    if answer.strip().lower() not in ("y", "yes"):
        print("khiw: not applied", file=sys.stderr)
        return False
    return True


def cmd_hash_pin(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.config import WELL_KNOWN_PIN
    from khiw.engine.auth import hash_pin

    pin = getpass.getpass("PIN (4-8 digits): ")
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        print("khiw: a PIN is 4 to 8 digits", file=sys.stderr)
        return 2
    if pin == WELL_KNOWN_PIN:
        print(f"khiw: {WELL_KNOWN_PIN} is the PIN everyone tries first; choose another", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0
