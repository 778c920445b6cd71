"""Windows take the shape of the screen they are on, not a fixed 1366×768."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from khiw.qt.screen import windowed_geometry


@pytest.mark.parametrize("area", [QRect(0, 0, 1280, 680), QRect(0, 0, 1920, 1040), QRect(1920, 0, 3840, 2120)])
def test_windowed_is_16_9_inside_the_free_area_and_centred(area: QRect) -> None:
    got = windowed_geometry(area)
    assert area.contains(got)
    assert abs(got.width() / got.height() - 16 / 9) < 0.01
    assert max(got.width() / area.width(), got.height() / area.height()) == pytest.approx(0.9, abs=0.01)
    assert abs(got.center().x() - area.center().x()) <= 1 and abs(got.center().y() - area.center().y()) <= 1


def test_portrait_and_free_shape() -> None:
    area = QRect(0, 0, 1080, 1880)
    portrait = windowed_geometry(area, aspect=(9, 16))
    assert portrait.height() > portrait.width() and area.contains(portrait)
    assert windowed_geometry(area, aspect=None, fill=1.0) == area
