"""The ticket's QR code, one matrix for the paper and the kiosk screen alike."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

MASK = 2  # any of the eight masks is valid; see qr_matrix


@lru_cache(maxsize=32)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of ``url``'s QR code, without the quiet zone.

    Level M survives a creased or lightly smudged ticket and keeps the code small. The mask
    is fixed: any of the eight is valid, and scoring all eight costs more than the rest of
    the ticket put together (the tests scan every printed code).
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=MASK)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def qr_image(url: str, target: int) -> Image.Image:
    """A 1-bit QR image at most ``target`` pixels wide, whole pixels per module (sharp on a
    thermal head), with no quiet zone: the caller leaves white around it."""
    matrix = qr_matrix(url)
    modules = len(matrix)
    box = max(target // modules, 2)
    small = Image.new("1", (modules, modules), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    return small.resize((modules * box, modules * box), Image.Resampling.NEAREST)
