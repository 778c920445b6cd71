"""Launching the stations: ``khiw kiosk``, ``khiw counter``, ``khiw display``.

The station packages import Qt; :mod:`khiw.cli.launchers` imports them only when launched,
so scripting commands stay fast and work on a server without a screen.
"""

from __future__ import annotations

import argparse

from khiw.cli import launchers
from khiw.cli.context import Context
from khiw.errors import KhiwError


class QtUnavailable(KhiwError):
    """A system library Qt needs is missing; the message names the Debian packages."""

    exit_code = 2


def require_qt() -> None:
    """Raise :class:`QtUnavailable` (one clear line) before Qt could abort the process."""
    from khiw.qt.preflight import problem

    message = problem()
    if message:
        raise QtUnavailable(message)


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
        if name == "display":
            p.add_argument("--check", action="store_true", help="print which voice and sound output the board would use, then exit")
            p.add_argument("--json", action="store_true", help="with --check: machine-readable output")
        p.set_defaults(func=_launch, station=name)


def _launch(ctx: Context, args: argparse.Namespace) -> int:
    if getattr(args, "check", False):  # --check shows nothing: it works without a screen
        return launchers.display_check(ctx)
    require_qt()
    return launchers.STATIONS[args.station](ctx, args)
