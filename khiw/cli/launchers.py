"""The one door from the CLI to the stations and the demo.

``khiw/`` is the core and never imports a station or the demo, with this one exception: the
commands that launch them. Each launcher imports its station inside the function, when it is
launched, so scripting commands stay fast and work on a server without a screen (Qt loads
only here), and the architecture test allows exactly these function-level imports.
The launcher turns the CLI's context into what a station takes: the database, the office
code and this PC's section of ``khiw.toml``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from khiw.cli.context import Context


def kiosk(ctx: Context, args: argparse.Namespace) -> int:
    """``khiw kiosk``: this PC's ``[kiosk]`` and ``[printer]`` settings (defaults if none)."""
    from khiw.config import KioskConfig, PrinterConfig
    from kiosk.app import run

    cfg = ctx.config
    return run(
        ctx.database(station="kiosk"),
        office=ctx.office,
        kiosk=cfg.kiosk if cfg else KioskConfig(),
        printer=cfg.printer if cfg else PrinterConfig(),
        windowed=args.windowed,
    )


def counter(ctx: Context, args: argparse.Namespace) -> int:
    """``khiw counter``: the window bound to ``--counter N`` (or asked for at sign-in)."""
    from counter.app import run

    return run(ctx.database(station="counter"), office=ctx.office, counter=getattr(args, "counter", None), windowed=args.windowed)


def display(ctx: Context, args: argparse.Namespace) -> int:
    """``khiw display``: this PC's ``[display]`` settings (defaults if none)."""
    from display.app import run
    from khiw.config import DisplayConfig

    cfg = ctx.config
    settings = cfg.display if cfg else DisplayConfig()
    return run(ctx.database(station="board"), office=ctx.office, settings=settings, windowed=args.windowed, config=cfg, config_path=ctx.config_path)


def display_check(ctx: Context) -> int:
    """``khiw display --check``: the voice and sound output the board would use (no screen needed)."""
    from display.app import check
    from khiw.config import DisplayConfig

    cfg = ctx.config
    found = check(cfg.display if cfg else DisplayConfig(), cfg, ctx.config_path)
    ctx.emit(found, f"voice:  {found['voice']}\noutput: {found['output']}")
    return 0


STATIONS: dict[str, Callable[[Context, argparse.Namespace], int]] = {"kiosk": kiosk, "counter": counter, "display": display}


def voice_record(ctx: Context, args: argparse.Namespace) -> int:
    """``khiw voice record``: the recorder window on the office's configuration."""
    from display.recorder import run

    return run(ctx.config, ctx.config_path, into=args.into, from_wav=args.from_wav)


def web(ctx: Context, *, host: str, port: int, workers: int) -> None:
    """``khiw web``: serve the web station until stopped (FastAPI and uvicorn load only now)."""
    from khiw.config import WebConfig
    from web.app import serve

    settings = ctx.config.web if ctx.config else WebConfig()
    serve(ctx.db_url, settings, config_path=ctx.config_path, office=ctx.office, host=host, port=port, workers=workers)


def demo(*, data: Path | None, autoplay: bool, speed: float, quit_after: float | None, screenshot: Path | None) -> int:
    """``khiw demo``: prepare the demo office, show it until it ends, say what happened."""
    from demo.launch import main

    return main(data=data, autoplay=autoplay, speed=speed, quit_after=quit_after, screenshot=screenshot)
