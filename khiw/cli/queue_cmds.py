"""Scripting the queue: issue, call, recall, start, finish, no-show, cancel, transfer, status."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from khiw.cli.context import Context
from khiw.clock import local
# The engine is imported by each command, not here: building the parser (``khiw --help``,
# every command) must not load what only some commands use.
if TYPE_CHECKING:
    from khiw.engine import TicketCalled, TicketIssued, TicketTransferred, TicketUpdated


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def add(name: str, help: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=func)
        return p

    p = add("issue", "issue a ticket for a service", cmd_issue)
    p.add_argument("service", metavar="SERVICE_CODE")
    p.add_argument("--priority", type=_priority, default="none", metavar="CLASS", help="none (default), elderly, disabled, pregnant or monk")

    p = add("call", "call the next ticket to a counter (exit 3 when nobody waits)", cmd_call)
    p.add_argument("counter", metavar="COUNTER", type=int)
    p.add_argument("--staff", metavar="USER", help="act as this staff member")
    p.add_argument("--ticket", metavar="TICKET", help="call this ticket out of order (needs --reason)")
    p.add_argument("--reason", metavar="TEXT", help="why the ticket is called out of order")

    for name, help in (
        ("recall", "call the ticket again"),
        ("start", "start serving the ticket"),
        ("finish", "finish serving the ticket"),
        ("no-show", "mark the ticket as not present"),
        ("reactivate", "put a no-show back in the queue (same day)"),
        ("cancel", "cancel the ticket"),
    ):
        p = add(name, help, cmd_transition)
        p.add_argument("ticket", metavar="TICKET", help="ticket code (today's, e.g. A012) or id")
        p.add_argument("--staff", metavar="USER", help="act as this staff member")
        if name == "cancel":
            p.add_argument("--reason", metavar="TEXT", default="")

    p = add("transfer", "send the ticket to another service's queue", cmd_transfer)
    p.add_argument("ticket", metavar="TICKET")
    p.add_argument("service", metavar="SERVICE_CODE")
    p.add_argument("--staff", metavar="USER")
    p.add_argument("--reason", metavar="TEXT", default="")

    add("status", "waiting count and estimate per service, and what each counter is doing", cmd_status)
    p = add("close-day", "expire the tickets still waiting and sign out every counter", cmd_close_day)
    p.add_argument("--staff", metavar="USER")


def _priority(text: str) -> str:
    """A priority class by name, checked when given (the parser is built without the models)."""
    from khiw.models import Priority

    if text not in {c.value for c in Priority}:
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from {', '.join(c.value for c in Priority)})")
    return text


def _time(ctx: Context, value: Any, tz: str = "Asia/Bangkok") -> str:
    return local(value, tz).strftime("%H:%M") if value else "-"


def cmd_issue(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine import Priority, issue

    result: TicketIssued = ctx.database().run(issue, service=args.service, priority=Priority(args.priority), office=ctx.office)
    t = result.ticket
    lane = "" if t.priority == Priority.NONE else f" [{t.priority.value}]"
    ctx.emit(
        result.to_json(),
        f"{t.code}{lane}  {t.service_name_th} ({t.service_code})  ahead {result.ahead}  ~{result.estimated_wait_minutes} min  issued {_time(ctx, t.issued_at)}",
    )
    return 0


def cmd_call(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine import call_next, call_ticket

    db, actor = ctx.database(), ctx.staff_id(args.staff)
    if args.ticket:
        result: TicketCalled = db.run(call_ticket, counter=args.counter, ticket=args.ticket, reason=args.reason or "", actor=actor, office=ctx.office)
    else:
        if args.reason:
            print("khiw: --reason goes with --ticket", file=sys.stderr)
            return 2
        result = db.run(call_next, counter=args.counter, actor=actor, office=ctx.office)
    t = result.ticket
    ctx.emit(result.to_json(), f"{t.code} → counter {result.counter_number}  ({t.service_code}, waited {_minutes(t.issued_at, t.called_at)} min)")
    return 0


def _minutes(a: Any, b: Any) -> int:
    return int((b - a).total_seconds() // 60) if a and b else 0


def cmd_transition(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine import cancel, finish, no_show, reactivate, recall, start

    transitions = {"recall": recall, "start": start, "finish": finish, "no-show": no_show, "reactivate": reactivate, "cancel": cancel}
    db = ctx.database()
    kwargs: dict[str, Any] = {"ticket": args.ticket, "actor": ctx.staff_id(args.staff), "office": ctx.office}
    if args.command == "cancel":
        kwargs["reason"] = args.reason
    result: TicketCalled | TicketUpdated = db.run(transitions[args.command], **kwargs)
    t = result.ticket
    ctx.emit(result.to_json(), f"{t.code} is {t.status.value}" + (f" at counter {t.counter_number}" if t.counter_number and t.status.is_open else ""))
    return 0


def cmd_transfer(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine import transfer

    db = ctx.database()
    result: TicketTransferred = db.run(transfer, ticket=args.ticket, service=args.service, reason=args.reason, actor=ctx.staff_id(args.staff), office=ctx.office)
    ctx.emit(result.to_json(), f"{result.old.code} transferred → {result.new.code} ({result.new.service_code}), keeps its place by arrival")
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.engine.status import office_status

    status = ctx.database().query(office_status, office=ctx.office)
    lines = [f"{status.office_name_th} ({status.office_code})", "", f"{'service':<8}{'waiting':>8}{'~wait':>8}  open  name"]
    for q in status.queues:
        note = f"  [closed: {q.closed_reason}]" if q.closed_reason else ""
        lines.append(f"{q.service_code:<8}{q.waiting:>8}{q.estimated_wait_minutes:>6}m  {q.open_counters:>4}  {q.name_th}{note}")
    lines += ["", f"{'counter':<8}{'state':<8}{'ticket':<8}staff"]
    for c in status.counters:
        current = f"{c.current.code} ({c.current.status.value})" if c.current else "-"
        lines.append(f"{c.number:<8}{c.state.value:<8}{current:<8} {c.staff_username or '-'}")
    ctx.emit(status.to_json(), "\n".join(lines))
    return 0


def cmd_close_day(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.reports.closing import close_day_and_cache

    expired = ctx.database().run(close_day_and_cache, actor=ctx.staff_id(args.staff), office=ctx.office)
    ctx.emit({"expired": expired}, f"day closed: {expired} waiting tickets expired")
    return 0
