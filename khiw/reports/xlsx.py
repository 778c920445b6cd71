"""The workbook: a summary sheet, one sheet per table, then the raw ticket and event rows.

Numbers stay numbers (minutes, percentages as fractions with a % format), so executives'
staff can sort, filter and chart them in Excel or LibreOffice. The workbook is written in
openpyxl's write-only mode, streaming the raw rows, so a year of events fits in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from khiw.reports.data import Report
from khiw.reports.summary import summary_lines
from khiw.reports.tables import TABLES, values

MAX_ROWS = 1_000_000  # Excel holds 1,048,576 rows a sheet; longer lists continue on the next
FORMATS = {"min": "0.0", "h": "0.0", "num": "0.00", "pct": "0.0%", "int": "#,##0"}
HEAD = Font(name="Sarabun", bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
BODY = Font(name="Sarabun")


def write_xlsx(report: Report, tickets: Iterable[list[Any]], events: Iterable[list[Any]], path: Path) -> None:
    """Write the whole workbook to ``path`` (``tickets`` and ``events`` are streamed)."""
    from khiw.reports.export import EVENT_COLUMNS, TICKET_COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("สรุป")
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 44
    for number, (label, value) in enumerate(summary_lines(report)):
        font = Font(name="Sarabun", bold=True, size=14) if number == 0 else BODY
        sheet.append([_cell(sheet, label, font), _cell(sheet, value, BODY)])

    for table in TABLES:
        ws = book.create_sheet(table.title_th[:31])
        for index, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = 34 if column.kind == "text" else 16
        ws.freeze_panes = "B2"
        ws.append(_head(ws, [f"{c.th} ({c.en})" for c in table.columns]))
        for row in values(table, report.figures):
            ws.append([_cell(ws, v, BODY, FORMATS.get(c.kind)) for v, c in zip(row, table.columns, strict=True)])

    _raw(book, "บัตรคิว", TICKET_COLUMNS, tickets)
    _raw(book, "เหตุการณ์", EVENT_COLUMNS, events)
    book.save(path)


def _raw(book: Workbook, title: str, header: tuple[str, ...], rows: Iterable[list[Any]]) -> None:
    part, count, ws = 0, MAX_ROWS, None
    for row in rows:
        if count == MAX_ROWS:
            part, count = part + 1, 0
            ws = _raw_sheet(book, title if part == 1 else f"{title} ({part})", header)
        ws.append(row)  # type: ignore[union-attr]
        count += 1
    if ws is None:
        _raw_sheet(book, title, header)


def _raw_sheet(book: Workbook, title: str, header: tuple[str, ...]) -> Any:
    ws = book.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.append(_head(ws, list(header)))
    return ws


def _cell(ws: Any, value: Any, font: Font, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def _head(ws: Any, labels: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = _cell(ws, label, HEAD)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells
