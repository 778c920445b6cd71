"""What is said when a ticket is called: "หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม".

The ticket code is read one character at a time (letters by their Thai names, digits one by
one) so that it matches the printed ticket exactly; the counter is read as a Thai number,
because people hear "ช่องบริการ สิบสอง", not "หนึ่ง สอง".
"""

from __future__ import annotations

LETTERS = {
    "A": "เอ", "B": "บี", "C": "ซี", "D": "ดี", "E": "อี", "F": "เอฟ", "G": "จี", "H": "เอช",
    "I": "ไอ", "J": "เจ", "K": "เค", "L": "แอล", "M": "เอ็ม", "N": "เอ็น", "O": "โอ", "P": "พี",
    "Q": "คิว", "R": "อาร์", "S": "เอส", "T": "ที", "U": "ยู", "V": "วี", "W": "ดับเบิลยู",
    "X": "เอ็กซ์", "Y": "วาย", "Z": "แซด",
}  # fmt: skip
DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def spell_code(code: str) -> str:
    """``A012`` → ``เอ ศูนย์ หนึ่ง สอง``: each letter and digit on its own."""
    words = []
    for char in code.upper():
        if char.isdigit():
            words.append(DIGITS[int(char)])
        elif char in LETTERS:
            words.append(LETTERS[char])
        else:
            raise ValueError(f"cannot read {char!r} in ticket code {code!r}")
    return " ".join(words)


def thai_number(n: int) -> str:
    """A whole number 0-999,999 as it is said: 12 สิบสอง, 21 ยี่สิบเอ็ด, 101 หนึ่งร้อยหนึ่ง.

    เอ็ด ends a number only after a tens digit (11, 21, 121); after hundreds alone the plain
    หนึ่ง is used (101 หนึ่งร้อยหนึ่ง), which the Royal Institute accepts and which is clearer
    over a loudspeaker.
    """
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is out of range for a counter number")
    if n == 0:
        return DIGITS[0]
    digits = [int(d) for d in reversed(str(n))]
    words = []
    for place, digit in enumerate(digits):
        if digit == 0:
            continue
        if place == 0:
            word = "เอ็ด" if digit == 1 and len(digits) > 1 and digits[1] != 0 else DIGITS[digit]
        elif place == 1:
            word = {1: "", 2: "ยี่"}.get(digit, DIGITS[digit]) + PLACES[1]
        else:
            word = DIGITS[digit] + PLACES[place]
        words.append(word)
    return "".join(reversed(words))


def announcement_th(code: str, counter: int) -> str:
    """The Thai sentence for ``code`` called to ``counter`` (see the glossary)."""
    return f"หมายเลข {spell_code(code)} เชิญที่ช่องบริการ {thai_number(counter)}"


def announcement_en(code: str, counter: int) -> str:
    """The English sentence, as written: ``Number A012, please go to counter 3``."""
    return f"Number {code.upper()}, please go to counter {counter}"


def spoken_en(code: str, counter: int) -> str:
    """The English sentence for a speech engine: the code spaced out so it is read one by one."""
    return f"Number {' '.join(code.upper())}, please go to counter {counter}"
