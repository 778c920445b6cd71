"""What is said when a ticket is called: "หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม".

The ticket code is read one character at a time (letters by their Thai names, digits one by
one) so that it matches the printed ticket exactly; the counter is read as a Thai number,
because people hear "ช่องบริการ สิบสอง", not "หนึ่ง สอง".

Each sentence is built once as a :class:`Sentence`: its written text (for text-to-speech
engines) and the same words as phrases (for a recorded voice pack), grouped so that a voice
pack can pause a little longer between "หมายเลข", the code, "เชิญที่ช่องบริการ" and the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from khiw.speech.numbers import DIGITS, EN_ONES, english_number_words, thai_number, thai_number_words

LETTERS = {
    "A": "เอ", "B": "บี", "C": "ซี", "D": "ดี", "E": "อี", "F": "เอฟ", "G": "จี", "H": "เอช",
    "I": "ไอ", "J": "เจ", "K": "เค", "L": "แอล", "M": "เอ็ม", "N": "เอ็น", "O": "โอ", "P": "พี",
    "Q": "คิว", "R": "อาร์", "S": "เอส", "T": "ที", "U": "ยู", "V": "วี", "W": "ดับเบิลยู",
    "X": "เอ็กซ์", "Y": "วาย", "Z": "แซด",
}  # fmt: skip

# The fixed Thai phrases of every call (glossary words); a voice pack has one clip for each.
NUMBER = "หมายเลข"
GO_TO_COUNTER = "เชิญที่ช่องบริการ"
RECALL = "เรียกซ้ำ"
TRANSFERRED_FROM = "ส่งต่อจาก"
POLITE = ("ค่ะ", "ครับ")  # the speaker's own ending; a pack declares which it recorded

# The English ones; keys are the words as said, so they never collide with a Thai phrase.
EN_NUMBER = "number"
EN_GO_TO_COUNTER = "please go to counter"
EN_RECALL = "calling again"
EN_TRANSFERRED_FROM = "transferred from"


class CallKind(StrEnum):
    """Why the board announces: a first call, a recall, or the call of a transferred ticket."""

    CALL = "call"
    RECALL = "recall"
    TRANSFER = "transfer"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence in ``lang``: ``text`` for a speech engine, ``phrases`` for a voice pack.

    ``phrases`` is grouped: a pack pauses briefly between the words of a group and a little
    longer between groups, as a person reading the call aloud does.
    """

    lang: str
    text: str
    phrases: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> tuple[str, ...]:
        """Every phrase in the order said."""
        return tuple(word for group in self.phrases for word in group)


def spell_words(code: str) -> tuple[str, ...]:
    """``A012`` → (เอ, ศูนย์, หนึ่ง, สอง): each letter and digit on its own."""
    words = []
    for char in code.upper():
        if char.isdigit():
            words.append(DIGITS[int(char)])
        elif char in LETTERS:
            words.append(LETTERS[char])
        else:
            raise ValueError(f"cannot read {char!r} in ticket code {code!r}")
    return tuple(words)


def spell_code(code: str) -> str:
    """``A012`` → ``เอ ศูนย์ หนึ่ง สอง``."""
    return " ".join(spell_words(code))


def call_th(code: str, counter: int, *, kind: CallKind = CallKind.CALL, transferred_from: str | None = None, polite: str | None = None) -> Sentence:
    """The Thai call: [เรียกซ้ำ] หมายเลข <code> [ส่งต่อจาก หมายเลข <old code>] เชิญที่ช่องบริการ <n> [ค่ะ]."""
    groups: list[tuple[str, ...]] = []
    texts: list[str] = []
    if kind is CallKind.RECALL:
        groups.append((RECALL,))
        texts.append(RECALL)
    groups += [(NUMBER,), spell_words(code)]
    texts += [NUMBER, spell_code(code)]
    if kind is CallKind.TRANSFER and transferred_from:
        groups += [(TRANSFERRED_FROM, NUMBER), spell_words(transferred_from)]
        texts += [TRANSFERRED_FROM + NUMBER, spell_code(transferred_from)]
    groups += [(GO_TO_COUNTER,), thai_number_words(counter)]
    texts += [GO_TO_COUNTER, thai_number(counter)]
    if polite:
        groups.append((polite,))
        texts[-1] += polite
    return Sentence("th", " ".join(texts), tuple(groups))


def call_en(code: str, counter: int, *, kind: CallKind = CallKind.CALL, transferred_from: str | None = None) -> Sentence:
    """The English call: "Number A 0 1 2, please go to counter 3" (the code spaced out so an
    engine reads it one by one)."""
    def spelt(text: str) -> tuple[str, ...]:
        return tuple(EN_ONES[int(c)] if c.isdigit() else c for c in text.upper())

    groups: list[tuple[str, ...]] = [(EN_RECALL,)] if kind is CallKind.RECALL else []
    texts: list[str] = ["Calling again:"] if kind is CallKind.RECALL else []
    groups += [(EN_NUMBER,), spelt(code)]
    texts.append(f"Number {' '.join(code.upper())},")
    if kind is CallKind.TRANSFER and transferred_from:
        groups += [(EN_TRANSFERRED_FROM, EN_NUMBER), spelt(transferred_from)]
        texts.append(f"transferred from number {' '.join(transferred_from.upper())},")
    groups += [(EN_GO_TO_COUNTER,), english_number_words(counter)]
    texts.append(f"please go to counter {counter}")
    return Sentence("en", " ".join(texts), tuple(groups))


def announcement_th(code: str, counter: int) -> str:
    """The Thai sentence for ``code`` called to ``counter`` (see the glossary)."""
    return call_th(code, counter).text


def announcement_en(code: str, counter: int) -> str:
    """The English sentence, as written: ``Number A012, please go to counter 3``."""
    return f"Number {code.upper()}, please go to counter {counter}"


def spoken_en(code: str, counter: int) -> str:
    """The English sentence for a speech engine: the code spaced out so it is read one by one."""
    return call_en(code, counter).text
