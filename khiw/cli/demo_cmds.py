"""``khiw demo``: a sample อบต. on a fresh SQLite database, every station on one screen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khiw.cli import launchers
from khiw.cli.context import Context
from khiw.cli.station_cmds import require_qt


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="start the demo office: kiosk, counter and board on one screen")
    p.add_argument("--autoplay", action="store_true", help="citizens arrive and counters 2-4 serve them by themselves")
    p.add_argument("--speed", type=float, default=1.0, metavar="X", help="autoplay pace multiplier (default 1)")
    p.add_argument("--data", type=Path, metavar="DIR", help="keep the demo in DIR (default: a new temporary folder)")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help="end the demo by itself after SECONDS")
    p.add_argument("--screenshot", type=Path, metavar="PNG", help="save the whole screen just before the demo ends")
    p.set_defaults(func=cmd_demo)


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    if args.speed <= 0:
        print("khiw demo: --speed must be positive", file=sys.stderr)
        return 2
    require_qt()
    return launchers.demo(data=args.data, autoplay=args.autoplay, speed=args.speed, quit_after=args.quit_after, screenshot=args.screenshot)
