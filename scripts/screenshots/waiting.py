"""Screenshot of the counter while another program holds the database (docs/counter-waiting-th.png).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/waiting.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter import actions  # noqa: E402
from counter.window import CounterWindow  # noqa: E402
from khiw.engine import issue  # noqa: E402
from khiw.qt.fonts import sarabun_font  # noqa: E402
from scripts.screenshots.counter import SIZE, sign_in, wait_until  # noqa: E402
from tests.fixtures import new_database, with_office  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setFont(sarabun_font(17))
    with tempfile.TemporaryDirectory() as tmp:
        db = with_office(new_database(f"sqlite:///{tmp}/khiw.db"))
        for service in ("TAX", "TAX", "INF"):
            db.run(issue, service=service)
        window = CounterWindow(db, counter=1, watch=False)
        window.resize(*SIZE)
        window.show()
        sign_in(window, "somchai")
        wait_until(lambda: window.stack.currentWidget() is window.station and window.state.snapshot is not None and not window.busy)
        holder = sqlite3.connect(f"{tmp}/khiw.db", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        window._act(actions.CALL_NEXT)  # as the + key does
        wait_until(lambda: window.banner.isVisible())
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
        path = ROOT / "docs" / "counter-waiting-th.png"
        window.grab().save(str(path))
        print(f"{path.relative_to(ROOT)}")
        holder.rollback()
        holder.close()
        wait_until(lambda: not window.busy)
        window.shutdown()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
