"""The PDF's text layer: every glyph the shaper draws maps back to the characters it shows.

HarfBuzz draws Thai SARA AM (ำ) as two glyphs, a nikhahit mark and a SARA AA. fpdf2 gives
the cluster's text to the first glyph (the mark) and leaves the second without any, so
copying "ตำบล" out of the PDF gave "ตำ\\x03บล". Here the cluster's text moves to the glyph
that carries the advance (the SARA AA), so extractors that read glyph positions see one word;
the mark, which takes no room, maps to no text at all. No zero-width character is ever
written into the text: line breaks are made by khiw.linebreak before the text is placed.
"""

from __future__ import annotations

from typing import Any

SARA_AM = 0x0E33


class _NoText(int):
    """A code point that writes as nothing in the ToUnicode CMap (``<cid> <>``): a glyph
    that shows no character of its own (a mark drawn for a neighbour's sake)."""

    def __format__(self, spec: str) -> str:
        return ""


NO_TEXT = (_NoText(0),)


def fix_text_layer(fonts: dict[str, Any]) -> None:
    """Give every used glyph of every font the characters it shows (call just before output).

    fpdf2 keys its subset by (glyph, characters), so a SARA AA drawn for ำ is a glyph entry
    of its own (with no characters), distinct from a SARA AA written as า.
    """
    for font in fonts.values():
        subset = getattr(font, "subset", None)
        if subset is None:
            continue
        for glyph, _code in list(subset.items()):
            if glyph is None or not isinstance(glyph.unicode, tuple):
                continue
            chars = glyph.unicode
            if chars and chars[-1] == SARA_AM and glyph.glyph_width == 0:
                # The nikhahit half of ำ (alone, or ligated with a tone mark): ำ moves on.
                glyph.unicode = chars[:-1] or NO_TEXT
            elif not chars:
                glyph.unicode = (SARA_AM,) if glyph.glyph_name.startswith("uni0E32") else NO_TEXT
