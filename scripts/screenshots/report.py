"""Screenshots of the supervisor's report for docs/: the report view (1400×900) and the
first two PDF pages, on a throw-away SQLite office with ten simulated working days.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots/report.py
(needs pdftoppm from Debian's poppler-utils for the PDF pages)
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

from counter.report_view import ReportView  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402
from khiw.qt.runner import OperationRunner  # noqa: E402
from khiw.reports.export import make_report  # noqa: E402
from khiw.reports.pdf import write_pdf  # noqa: E402
from khiw.reports.periods import days  # noqa: E402
from khiw.simulation import simulate  # noqa: E402
from tests.fixtures import new_database, with_office  # noqa: E402

DOCS = ROOT / "docs"
FIRST, LAST = date(2026, 11, 2), date(2026, 11, 13)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    install_sarabun()
    with tempfile.TemporaryDirectory() as folder:
        db = with_office(new_database(f"sqlite:///{folder}/khiw.db"))
        simulate(db, days=(LAST - FIRST).days + 1, start=FIRST, seed=2569)
        period = days(FIRST, LAST)

        pdf = Path(folder) / "report.pdf"
        write_pdf(make_report(db, period=period), pdf)
        for page, name in ((1, "report-pdf-summary.png"), (2, "report-pdf-charts.png"), (3, "report-pdf-services.png")):
            stem = Path(folder) / f"page{page}"
            subprocess.run(["pdftoppm", "-r", "75", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)], check=True)
            (DOCS / name).write_bytes(stem.with_suffix(".png").read_bytes())

        runner = OperationRunner(db)
        view = ReportView(runner)
        view.resize(1400, 900)
        view.show()
        view.set_period(period)
        shown: list[object] = []
        view.report_shown.connect(shown.append)
        view.refresh()
        while not shown:
            app.processEvents()
        for tab, name in ((1, "report-view-charts.png"), (2, "report-view-services.png")):
            view.tabs.setCurrentIndex(tab)
            app.processEvents()
            view.grab().save(str(DOCS / name))
        runner.shutdown()
        db.dispose()
    print("wrote", ", ".join(p.name for p in sorted(DOCS.glob("report-*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
