"""``khiw init`` and ``khiw hash-pin``."""

from __future__ import annotations

import argparse
import sys
import getpass

from khiw.cli.context import Context


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database and apply khiw.toml")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("hash-pin", parents=[common], help="print an argon2 hash of a PIN for khiw.toml's pin_hash (staff) or admin_pin_hash (kiosk)")
    p.set_defaults(func=cmd_hash_pin)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    from khiw import migrate  # Alembic: only ``khiw init`` needs it
    from khiw.cli.voice_cmds import pack_report
    from khiw.config import load_config
    from khiw.engine.setup import apply_config

    # Validate the whole file before touching the database: a bad file changes nothing.
    cfg = load_config(ctx.config_path) if ctx.config_path else None
    db = ctx.database(check=False)
    migrate.upgrade(db)
    counts = db.run(apply_config, cfg) if cfg else {}
    where = f" and applied {ctx.config_path} ({counts['services']} services, {counts['counters']} counters, {counts['staff']} staff)" if cfg else ""
    ctx.emit({"db": db.display_url, "applied": counts}, f"database {db.display_url} is ready{where}")
    if cfg and cfg.display.voice in ("auto", "pack") and not ctx.as_json:
        complete, lines, _ = pack_report(cfg, ctx)
        if not complete:  # said at setup, not discovered by a citizen who hears only a chime
            print("voice: " + "\n       ".join(lines))
    return 0


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
