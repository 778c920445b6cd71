"""The one door from the CLI to the stations and the demo.

``khiw/`` is the core and never imports a station or the demo, with this one exception: the
commands that launch them. Each launcher imports its station inside the function, when it is
launched, so scripting commands stay fast and work on a server without a screen (Qt loads
only here), and the architecture test allows exactly these function-level imports.
The launcher turns the CLI's context into what a station takes: the database, the office
code and this PC's section of ``khiw.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from khiw.cli.context import Context
from khiw.config import DisplayConfig, KioskConfig, PrinterConfig

if TYPE_CHECKING:  # for the annotations only: the CLI must not load the demo's Qt at import
    from demo.office import DemoOffice


def kiosk(ctx: Context, *, windowed: bool, counter: int | None = None) -> int:
    """``khiw kiosk``: this PC's ``[kiosk]`` and ``[printer]`` settings (defaults if none)."""
    from kiosk.app import run

    cfg = ctx.config
    return run(
        ctx.database(),
        office=ctx.office,
        kiosk=cfg.kiosk if cfg else KioskConfig(),
        printer=cfg.printer if cfg else PrinterConfig(),
        windowed=windowed,
    )


def counter(ctx: Context, *, windowed: bool, counter: int | None = None) -> int:
    """``khiw counter``: the window bound to ``counter`` (or asked for at sign-in)."""
    from counter.app import run

    return run(ctx.database(), office=ctx.office, counter=counter, windowed=windowed)


def display(ctx: Context, *, windowed: bool, counter: int | None = None) -> int:
    """``khiw display``: this PC's ``[display]`` settings (defaults if none)."""
    from display.app import run

    cfg = ctx.config
    return run(ctx.database(), office=ctx.office, settings=cfg.display if cfg else DisplayConfig(), windowed=windowed)


STATIONS: dict[str, Callable[..., int]] = {"kiosk": kiosk, "counter": counter, "display": display}


def prepare_demo(folder: Path | None) -> DemoOffice:
    """The demo office's folder, config and database (no Qt yet)."""
    from demo.office import prepare

    return prepare(folder)


def run_demo(office: DemoOffice, *, autoplay: bool, speed: float, quit_after: float | None, screenshot: Path | None) -> dict[str, int]:
    """Show the demo until it ends; what autoplay did (empty without autoplay)."""
    from demo.launch import run_demo as run

    return run(office, autoplay=autoplay, speed=speed, quit_after=quit_after, screenshot=screenshot)
