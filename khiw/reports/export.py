"""Writing a report file: JSON (every figure), CSV (the event log), XLSX and PDF.

:func:`export` is the one dispatcher: the CLI and the supervisor's view both call it with a
report already computed (by :func:`khiw.reports.data.make_report`) and a read session for the
raw rows the CSV and the workbook list.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from khiw.reports.data import Report
from khiw.reports.rows import EVENT_COLUMNS, event_rows
from khiw.reports.safe_cells import neutral

FORMATS = ("pdf", "xlsx", "csv", "json")
TO_STDOUT = "-"


def export(session: Session, *, report: Report, fmt: str, out: str | Path) -> str:
    """Write ``report`` as ``fmt`` to ``out`` (``-``: standard output, JSON and CSV only);
    returns ``out`` as text. ``session`` (a read) supplies the CSV's and workbook's rows."""
    if fmt == "json":
        with _opened(out, "utf-8") as stream:
            stream.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        # utf-8-sig: Excel opens the CSV with Thai intact; other tools ignore the mark.
        with _opened(out, "utf-8-sig") as stream:
            write_event_csv(session, report, stream)
    elif fmt == "xlsx":
        from khiw.reports.xlsx import write_xlsx

        write_xlsx(session, report, Path(out))
    elif fmt == "pdf":
        from khiw.reports.pdf import write_pdf

        write_pdf(report, Path(out))
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return str(out)


@contextmanager
def _opened(out: str | Path, encoding: str) -> Iterator[IO[str]]:
    if str(out) == TO_STDOUT:
        yield sys.stdout
        return
    with open(out, "w", encoding=encoding, newline="") as stream:
        yield stream


def write_event_csv(session: Session, report: Report, stream: IO[str]) -> None:
    """The event log of the period for auditors: every column, including both hashes; text
    that a spreadsheet would run as a formula is neutralised (see khiw.reports.safe_cells)."""
    out = csv.writer(stream)
    out.writerow(EVENT_COLUMNS)
    for row in event_rows(session, period=report.period, office=report.office_code):
        out.writerow(["" if v is None else neutral(v) for v in row])
