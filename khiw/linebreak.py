"""Where Thai text may break across lines: the ticket, the kiosk's and board's labels, the PDF.

Thai writes words without spaces, so a line may only break between words, and only a
dictionary knows where they are. PyThaiNLP's ``newmm`` (maximal matching over a 62,000-word
dictionary, kept within Thai character clusters) finds them; the office's own names (its
services, its name, its places: ``register_words``) are added to the dictionary so that
"ท่าสะอ้าน" or "เบี้ยยังชีพ" is never cut. A number stays with its unit ("10 นาที"), ๆ and
closing punctuation stay with the word before them.

The dictionary is read on first use (about a tenth of a second), never at import, so a station
that never wraps Thai text does not pay for it; the kiosk warms it up in the background.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

ZWSP = "\u200b"
UNITS = ("นาที", "ชั่วโมง", "ชม.", "วินาที", "วัน", "คน", "ราย", "คิว", "ครั้ง", "บาท", "ใบ", "%", "น.", "ปี", "เดือน")
GLUE_BEFORE = tuple(")]}>,.:;!?ๆฯ%")  # stays on the line of the word before it
GLUE_AFTER = tuple("([{<")  # stays on the line of the word after it

# Words of Thai public service that PyThaiNLP's general dictionary splits ("เบี้ย|ยังชีพ"),
# and short phrases a kiosk or ticket must not split across lines.
OFFICE_WORDS = frozenset(
    {
        "เบี้ยยังชีพ", "ร้องทุกข์", "ร้องเรียน", "ขึ้นทะเบียน", "ทะเบียนราษฎร", "ทะเบียนพาณิชย์", "ภาษีที่ดิน",
        "สิ่งปลูกสร้าง", "ใบอนุญาต", "ก่อสร้างอาคาร", "สวัสดิการ", "ช่องทางพิเศษ", "ช่องบริการ", "บัตรคิว",
        "ไม่ต้องรอ", "สตรีมีครรภ์", "พระภิกษุสงฆ์", "สามเณร", "งานบริการ", "ศูนย์ข้อมูลข่าวสาร", "กองคลัง",
        "กองช่าง", "สำนักปลัด", "ชำระภาษี", "หนังสือรับรอง", "บ้านเลขที่", "ที่ว่าการอำเภอ", "เทศบาลตำบล",
        "ผู้พิการ", "ผู้ด้อยโอกาส", "ผู้ป่วยเอดส์", "ผู้รับบริการ", "เจ้าหน้าที่",
    }
)

_extra: set[str] = set(OFFICE_WORDS)
_lock = threading.RLock()


class WordSet:
    """A word list that answers ``newmm``'s one question, which words start at a position of a
    text, from a set and the lengths its words have. Built in a few milliseconds, where
    PyThaiNLP's node trie takes half a second or more (a kiosk's first ticket must not wait)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = set(words)
        self.lengths = sorted({len(w) for w in self.words})

    def add(self, word: str) -> None:
        """One more word."""
        self.words.add(word)
        if len(word) not in self.lengths:
            self.lengths = sorted({*self.lengths, len(word)})

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that ``text`` has at ``start``, shortest first."""
        room = len(text) - start
        return [text[start : start + n] for n in self.lengths if n <= room and text[start : start + n] in self.words]

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)


@cache
def _dictionary() -> WordSet:
    """PyThaiNLP's word list plus the office's words, as the dictionary ``newmm`` matches."""
    from pythainlp.corpus import thai_words

    with _lock:
        return WordSet(set(thai_words()) | _extra)


# Kinds of office a name starts with; what follows is the place's own name (ท่าสะอ้าน).
OFFICE_KINDS = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "ที่ว่าการอำเภอ", "อบต.", "ทต.", "ทม.", "ทน.")
MAX_WORD_CELLS = 10  # a longer name is a phrase: its words break like any others


def register_words(names: Iterable[str]) -> None:
    """Add the office's own words (service, office and place names) to the dictionary.

    A short name (a place, a one-word service) is added whole; a long one is a phrase, so
    only its short space-separated parts are, and an office name gives its place name
    ("องค์การบริหารส่วนตำบลท่าสะอ้าน" gives "ท่าสะอ้าน"). Adding nothing new keeps the
    dictionary as it is; a built dictionary grows in place (a ticket printed while the
    kiosk runs must not wait for the dictionary to be built again).
    """
    new: set[str] = set()
    for name in names:
        for part in [name, *name.split()]:
            part = part.strip()
            for kind in OFFICE_KINDS:
                if part.startswith(kind) and len(part) > len(kind):
                    part = part[len(kind) :].strip()
            if part and not part.isascii() and cells(part) <= MAX_WORD_CELLS and part not in _extra:
                new.add(part)
    if new:
        with _lock:
            _extra.update(new)
            if _dictionary.cache_info().currsize:  # already built: add to it, never rebuild (0.5 s)
                for word in new:
                    _dictionary().add(word)
            _thai_words.cache_clear()  # a new word may cut a known text differently


def words(text: str) -> list[str]:
    """``text`` as dictionary words and runs of spaces; joined they give ``text`` back."""
    if not text:
        return []
    if text.isascii():
        return list(_ascii_words(text))
    return list(_thai_words(text))


@lru_cache(maxsize=2048)
def _thai_words(text: str) -> tuple[str, ...]:
    """:func:`words` of a Thai text, remembered: the board and the kiosk redraw the same
    service names after every change, and cutting one costs about a quarter of a millisecond."""
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, custom_dict=_dictionary(), engine="newmm", keep_whitespace=True))


def _ascii_words(text: str) -> Iterable[str]:
    word = ""
    for ch in text:
        if (ch == " ") != (word[:1] == " ") and word:
            yield word
            word = ""
        word += ch
    if word:
        yield word


def chunks(text: str) -> list[str]:
    """``text`` cut at every allowed line break; joining the chunks gives ``text`` back.

    A chunk is a word (a number glued to its unit, punctuation to its word) or a run of
    spaces; a line may break before or after any chunk.
    """
    out: list[str] = []
    for token in words(text):
        if out and _joins(out[-1], token):
            out[-1] += token
        else:
            out.append(token)
    # A number, one space, a unit: one chunk ("10 นาที").
    merged: list[str] = []
    i = 0
    while i < len(out):
        if i + 2 < len(out) and out[i + 1] == " " and out[i][-1:].isdigit() and out[i + 2].startswith(UNITS):
            merged.append(out[i] + " " + out[i + 2])
            i += 3
        else:
            merged.append(out[i])
            i += 1
    return merged


def _joins(before: str, token: str) -> bool:
    """Whether ``token`` must stay on the same line as ``before`` (no break between them)."""
    if token.isspace() or before.isspace():
        return False
    return token.startswith(GLUE_BEFORE) or before.endswith(GLUE_AFTER) or (before[-1:].isdigit() and token[:1] in ".,:%")


def with_break_hints(text: str) -> str:
    """``text`` with zero-width spaces at word boundaries, for toolkits (Qt labels) that wrap
    only at spaces unless told where a Thai word ends. Never for text that people copy (the
    PDF's text layer): there the breaks are made by :func:`wrap` itself."""
    return ZWSP.join(chunks(text)).replace(f"{ZWSP} {ZWSP}", " ")


def cells(text: str) -> int:
    """How many character cells ``text`` takes in a monospaced line: Thai vowels above and
    below and tone marks take none (they sit on their letter)."""
    return sum(1 for ch in text if not _is_mark(ch))


def wrap(text: str, width: float, measure: Callable[[str], float], *, balanced: bool = True) -> list[str]:
    """Lines no wider than ``width`` (by ``measure``), as even as possible: two lines of
    similar length read better than a long line and one orphaned word (a label, a cell).
    ``balanced=False`` fills each line as far as it goes (running text, a paragraph)."""
    lines = _greedy(text, width, measure)
    if len(lines) < 2 or not balanced:
        return lines
    # Never narrower than the widest word that fits whole: evening out must not split a word.
    fits = [measure(c.strip()) for c in chunks(text) if measure(c.strip()) <= width]
    low, high = max(width / len(lines), max(fits, default=0.0)), width
    while high - low > max(width / 200, 1e-3):
        middle = (low + high) / 2
        if len(_greedy(text, middle, measure)) == len(lines):
            high = middle
        else:
            low = middle
    return _greedy(text, high, measure)


def _greedy(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Fill each line as far as it goes. A word wider than a whole line is split into the
    dictionary words it is made of (a compound such as องค์การบริหารส่วนตำบล), and only
    a single word wider than the line is cut between characters, never between a letter and
    its marks."""
    lines: list[str] = []
    line = ""
    queue = deque(chunks(text))
    while queue:
        chunk = queue.popleft()
        if measure((line + chunk).strip()) <= width:
            line += chunk
            continue
        if line.strip():
            lines.append(line.strip())
            line = ""
            if chunk.strip():
                queue.appendleft(chunk.lstrip())
            continue
        chunk = chunk.strip()
        if not chunk:
            continue
        parts = _parts(chunk)
        if len(parts) > 1:
            queue.extendleft(reversed(parts))
            continue
        head, rest = _cut(chunk, width, measure)
        lines.append(head)
        if rest:
            queue.appendleft(rest)
    if line.strip():
        lines.append(line.strip())
    return lines


def _parts(chunk: str) -> list[str]:
    """A chunk split one level down: at its spaces ("10 นาที"), at glued punctuation, or into
    the dictionary words of a compound (the longest dictionary word it starts with, then the
    rest). One part if it cannot be split."""
    if " " in chunk:
        return list(_spaced(chunk))
    known = _dictionary() if not chunk.isascii() else None
    if known is None:
        return [chunk]
    prefixes = [p for p in known.prefixes(chunk) if len(p) < len(chunk)]
    if not prefixes:
        return [chunk]
    head = max(prefixes, key=len)
    return [head, *words(chunk[len(head) :])]


def _spaced(chunk: str) -> Iterable[str]:
    parts = chunk.split(" ")
    for i, part in enumerate(parts):
        if i:
            yield " "
        if part:
            yield part


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) == "Mn"


def _clusters(text: str) -> list[str]:
    """Base letters with their combining marks (Thai vowels above/below, tone marks)."""
    out: list[str] = []
    for ch in text:
        if out and (_is_mark(ch) or ch == "\u0e33"):
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
