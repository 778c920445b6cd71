"""Numbers as the words that say them, Thai and English, one recorded clip per word.

A voice pack cannot hold a clip for every counter number, so a number is said from a small
set of words (digits, สิบ, ยี่สิบ, เอ็ด, ร้อย, …): 12 is สิบ + สอง, 21 is ยี่สิบ + เอ็ด. The same
words, joined, are the written form that text-to-speech engines read (``สิบสอง``), so both
kinds of voice say the same number.
"""

from __future__ import annotations

DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
TEN, TWENTY, ONE_AFTER_TENS = "สิบ", "ยี่สิบ", "เอ็ด"

EN_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def thai_number_words(n: int) -> tuple[str, ...]:
    """The words of a whole number 0-999,999 in order: 12 → (สิบ, สอง), 21 → (ยี่สิบ, เอ็ด).

    เอ็ด ends a number only after a tens digit (11, 21, 121); after hundreds alone the plain
    หนึ่ง is used (101 หนึ่งร้อยหนึ่ง), which the Royal Institute accepts and which is clearer
    over a loudspeaker. Places above ten are said as digit + place (สาม ร้อย).
    """
    if not 0 <= n < 1_000_000:
        raise ValueError(f"{n} is out of range for a counter number")
    if n == 0:
        return (DIGITS[0],)
    digits = [int(d) for d in reversed(str(n))]
    words: list[tuple[str, ...]] = []
    for place, digit in enumerate(digits):
        if digit == 0:
            continue
        if place == 0:
            words.append((ONE_AFTER_TENS if digit == 1 and len(digits) > 1 and digits[1] != 0 else DIGITS[digit],))
        elif place == 1:
            words.append({1: (TEN,), 2: (TWENTY,)}.get(digit, (DIGITS[digit], TEN)))
        else:
            words.append((DIGITS[digit], PLACES[place]))
    return tuple(word for group in reversed(words) for word in group)


def thai_number(n: int) -> str:
    """The written form: 12 สิบสอง, 21 ยี่สิบเอ็ด, 101 หนึ่งร้อยหนึ่ง."""
    return "".join(thai_number_words(n))


def english_number_words(n: int) -> tuple[str, ...]:
    """1-999 in English words: 12 → (twelve,), 21 → (twenty, one), 105 → (one, hundred, five)."""
    if not 0 <= n < 1000:
        raise ValueError(f"{n} is out of range for a counter number")
    hundreds, rest = divmod(n, 100)
    words: list[str] = [EN_ONES[hundreds], "hundred"] if hundreds else []
    if rest >= 20:
        words.append(EN_TENS[rest // 10])
        if rest % 10:
            words.append(EN_ONES[rest % 10])
    elif rest or not words:
        words.append(EN_ONES[rest])
    return tuple(words)
