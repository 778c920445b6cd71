"""The few ESC/POS commands a ticket needs, as bytes.

The image goes as GS v 0 raster bands built here: python-escpos 3.1's ``graphics`` (GS ( L)
writes a wrong length for large images, and building the bytes ourselves keeps the band
height within what cheap 58/80 mm printers accept.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

INIT = b"\x1b@"  # ESC @: reset modes left by whatever printed before
BAND_ROWS = 256  # rows per GS v 0 command; some printers reject taller blocks
_INVERT = bytes(range(255, -1, -1))  # byte -> its bitwise complement
_CUTS = {"full": b"\x1dVA\x00", "partial": b"\x1dVB\x00", "none": b"\x1bd\x05"}

# DLE EOT n, answered at once even while the printer is busy or offline.
DLE_EOT = b"\x10\x04"
STATUS_PRINTER, STATUS_OFFLINE_CAUSE, STATUS_PAPER = 1, 2, 4


def raster(image: Image.Image) -> bytes:
    """``image`` as GS v 0 bands: 1 bit per dot, black = 1, rows padded to whole bytes."""
    mono = image.convert("1", dither=Image.Dither.NONE) if image.mode != "1" else image
    width_bytes = (mono.width + 7) // 8
    if mono.width % 8:
        padded = Image.new("1", (width_bytes * 8, mono.height), 1)
        padded.paste(mono, (0, 0))
        mono = padded
    # Pillow packs mode "1" as 1 = white; the printer wants 1 = black.
    data = mono.tobytes().translate(_INVERT)
    out = bytearray()
    for top in range(0, mono.height, BAND_ROWS):
        rows = min(BAND_ROWS, mono.height - top)
        out += b"\x1dv0\x00" + width_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        out += data[top * width_bytes : (top + rows) * width_bytes]
    return bytes(out)


def cut(mode: str) -> bytes:
    """Feed past the cutter and cut (``full``/``partial``), or only feed (``none``)."""
    return _CUTS[mode]


def ticket(image: Image.Image, cut_mode: str = "partial") -> bytes:
    """Everything sent for one ticket: reset, the image, feed and cut."""
    return INIT + raster(image) + cut(cut_mode)


def status_query(n: int) -> bytes:
    """DLE EOT ``n``: 1 printer, 2 offline cause, 4 roll paper sensor."""
    return DLE_EOT + bytes((n,))


@dataclass(frozen=True, slots=True)
class StatusByte:
    """One DLE EOT reply; every reply has bit 1 and bit 4 set and bits 0 and 7 clear."""

    value: int

    @property
    def valid(self) -> bool:
        return self.value & 0x93 == 0x12

    @property
    def offline(self) -> bool:  # n = 1, bit 3
        return bool(self.value & 0x08)

    @property
    def cover_open(self) -> bool:  # n = 2, bit 2
        return bool(self.value & 0x04)

    @property
    def stopped_for_paper(self) -> bool:  # n = 2, bit 5
        return bool(self.value & 0x20)

    @property
    def paper_end(self) -> bool:  # n = 4, bits 5-6
        return bool(self.value & 0x60)

    @property
    def paper_near_end(self) -> bool:  # n = 4, bits 2-3
        return bool(self.value & 0x0C)
