"""Entry point: parse, dispatch, and turn every expected failure into one line and an exit code.

Exit codes: 0 ok, 1 refused (unknown ticket, wrong state, permission, wrong PIN), 2 bad usage
or configuration (a bad URL, range or output file), 3 nobody waiting (``khiw call``), 4
database unavailable or not initialised, 5 audit failed, 141 output closed early (a pipe).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext

from khiw import __version__
from khiw.cli import (
    audit_cmds,
    config_cmds,
    demo_cmds,
    plan_cmds,
    queue_cmds,
    report_cmds,
    setup_cmds,
    station_cmds,
    ticket_cmds,
    voice_cmds,
    web_cmds,
)
from khiw.cli.context import Context
from khiw.errors import KhiwError

# Each module has register(subparsers); its commands set ``func(ctx, args) -> int``.
COMMAND_MODULES = (
    setup_cmds,
    config_cmds,
    queue_cmds,
    audit_cmds,
    station_cmds,
    ticket_cmds,
    report_cmds,
    plan_cmds,
    demo_cmds,
    voice_cmds,
    web_cmds,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree (also used by the README's CLI reference)."""
    # SUPPRESS: an option given before the command is not reset by the subcommand's default.
    common = _Parser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--db", metavar="URL", help="database URL (default: $KHIW_DB_URL or the local SQLite file)")
    common.add_argument("--office", metavar="CODE", help="office code, when the database holds several")
    common.add_argument("--config", metavar="FILE", help="khiw.toml (default: $KHIW_CONFIG or the user config dir)")
    parser = _Parser(prog="khiw", description="Khiw (คิว): queue tickets and service points for Thai public offices.", parents=[common])
    parser.add_argument("--version", action="version", version=f"khiw {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None, *, startup: Callable[[], AbstractContextManager[None]] = nullcontext) -> int:
    """Run ``khiw``; returns the exit code. ``startup`` wraps parsing and building the context,
    which loads the libraries a command needs (see :func:`run`)."""
    with startup():
        parser = build_parser()
        args = parser.parse_args(argv)
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        ctx = Context.from_args(args)
    try:
        code = int(args.func(ctx, args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below
        return code
    except KhiwError as err:
        print(f"khiw: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # ``khiw status | head -1``: the reader has what it wanted. End quietly, as other tools
        # do, with the shell's code for a process ended by SIGPIPE; stdout goes nowhere from
        # now on so that Python's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as err:  # a file to read or write: named, one line
        where = f"{err.filename}: " if err.filename else ""
        print(f"khiw: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Start-up with the cycle collector off, and what it loaded left out of later collections.

    Loading SQLAlchemy, pydantic and the models creates some hundred thousand objects that
    live as long as the process, and next to no garbage; the collector walks them again and
    again while they pile up, a tenth of a short command's time (issue #11). Frozen
    (``gc.freeze``) they are skipped by every later collection, and the command itself, however
    long it runs (``khiw web``, a station), runs with the collector on as usual.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def run() -> int:
    """The ``khiw`` console script: :func:`main`, started without the cycle collector. Not for
    callers that live on after the command (the tests): what start-up loaded is never collected."""
    return main(startup=_without_cycle_collection)


if __name__ == "__main__":
    sys.exit(run())
