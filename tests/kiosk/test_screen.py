"""The screen itself: locked down, readable at every size, laid out for both orientations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from khiw.config import PrinterConfig
from khiw.engine.auth import hash_pin
from kiosk.style import Label, Scaled
from kiosk.window import KioskWindow
from tests.fixtures import office_config

SIZES = [(1920, 1080), (1366, 768), (1080, 1920), (768, 1366)]


def visible(window: KioskWindow) -> list[QWidget]:
    page = window.stack.currentWidget()
    return [w for w in page.findChildren(QWidget) if w.isVisibleTo(window) and w.isVisible()]


def on_window(widget: QWidget, window: KioskWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


class TestLockedDown:
    def test_frameless_and_only_the_admin_pin_closes_it(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), locked=True, admin_pin_hash=hash_pin("2468"))
        window = kiosk.window
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        window.close()
        assert window.isVisible()

        title = window.start_page.office
        for _ in range(5):
            kiosk.qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
        admin = window.admin_page
        assert window.stack.currentWidget() is admin
        for digit in "1111":
            kiosk.qtbot.mouseClick(admin.keys[digit], Qt.MouseButton.LeftButton)
        kiosk.qtbot.mouseClick(admin.enter, Qt.MouseButton.LeftButton)
        assert admin.message.plain() == "รหัสไม่ถูกต้อง"
        assert window.isVisible()
        for digit in "2468":
            kiosk.qtbot.mouseClick(admin.keys[digit], Qt.MouseButton.LeftButton)
        kiosk.qtbot.mouseClick(admin.enter, Qt.MouseButton.LeftButton)
        assert not window.isVisible()

    def test_five_wrong_pins_rest_the_pad_even_for_the_right_one(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), locked=True, admin_pin_hash=hash_pin("2468"))
        window, admin = kiosk.window, kiosk.window.admin_page
        window.open_admin()

        def enter(pin: str) -> None:
            for digit in pin:
                kiosk.qtbot.mouseClick(admin.keys[digit], Qt.MouseButton.LeftButton)
            kiosk.qtbot.mouseClick(admin.enter, Qt.MouseButton.LeftButton)

        for _ in range(4):
            enter("1111")
            assert admin.message.plain() == "รหัสไม่ถูกต้อง"
        enter("1111")
        assert admin.message.plain() == "ใส่รหัสผิดหลายครั้ง กรุณารอ 5 นาที"
        enter("2468")
        assert window.isVisible() and "กรุณารอ" in admin.message.plain()

    def test_without_an_admin_pin_hash_no_pin_closes_it(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), locked=True)
        window, admin = kiosk.window, kiosk.window.admin_page
        window.open_admin()
        for digit in "0000":
            kiosk.qtbot.mouseClick(admin.keys[digit], Qt.MouseButton.LeftButton)
        kiosk.qtbot.mouseClick(admin.enter, Qt.MouseButton.LeftButton)
        assert window.isVisible()
        assert "admin_pin_hash" in admin.message.plain()

    def test_labels_show_office_data_as_typed_not_as_markup(self, make_kiosk) -> None:
        cfg = office_config()
        bold = cfg.model_copy(update={"office": cfg.office.model_copy(update={"name_th": "<b>อบต.</b>"})})
        kiosk = make_kiosk(PrinterConfig(), config=bold)
        labels = kiosk.window.findChildren(QLabel)
        assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
        assert any("<b>" in label.text() for label in labels)

    def test_four_taps_do_not_open_the_admin_exit_but_the_key_does(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), locked=True)
        window = kiosk.window
        for _ in range(4):
            kiosk.qtbot.mouseClick(window.start_page.office, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.start_page
        window.activateWindow()
        kiosk.qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert window.stack.currentWidget() is window.admin_page
        kiosk.qtbot.mouseClick(window.admin_page.cancel, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.start_page

    def test_the_cursor_is_hidden_when_configured(self, make_kiosk) -> None:
        assert make_kiosk(PrinterConfig(), hide_cursor=True).window.cursor().shape() == Qt.CursorShape.BlankCursor
        assert make_kiosk(PrinterConfig()).window.cursor().shape() != Qt.CursorShape.BlankCursor


class TestReadable:
    @pytest.mark.parametrize("page", ["start", "priority", "result", "admin"])
    def test_no_text_under_24_px_on_a_1080p_screen(self, make_kiosk, page: str) -> None:
        kiosk = make_kiosk(PrinterConfig(), config=office_config() if page == "priority" else None)
        window = kiosk.window
        if page == "priority":
            kiosk.tap("REG")
        elif page == "result":
            with kiosk.qtbot.waitSignal(window.issued, timeout=5000):
                kiosk.tap("REG")
        elif page == "admin":
            window.open_admin()
        texts = [w for w in visible(window) if isinstance(w, Scaled)]
        assert texts
        small = [(type(w).__name__, w.text(), w.font().pixelSize()) for w in texts if w.font().pixelSize() < 24]
        assert small == []

    @pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
    def test_service_buttons_fit_without_overlap_or_clipped_text(self, make_kiosk, size: tuple[int, int]) -> None:
        kiosk = make_kiosk(PrinterConfig(), size=size)
        window = kiosk.window
        kiosk.qtbot.waitUntil(lambda: window.size().width() == size[0], timeout=2000)
        buttons = list(window.start_page.buttons.values())
        kiosk.qtbot.waitUntil(lambda: len({on_window(b, window).topLeft().toTuple() for b in buttons}) == 6, timeout=2000)
        boxes = [on_window(b, window) for b in buttons]
        assert len(boxes) == 6
        frame = window.rect()
        for i, box in enumerate(boxes):
            assert frame.contains(box), f"button {i} {box} outside {frame}"
            assert box.height() >= 100 * min(size) / 1080
            assert not any(box.intersects(other) for other in boxes[i + 1 :])
        for label in [w for w in visible(window) if isinstance(w, Label) and w.wordWrap() and w.text()]:
            assert label.heightForWidth(label.width()) <= label.height() + 2, f"{label.plain()!r} is cut off"

    def test_portrait_puts_the_qr_code_under_the_number(self, make_kiosk) -> None:
        kiosk = make_kiosk(PrinterConfig(), size=(1080, 1920))
        with kiosk.qtbot.waitSignal(kiosk.window.issued, timeout=5000):
            kiosk.tap("TAX")
        page = kiosk.window.result_page
        code, qr = on_window(page.code, kiosk.window), on_window(page.qr, kiosk.window)
        assert qr.top() > code.bottom()
        assert isinstance(page.ok, QPushButton) and on_window(page.ok, kiosk.window).bottom() <= 1920



def test_a_locked_kiosk_without_an_admin_pin_hash_does_not_start(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    from tests.fixtures import EXAMPLE, new_database

    url = f"sqlite:///{tmp_path / 'k.db'}"
    new_database(url).dispose()
    khiw = Path(sys.executable).with_name("khiw")
    done = subprocess.run([str(khiw), "--db", url, "--config", str(EXAMPLE), "kiosk"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == "khiw: a locked kiosk needs admin_pin_hash in [kiosk] (make one with `khiw hash-pin`), or start it with --windowed"
