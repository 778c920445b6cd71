"""Reading an ESC/POS byte stream back: the commands it holds and the image it prints.

Used by the fake printer (to tell status queries from print data, as a real printer does)
and by tests that check the printed raster scans like the ticket on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image


@dataclass(frozen=True)
class Command:
    name: str
    data: bytes


class Incomplete(Exception):
    """The buffer ends in the middle of a command; wait for more bytes."""


def next_command(buf: bytes) -> tuple[Command, int]:
    """The first command in ``buf`` and its length in bytes."""
    if buf.startswith(b"\x10\x04"):
        return _need(buf, 3, "status")
    if buf.startswith(b"\x1b@"):
        return Command("init", buf[:2]), 2
    if buf.startswith(b"\x1bd"):
        return _need(buf, 3, "feed")
    if buf.startswith(b"\x1dV"):
        if len(buf) < 3:
            raise Incomplete
        return _need(buf, 4 if buf[2] in (65, 66) else 3, "cut")
    if buf.startswith(b"\x1dv0"):
        if len(buf) < 8:
            raise Incomplete
        width_bytes = int.from_bytes(buf[4:6], "little")
        rows = int.from_bytes(buf[6:8], "little")
        return _need(buf, 8 + width_bytes * rows, "raster")
    return Command("byte", buf[:1]), 1


def _need(buf: bytes, size: int, name: str) -> tuple[Command, int]:
    if len(buf) < size:
        raise Incomplete
    return Command(name, buf[:size]), size


def commands(data: bytes) -> list[Command]:
    """Every command in a complete stream, in order."""
    out = []
    while data:
        command, size = next_command(data)
        out.append(command)
        data = data[size:]
    return out


def raster_image(data: bytes) -> Image.Image:
    """The GS v 0 bands of ``data`` stacked into one image (black dots black)."""
    bands = []
    for command in commands(data):
        if command.name == "raster":
            width = int.from_bytes(command.data[4:6], "little") * 8
            rows = int.from_bytes(command.data[6:8], "little")
            bits = bytes(b ^ 0xFF for b in command.data[8:])
            bands.append(Image.frombytes("1", (width, rows), bits))
    if not bands:
        raise ValueError("no GS v 0 raster in the data")
    image = Image.new("1", (bands[0].width, sum(b.height for b in bands)), 1)
    top = 0
    for band in bands:
        image.paste(band, (0, top))
        top += band.height
    return image
