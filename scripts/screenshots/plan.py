"""Screenshots of the staffing planner for docs/: the supervisor's "วางแผนกำลังคน" tab at
1366×768 and the PDF report's staffing page, on a throw-away SQLite office with a simulated
month (June 2026, the example office).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/plan.py
(needs pdftoppm from Debian's poppler-utils for the PDF page)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter import style  # noqa: E402
from counter.plan_view import PlanView  # noqa: E402
from khiw.plan.api import make_plan  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402
from khiw.qt.runner import OperationRunner  # noqa: E402
from khiw.reports.data import make_report  # noqa: E402
from khiw.reports.pdf import write_pdf  # noqa: E402
from khiw.reports.periods import days  # noqa: E402
from khiw.simulation import simulate  # noqa: E402
from tests.fixtures import new_database, with_office  # noqa: E402

DOCS = ROOT / "docs"
FIRST, LAST = date(2026, 6, 1), date(2026, 6, 30)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    family = install_sarabun()
    with tempfile.TemporaryDirectory() as folder:
        db = with_office(new_database(f"sqlite:///{folder}/khiw.db"))
        simulate(db, days=(LAST - FIRST).days + 1, start=FIRST, seed=7)
        period = days(FIRST, LAST)

        pdf = Path(folder) / "report.pdf"
        write_pdf(make_report(db, period=period), pdf, plan=make_plan(db, period=period))
        stem = Path(folder) / "staffing"
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", "3", "-l", "3", str(pdf), str(stem)], check=True)
        (DOCS / "report-pdf-staffing.png").write_bytes(stem.with_suffix(".png").read_bytes())

        runner = OperationRunner(db)
        view = PlanView(runner)
        view.setStyleSheet(style.sheet(family))  # as in the counter window
        view.resize(1366, 768)
        view.show()
        while view.office.count() == 0:
            app.processEvents()
        view.set_history(FIRST, LAST)
        shown: list[object] = []
        view.plan_shown.connect(shown.append)
        view.refresh()
        while not shown:
            app.processEvents()
        view.run_button.setFocus()
        app.processEvents()
        view.grab().save(str(DOCS / "counter-plan-1366x768.png"))
        view.shutdown()
        runner.shutdown()
        db.dispose()
    print("wrote report-pdf-staffing.png, counter-plan-1366x768.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
