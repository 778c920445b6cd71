"""Drawing a :class:`~khiw.engine.tickets.TicketSlip` as a 1-bit image as wide as the paper.

Sizes are set for 80 mm paper (576 dots at 203 dpi) and scaled to the width asked for, so a
58 mm ticket (384 dots) keeps the same layout. Text is drawn anti-aliased and thresholded
once at the end: a thermal head prints dots, not greys.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from khiw.engine.tickets import TicketSlip
from khiw.linebreak import register_words, wrap
from khiw.thaidate import thai_date, thai_digits, thai_time
from khiw.ticket import words
from khiw.ticket.fonts import font
from khiw.ticket.qr import qr_image

WIDTHS = (384, 512, 576)
_BASE = 576
_TALL = 4000  # drawn on a tall canvas, then cropped to what was used


class _Pen:
    """A cursor moving down the canvas; every line is centred."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.scale = width / _BASE
        self.margin = round(14 * self.scale)
        self.image = Image.new("L", (width, _TALL), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = round(18 * self.scale)

    def px(self, size: float, floor: int = 16) -> int:
        return max(round(size * self.scale), floor)

    def gap(self, size: float) -> None:
        self.y += round(size * self.scale)

    def text(self, text: str, size: float, weight: int = 400, *, floor: int = 16) -> None:
        """Wrapped, centred lines of ``text`` at ``size`` (80 mm pixels)."""
        block = _block(text, self.px(size, floor), weight, self.width - 2 * self.margin)
        self.image.paste(block, (self.margin, self.y))
        self.y += block.height

    def fitted(self, text: str, size: float, weight: int) -> None:
        """One line of ``text``, as large as ``size`` allows within the margins."""
        px = self.px(size)
        room = self.width - 2 * self.margin
        while px > 16 and font(px, weight).getlength(text) > room:
            px -= 4
        f = font(px, weight)
        left, top, right, bottom = f.getbbox(text, anchor="ls")
        self.draw.text((self.width / 2, self.y - top), text, font=f, fill=0, anchor="ms")
        self.y += bottom - top

    def banner(self, text: str, size: float, weight: int = 700) -> None:
        """White text on a black bar, for the priority lane."""
        f = font(self.px(size), weight)
        ascent, descent = f.getmetrics()
        pad = round(6 * self.scale)
        height = ascent + descent + 2 * pad
        self.draw.rectangle((self.margin, self.y, self.width - self.margin, self.y + height), fill=0)
        self.draw.text((self.width / 2, self.y + pad), text, font=f, fill=255, anchor="ma")
        self.y += height

    def rule(self) -> None:
        thickness = max(round(3 * self.scale), 2)
        self.draw.rectangle((self.margin, self.y, self.width - self.margin, self.y + thickness - 1), fill=0)
        self.y += thickness

    def paste(self, image: Image.Image) -> None:
        self.image.paste(image.convert("L"), ((self.width - image.width) // 2, self.y))
        self.y += image.height

    def finish(self) -> Image.Image:
        self.gap(28)
        used = self.image.crop((0, 0, self.width, self.y))
        return used.convert("1", dither=Image.Dither.NONE)


@lru_cache(maxsize=256)
def _block(text: str, px: int, weight: int, room: int) -> Image.Image:
    """Lines of ``text`` centred in ``room`` pixels. Cached: the office, service and footer
    lines are the same on every ticket, and shaping Thai is the costly part of a ticket."""
    f = font(px, weight)
    ascent, descent = f.getmetrics()
    step = round((ascent + descent) * 0.96)
    lines = wrap(text, room, f.getlength)
    block = Image.new("L", (room, step * len(lines) + round(descent * 0.2)), 255)
    draw = ImageDraw.Draw(block)
    for i, line in enumerate(lines):
        draw.text((room / 2, i * step), line, font=f, fill=0, anchor="ma")
    return block


def render_ticket(slip: TicketSlip, *, width: int = 576) -> Image.Image:
    """The whole ticket as a 1-bit image ``width`` dots wide (384, 512 or 576)."""
    if width not in WIDTHS:
        raise ValueError(f"ticket width must be one of {WIDTHS}, not {width}")
    register_words([slip.office_name_th, slip.ticket.service_name_th])  # never break the office's own names
    digits = thai_digits if slip.thai_digits else str
    english = slip.show_english
    t = slip.ticket
    pen = _Pen(width)

    pen.text(slip.office_name_th, 30, 700, floor=20)
    if english and slip.office_name_en:
        pen.text(slip.office_name_en, 20)
    pen.gap(8)
    pen.rule()
    pen.gap(10)
    pen.text(t.service_name_th, 34, 700, floor=22)
    if english and t.service_name_en:
        pen.text(t.service_name_en, 22)
    if t.priority.is_priority:
        pen.gap(8)
        label = f"{words.PRIORITY_LANE_TH}: {words.PRIORITY_TH[t.priority]}"
        pen.banner(label, 28)
        if english:
            pen.text(f"{words.PRIORITY_LANE_EN}: {words.PRIORITY_EN[t.priority]}", 20)
    pen.gap(14)
    pen.text(f"{words.TICKET_TH}{' / ' + words.TICKET_EN if english else ''}", 24)
    pen.gap(6)
    pen.fitted(t.code, 190, 800)
    pen.gap(22)
    pen.text(digits(words.ahead_th(slip.ahead)), 32, 700, floor=22)
    if english:
        pen.text(words.ahead_en(slip.ahead), 20)
    if slip.ahead:
        pen.text(digits(words.wait_th(slip.estimated_wait_minutes)), 28, 500, floor=20)
        if english:
            pen.text(words.wait_en(slip.estimated_wait_minutes), 20)
    if slip.show_standard_time:
        pen.text(digits(words.standard_th(t.standard_minutes)), 22, floor=18)
        if english:
            pen.text(words.standard_en(t.standard_minutes), 18)
    pen.gap(8)
    when = slip.issued_local
    pen.text(f"{thai_date(when.date(), digits=slip.thai_digits)}  เวลา {thai_time(when, digits=slip.thai_digits)}", 24, floor=18)
    pen.gap(14)
    pen.paste(qr_image(slip.qr_url, round(width * 0.5)))
    pen.gap(12)
    if slip.footer_th:
        pen.text(slip.footer_th, 24, floor=18)
    if english and slip.footer_en:
        pen.text(slip.footer_en, 20)
    return pen.finish()
