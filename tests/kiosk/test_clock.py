"""The kiosk's clock: the office's time zone from the first frame, its date in the kiosk's language."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from khiw.config import KhiwConfig, KioskConfig, PrinterConfig
from khiw.thaidate import english_date, thai_date, thai_time
from kiosk.window import KioskWindow
from tests.fixtures import new_database, office_config, with_office

ZONE = "Pacific/Kiritimati"  # UTC+14: never the zone of the PC running the tests


def far_office() -> KhiwConfig:
    cfg = office_config()
    return cfg.model_copy(update={"office": cfg.office.model_copy(update={"timezone": ZONE})})


def expected(lang: str) -> set[str]:
    """The clock's text now and a second ago (the minute may turn over meanwhile)."""
    out = set()
    for back in (0, 1):
        now = datetime.now(ZoneInfo(ZONE)) - timedelta(seconds=back)
        out.add(english_date(now.date()) + now.strftime("  %H:%M") if lang == "en" else f"{thai_date(now.date(), short=True)}  {thai_time(now)}")
    return out


def test_the_clock_never_shows_the_pcs_zone_and_shows_the_offices_once_read(qtbot: QtBot, tmp_path: Path) -> None:
    db = with_office(new_database(f"sqlite:///{tmp_path / 'k.db'}"), far_office())
    window = KioskWindow(db, kiosk=KioskConfig(fullscreen=False), printer=PrinterConfig(), locked=False)
    qtbot.addWidget(window)
    assert window.start_page.clock.text() == ""  # before the office is read: blank, not wrong
    window.show()
    with qtbot.waitSignal(window.status_applied, timeout=10_000):
        window.start()
    assert window.start_page.clock.text() in expected("th")
    window._unlocked = True
    window.close()
    db.dispose()


def test_english_mode_dates_are_in_english(make_kiosk) -> None:
    kiosk = make_kiosk(config=far_office(), language="en")
    assert kiosk.window.start_page.clock.text() in expected("en")
    kiosk.window.start_page.language.click()  # back to Thai
    assert kiosk.window.start_page.clock.text() in expected("th")
