"""Screenshots of the supervisor's "จัดการ" tab for docs/: each section at 1366×768, on a
throw-away SQLite office; the staff section just after adding someone (the one-time PIN shown
once), the services section refusing a standard time beyond the rules, beside its field.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/admin.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.window import CounterWindow  # noqa: E402
from khiw.qt.fonts import sarabun_font  # noqa: E402
from khiw.config import load_config  # noqa: E402
from tests.fixtures import EXAMPLE, PINS, new_database, with_office  # noqa: E402

DOCS = ROOT / "docs"
SIZE = (1366, 768)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    for _ in range(30):
        QApplication.processEvents()
        time.sleep(0.01)


def save(window: CounterWindow, name: str) -> None:
    settle()
    path = DOCS / name
    window.grab().save(str(path))
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setFont(sarabun_font(17))
    with tempfile.TemporaryDirectory() as tmp:
        db = with_office(new_database(f"sqlite:///{tmp}/khiw.db"), load_config(EXAMPLE))  # with its opening hours
        window = CounterWindow(db, watch=False)
        window.resize(*SIZE)
        window.show()
        window.start()
        window.signin.username.setText("wanida")
        window.signin.pin.setText(PINS["wanida"])
        window.signin.button.click()
        admin = window.admin
        wait_until(lambda: window.stack.currentWidget() is window.supervisor and admin.settings is not None)
        window.supervisor.setCurrentWidget(admin)

        staff = admin.staff
        staff.start_new()
        staff.form.inputs["username"].setText("nok")
        staff.form.inputs["display_name"].setText("นกน้อย ใจดี")
        staff.save.click()
        wait_until(lambda: "PIN" in staff.message.text() and any("nok" in label for label, _ in staff.records))
        save(window, "counter-admin-staff-1366x768.png")

        services = admin.services
        admin.tabs.setCurrentWidget(services)
        services.list.setCurrentRow(1)
        services.form.inputs["standard_minutes"].setText("600")
        services.form.inputs["closes"].setText("25:00")
        services.save.click()
        wait_until(lambda: services.form.problem("standard_minutes") != "")
        save(window, "counter-admin-services-1366x768.png")

        counters = admin.counters
        admin.tabs.setCurrentWidget(counters)
        counters.list.setCurrentRow(3)
        counters.form.inputs["active"].setChecked(False)
        counters.save.click()
        wait_until(lambda: counters.message.text() == "บันทึกแล้ว")
        save(window, "counter-admin-counters-1366x768.png")

        admin.tabs.setCurrentWidget(admin.office_section)
        save(window, "counter-admin-office-1366x768.png")
        window.stop()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
