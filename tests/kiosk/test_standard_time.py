"""The published standard time of each service on the kiosk's cards, switchable per office."""

from __future__ import annotations

from khiw.config import KhiwConfig
from tests.fixtures import office_config


def standard_time_off() -> KhiwConfig:
    cfg = office_config()
    return cfg.model_copy(update={"ticket": cfg.ticket.model_copy(update={"show_standard_time": False})})


class TestKioskCards:
    def test_each_open_service_card_shows_its_standard_time(self, make_kiosk) -> None:
        kiosk = make_kiosk()
        minutes = {s.code: s.standard_minutes for s in office_config().services}
        for code, button in kiosk.window.start_page.buttons.items():
            if button.isEnabled():
                assert not button.standard.isHidden()
                assert button.standard.plain() == f"มาตรฐาน {minutes[code]} นาที"

    def test_english_mode_says_it_in_english(self, make_kiosk) -> None:
        kiosk = make_kiosk(language="en")
        button = next(b for b in kiosk.window.start_page.buttons.values() if b.isEnabled())
        assert button.standard.plain() == f"Standard time {button.queue.standard_minutes} min"

    def test_an_office_can_switch_it_off(self, make_kiosk) -> None:
        kiosk = make_kiosk(config=standard_time_off())
        assert kiosk.window.status is not None and not kiosk.window.status.show_standard_time
        assert all(b.standard.isHidden() for b in kiosk.window.start_page.buttons.values())
