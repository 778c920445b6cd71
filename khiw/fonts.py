"""The Sarabun font files, from the ``fontpkg-sarabun`` package (never a system font)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import fontpkg

FAMILY = "Sarabun"


@cache
def sarabun(weight: int = 400) -> Path:
    """The TTF of Sarabun at ``weight`` (100-800; the nearest available one)."""
    return Path(fontpkg.path(FAMILY, weight=weight, nearest=True))
