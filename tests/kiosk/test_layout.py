"""No kiosk text is ever cut off, at any of the four screen sizes, on any page a citizen sees."""

from __future__ import annotations

import pytest

from khiw.config import PrinterConfig
from tests.qt.clipping import SIZES, settled


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["th", "en"])
def test_no_label_is_clipped(make_kiosk, size: tuple[int, int], language: str) -> None:
    kiosk = make_kiosk(PrinterConfig(), size=size, language=language)
    window = kiosk.window
    assert settled(kiosk.qtbot, window, size) == [], "start page"
    kiosk.tap("WEL")  # the longest name
    kiosk.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.result_page, timeout=5000)
    assert settled(kiosk.qtbot, window, size) == [], "result page"
