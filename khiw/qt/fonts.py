"""Register the packaged Sarabun font with Qt so every widget can use it by family name."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from khiw.fonts import sarabun

WEIGHTS = (400, 500, 700, 800)


@cache
def install_sarabun() -> str:
    """Load the Sarabun weights into the application font database; returns the family name.

    Call after the QGuiApplication exists. Qt shapes Thai with HarfBuzz itself, so vowels and
    tone marks sit right as long as the font is Sarabun and not a fallback.
    """
    family = ""
    for weight in WEIGHTS:
        font_id = QFontDatabase.addApplicationFont(str(sarabun(weight)))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load {sarabun(weight)}")
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def sarabun_font(pixel_size: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """A Sarabun QFont at ``pixel_size`` px (pixels, so sizes hold on any screen DPI)."""
    font = QFont(install_sarabun())
    font.setPixelSize(pixel_size)
    font.setWeight(weight)
    return font
