"""Screenshots of the supervisor's report for docs/: the report view (1400×900) and the
PDF's summary page, a table page and the satisfaction page (80 dpi), on a throw-away SQLite office with three
simulated weeks (the report covers the last two; the week before is what it compares with).

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
from pypdf import PdfReader  # noqa: E402

from counter.report_view import ReportView  # noqa: E402
from khiw.qt.fonts import install_sarabun  # noqa: E402
from khiw.qt.runner import OperationRunner  # noqa: E402
from khiw.config import load_config  # noqa: E402
from khiw.reports.data import make_report  # noqa: E402
from khiw.reports.pdf import write_pdf  # noqa: E402
from khiw.reports.periods import days  # noqa: E402
from khiw.simulation import simulate  # noqa: E402
from tests.fixtures import EXAMPLE, new_database, office_config, with_office  # noqa: E402

DOCS = ROOT / "docs"
START, FIRST, LAST = date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 13)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    install_sarabun()
    with tempfile.TemporaryDirectory() as folder:
        cfg = office_config()
        hours = load_config(EXAMPLE).office
        cfg = cfg.model_copy(update={"office": cfg.office.model_copy(update={"opens": hours.opens, "closes": hours.closes})})
        db = with_office(new_database(f"sqlite:///{folder}/khiw.db"), cfg)
        simulate(db, days=(LAST - START).days + 1, start=START, seed=2569)
        period = days(FIRST, LAST)

        pdf = Path(folder) / "report.pdf"
        write_pdf(make_report(db, period=period, produced_by="วนิดา รักงาน (หัวหน้างาน)"), pdf)
        if len(sys.argv) > 1:  # a folder to keep every page in, to look at them all
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(Path(sys.argv[1]) / "page")], check=True)
        texts = [p.extract_text() or "" for p in PdfReader(pdf).pages]
        satisfaction = next(n for n, text in enumerate(texts, start=1) if "ผลการประเมินความพึงพอใจของผู้รับบริการ" in text)
        for page, name in ((1, "report-pdf-summary.png"), (3, "report-pdf-table.png"), (satisfaction, "report-pdf-satisfaction.png")):
            stem = Path(folder) / f"page{page}"
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)], check=True)
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
