"""The ticket image: paper-wide, 1-bit, everything inside the margins, a QR code that scans."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from khiw.engine.tickets import TicketSlip
from khiw.linebreak import chunks, with_break_hints, wrap
from khiw.models import Priority
from khiw.ticket import render_ticket
from tests.ticket.conftest import with_settings


def qr_text(image: Image.Image) -> str:
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0].text


@pytest.mark.parametrize("width", [384, 512, 576])
def test_the_qr_code_scans_to_the_ticket_url(slip: TicketSlip, width: int) -> None:
    image = render_ticket(slip, width=width)
    assert image.mode == "1"
    assert image.width == width
    assert qr_text(image) == slip.qr_url


@pytest.mark.parametrize("width", [384, 576])
def test_nothing_is_drawn_in_the_side_margins(slip: TicketSlip, width: int) -> None:
    """Long Thai names wrap instead of running off the paper."""
    long_name = with_settings(slip, office_name_th="องค์การบริหารส่วนตำบลท่าสะอ้านอำเภอเมืองจังหวัดนครศรีธรรมราช")
    image = render_ticket(long_name, width=width).convert("L")
    edge = round(10 * width / 576)
    for box in ((0, 0, edge, image.height), (width - edge, 0, width, image.height)):
        assert image.crop(box).getextrema() == (255, 255), f"ink at the edge {box}"


def test_english_lines_are_optional(slip: TicketSlip) -> None:
    both = render_ticket(slip)
    thai_only = render_ticket(with_settings(slip, show_english=False))
    assert thai_only.height < both.height - 100


def test_a_priority_ticket_carries_a_black_banner(slip: TicketSlip) -> None:
    """The lane is printed white on black, a full-width bar a normal ticket does not have."""
    normal = with_settings(slip, ticket=with_settings(slip.ticket, priority=Priority.NONE))

    def mostly_black_rows(image: Image.Image) -> int:
        grey = image.convert("L")
        width = grey.width - 80
        rows = (grey.crop((40, y, 40 + width, y + 1)).histogram()[0] for y in range(grey.height))
        return sum(1 for black in rows if black > 0.8 * width)

    assert mostly_black_rows(render_ticket(slip)) > 20
    assert mostly_black_rows(render_ticket(normal)) < 10


def test_thai_digits_change_the_date_line_only_when_asked(slip: TicketSlip) -> None:
    arabic = render_ticket(slip)
    assert render_ticket(slip).tobytes() == arabic.tobytes()
    assert render_ticket(with_settings(slip, thai_digits=True)).tobytes() != arabic.tobytes()


def test_other_widths_are_refused(slip: TicketSlip) -> None:
    with pytest.raises(ValueError):
        render_ticket(slip, width=400)


class TestLineBreaks:
    def test_thai_breaks_between_words_and_keeps_the_text(self) -> None:
        text = "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ"
        parts = chunks(text)
        assert "".join(parts) == text
        assert "ลงทะเบียน" in parts

    def test_lines_are_balanced_and_fit(self) -> None:
        text = "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ"
        lines = wrap(text, 30, len)
        assert "".join(lines) == text
        assert len(lines) == 2 and all(len(line) <= 30 for line in lines)
        assert abs(len(lines[0]) - len(lines[1])) <= 8

    def test_a_word_longer_than_the_line_is_cut_but_marks_stay_with_their_letter(self) -> None:
        lines = wrap("ที่ที่ที่ที่", 3, len)
        assert lines == ["ที่", "ที่", "ที่", "ที่"]

    def test_hints_for_qt_are_zero_width_spaces(self) -> None:
        assert with_break_hints("งานทะเบียนราษฎร รับเรื่อง").replace("\u200b", "|") == "งาน|ทะเบียนราษฎร รับ|เรื่อง"


def test_the_standard_time_is_one_short_optional_line(slip: TicketSlip) -> None:
    """On by default; switched off, the Thai-only ticket is one short line shorter."""
    assert slip.show_standard_time
    thai_only = with_settings(slip, show_english=False)
    shown = render_ticket(thai_only)
    hidden = render_ticket(with_settings(thai_only, show_standard_time=False))
    assert 20 < shown.height - hidden.height < 50
