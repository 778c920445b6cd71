"""Launching the stations: ``khiw kiosk``, ``khiw counter``, ``khiw display``.

The station packages import Qt; they are imported only when launched, so scripting
commands stay fast and work on a server without a screen.
"""

from __future__ import annotations

import argparse
import importlib

from khiw.cli.context import Context


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for name, help in (
        ("kiosk", "the touch kiosk that issues and prints tickets"),
        ("counter", "the counter station for staff (and the supervisor overview)"),
        ("display", "the waiting-room board that shows and announces calls"),
    ):
        p = sub.add_parser(name, parents=[common], help=help)
        p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
        if name == "counter":
            p.add_argument("--counter", type=int, metavar="N", help="bind this station to counter N")
        p.set_defaults(func=_launch, station=name)


def _launch(ctx: Context, args: argparse.Namespace) -> int:
    module = importlib.import_module(f"{args.station}.app")
    return int(module.run(ctx, args))
