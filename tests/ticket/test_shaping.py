"""Thai on the ticket is shaped: tone marks stack above vowels and dodge tall consonants.

Each check compares ink positions of a word with and without its mark, drawn with the font
the ticket uses. The same checks run against Pillow's unshaped (basic) layout must fail, so
they do detect a ticket whose marks collide.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from khiw.fonts import sarabun
from khiw.ticket.fonts import font

SIZE = 96


def ink(text: str, f: ImageFont.FreeTypeFont) -> Image.Image:
    image = Image.new("L", (320, 220), 0)
    ImageDraw.Draw(image).text((40, 30), text, font=f, fill=255)
    return image.point(lambda v: 255 if v >= 128 else 0)


def mark_box(base: str, word: str, f: ImageFont.FreeTypeFont) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """Bounding boxes of ``base``'s ink and of the ink ``word`` adds to it (its mark)."""
    plain, full = ink(base, f), ink(word, f)
    added = ImageChops.subtract(full, plain).getbbox()
    assert added is not None, f"{word!r} drew no mark"
    box = plain.getbbox()
    assert box is not None
    return box, added


def tone_mark_sits_above_upper_vowel(f: ImageFont.FreeTypeFont) -> bool:
    """ที่: mai ek goes on top of sara ii, not through it."""
    base, mark = mark_box("ที", "ที่", f)
    return mark[3] <= base[1]


def tone_mark_dodges_the_ascender(f: ImageFont.FreeTypeFont) -> bool:
    """ป่: mai ek moves left of ป's tall stroke instead of sitting on it."""
    base_ink = ink("ป", f)
    short_top = ink("บ", f).getbbox()
    assert short_top is not None
    ascender = base_ink.crop((0, 0, base_ink.width, short_top[1])).getbbox()
    assert ascender is not None, "ป should rise above บ"
    _, mark = mark_box("ป", "ป่", f)
    return mark[2] <= ascender[0]


CHECKS = [tone_mark_sits_above_upper_vowel, tone_mark_dodges_the_ascender]


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("weight", [400, 700, 800])
def test_the_ticket_font_shapes_thai(check, weight: int) -> None:
    assert check(font(SIZE, weight))


@pytest.mark.parametrize("check", CHECKS)
def test_the_checks_catch_unshaped_text(check) -> None:
    unshaped = ImageFont.truetype(str(sarabun(400)), SIZE, layout_engine=ImageFont.Layout.BASIC)
    assert not check(unshaped)

