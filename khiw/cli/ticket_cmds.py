"""``khiw ticket render`` (the ticket image as PNG) and ``khiw ticket print`` (a reprint)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khiw.cli.context import Context
from khiw.errors import UsageError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ticket = sub.add_parser("ticket", parents=[common], help="render or reprint a queue ticket")
    verbs = ticket.add_subparsers(dest="verb", metavar="VERB", parser_class=type(ticket))
    verbs.required = True

    p = verbs.add_parser("render", parents=[common], help="save the ticket image as a PNG")
    p.add_argument("ticket", metavar="TICKET", help="ticket code (today's, e.g. A012) or id")
    p.add_argument("--out", metavar="FILE", required=True, type=Path, help="PNG file to write")
    p.add_argument("--width", type=int, help="dots: 384 (58 mm), 512, 576 (80 mm); default: the configured printer's")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_render)

    p = verbs.add_parser("print", parents=[common], help="print the ticket again on this PC's printer (khiw.toml [printer])")
    p.add_argument("ticket", metavar="TICKET", help="ticket code (today's, e.g. A012) or id")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_print)


def _width(ctx: Context, asked: int | None) -> int:
    from khiw.ticket.render import WIDTHS  # Pillow: checked here, not when the parser is built

    if asked:
        if asked not in WIDTHS:
            raise UsageError(f"--width: choose from {', '.join(map(str, WIDTHS))}, not {asked}")
        return asked
    return ctx.config.printer.width_dots if ctx.config else 576


def cmd_render(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine.tickets import ticket_slip
    from khiw.ticket import render_ticket

    slip = ctx.database().query(ticket_slip, ticket=args.ticket, office=ctx.office)
    image = render_ticket(slip, width=_width(ctx, args.width))
    image.save(args.out)
    ctx.emit({"ticket": slip.ticket.code, "out": str(args.out), "width": image.width, "height": image.height}, f"{slip.ticket.code} → {args.out} ({image.width}×{image.height})")
    return 0


def cmd_print(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine.tickets import ticket_slip
    from khiw.printing import TicketPrinter  # python-escpos: only a reprint needs it
    from khiw.ticket import render_ticket

    if ctx.config is None or ctx.config.printer.kind == "none":
        print("khiw: no printer configured; set [printer] in khiw.toml (see docs/printing.md)", file=sys.stderr)
        return 2
    slip = ctx.database().query(ticket_slip, ticket=args.ticket, office=ctx.office)
    printer = TicketPrinter(ctx.config.printer)
    outcome = printer.print_image(render_ticket(slip, width=ctx.config.printer.width_dots), name=f"{slip.ticket.code}-{slip.ticket.id}")
    if outcome.failed:
        print(f"khiw: {slip.ticket.code} not printed: {outcome.problem} ({outcome.detail})", file=sys.stderr)
        return 1
    note = " (paper is running low)" if outcome.paper_low else ""
    ctx.emit({"ticket": slip.ticket.code, "bytes": outcome.bytes_sent}, f"{slip.ticket.code} printed{note}")
    return 0
