"""Sarabun for Pillow, shaped by raqm (HarfBuzz), cached per weight and size."""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont, features

from khiw.fonts import sarabun


@lru_cache(maxsize=64)
def font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    """Sarabun at ``size`` pixels. Raises if Pillow lacks raqm: without it Thai tone marks
    collide with upper vowels, and a ticket like that must not be printed."""
    if not features.check("raqm"):
        raise RuntimeError("Pillow was built without raqm; Thai text cannot be shaped")
    return ImageFont.truetype(str(sarabun(weight)), size, layout_engine=ImageFont.Layout.RAQM)
