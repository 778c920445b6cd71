"""Where Thai text may break across lines (the ticket, the kiosk's labels, the PDF's tables).

Thai writes words without spaces, so breaking "at spaces" leaves a service name as one long
word. BudouX's Thai model (small, no dictionary files) finds the word boundaries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

import budoux

ZWSP = "\u200b"


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_thai_parser()


def chunks(text: str) -> list[str]:
    """``text`` cut at every allowed line break; joining the chunks gives ``text`` back."""
    out: list[str] = []
    for i, part in enumerate(text.split(" ")):
        if i:
            out.append(" ")
        if part:
            out.extend(_parser().parse(part))
    return out


def with_break_hints(text: str) -> str:
    """``text`` with zero-width spaces at Thai word boundaries, for toolkits (Qt labels, the
    PDF's table cells) that wrap only at spaces unless told where a Thai word ends."""
    return ZWSP.join(chunks(text)).replace(f"{ZWSP} {ZWSP}", " ")


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines no wider than ``width`` (by ``measure``), as even as possible: two lines of
    similar length read better than a long line and one orphaned word."""
    lines = _greedy(text, width, measure)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > 2:
        middle = (low + high) / 2
        if len(_greedy(text, middle, measure)) == len(lines):
            high = middle
        else:
            low = middle
    return _greedy(text, high, measure)


def _greedy(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Fill each line as far as it goes; a chunk wider than a whole line is cut between
    characters, never between a base letter and its marks."""
    lines: list[str] = []
    line = ""
    for chunk in chunks(text):
        candidate = line + chunk
        if measure(candidate.strip()) <= width or not line.strip():
            line = candidate
        else:
            lines.append(line.strip())
            line = chunk.lstrip()
        while measure(line.strip()) > width and len(_clusters(line.strip())) > 1:
            head, line = _cut(line.strip(), width, measure)
            lines.append(head)
    if line.strip():
        lines.append(line.strip())
    return lines


def _clusters(text: str) -> list[str]:
    """Base letters with their combining marks (Thai vowels above/below, tone marks)."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.category(ch) == "Mn" or ch == "\u0e33"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _cut(text: str, width: float, measure: Callable[[str], float]) -> tuple[str, str]:
    parts = _clusters(text)
    take = 1
    while take < len(parts) and measure("".join(parts[: take + 1])) <= width:
        take += 1
    return "".join(parts[:take]), "".join(parts[take:])
