"""``khiw voice check`` and ``khiw voice record``: the office's recorded voice pack."""

from __future__ import annotations

import argparse

from typing import TYPE_CHECKING

from khiw.cli.context import Context

if TYPE_CHECKING:
    from khiw.config import KhiwConfig


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("voice", parents=[common], help="the board's recorded voice pack: check it, record it")
    voice = p.add_subparsers(dest="voice_command", metavar="ACTION", required=True)
    check = voice.add_parser("check", parents=[common], help="list the phrases the office's calls need that the pack lacks")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(func=cmd_check)
    record = voice.add_parser("record", parents=[common], help="record the office's voice pack, phrase by phrase (a window)")
    record.add_argument("--into", metavar="FOLDER", help="where to write the pack (default: [display] voice_pack)")
    record.add_argument("--from-wav", metavar="FILE", help="record from a WAV file instead of the microphone (each press takes its next phrase)")
    record.set_defaults(func=cmd_record)


def pack_report(cfg: KhiwConfig | None, ctx: Context) -> tuple[bool, list[str], dict[str, object]]:
    """(complete, lines for people, payload for --json) about the office's pack."""
    from khiw.speech.phrases import needed_phrases, office_pack, pack_path

    check, problem = office_pack(cfg, ctx.config_path)
    if check is None:
        where = pack_path((cfg.display.voice_pack if cfg else "voice"), ctx.config_path)
        lines = [f"no voice pack ({problem}): the board uses a Qt Thai voice if the PC has one, else the chime",
                 "record one with `khiw voice record`, or copy a pack folder (or .zip) there"]
        return False, lines, {"pack": str(where), "found": False, "problem": problem, "missing": needed_phrases(cfg)}
    payload = {"pack": str(check.pack.source), "found": True, "placeholder": check.pack.manifest.placeholder,
               "complete": check.complete, "missing": list(check.missing), "notes": list(check.pack.notes)}
    return check.complete, check.lines(), payload


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    complete, lines, payload = pack_report(ctx.config, ctx)
    ctx.emit(payload, "\n".join(lines))
    return 0 if complete else 1


def cmd_record(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.cli import launchers
    from khiw.cli.station_cmds import require_qt

    require_qt()
    return launchers.voice_record(ctx, args)
