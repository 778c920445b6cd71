"""GS v 0 raster bytes: what the printer decodes is exactly the ticket image."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageDraw

from khiw.printing import escpos
from tests.printing.escpos_stream import commands, raster_image


def sample(width: int, height: int) -> Image.Image:
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width - 1, height - 1), outline=0)
    draw.line((0, 0, width - 1, height - 1), fill=0, width=3)
    draw.ellipse((width // 4, height // 4, width // 2, height // 2), fill=0)
    return image


@pytest.mark.parametrize(("width", "height"), [(576, 1000), (384, 700), (512, 256), (100, 30)])
def test_the_raster_decodes_to_the_same_image(width: int, height: int) -> None:
    image = sample(width, height)
    decoded = raster_image(escpos.raster(image))
    padded = (width + 7) // 8 * 8
    assert decoded.size == (padded, height)
    assert ImageChops.difference(decoded.crop((0, 0, width, height)).convert("L"), image.convert("L")).getbbox() is None
    assert decoded.crop((width, 0, padded, height)).convert("L").getextrema() in ((255, 255), (0, 0)) or width == padded


def test_tall_images_go_in_bands_with_correct_lengths() -> None:
    """Each band's header states its own size; python-escpos' GS ( L got this wrong."""
    data = escpos.raster(sample(576, 1000))
    bands = [c for c in commands(data) if c.name == "raster"]
    assert [int.from_bytes(b.data[6:8], "little") for b in bands] == [256, 256, 256, 232]
    assert all(int.from_bytes(b.data[4:6], "little") == 72 for b in bands)
    assert len(data) == 4 * 8 + 72 * 1000


def test_a_ticket_is_reset_image_and_cut() -> None:
    names = [c.name for c in commands(escpos.ticket(sample(384, 300), "full"))]
    assert names == ["init", "raster", "raster", "cut"]
    assert escpos.ticket(sample(384, 10), "partial").endswith(b"\x1dVB\x00")


def test_status_bytes_decode_the_documented_bits() -> None:
    assert escpos.StatusByte(0x12).valid and not escpos.StatusByte(0x12).offline
    assert escpos.StatusByte(0x1A).offline
    assert escpos.StatusByte(0x16).cover_open
    assert escpos.StatusByte(0x32).stopped_for_paper
    assert escpos.StatusByte(0x72).paper_end
    assert escpos.StatusByte(0x1E).paper_near_end and not escpos.StatusByte(0x1E).paper_end
    assert not escpos.StatusByte(0x41).valid
