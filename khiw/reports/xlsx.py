"""The workbook: a summary sheet, one sheet per table, then the raw ticket and event rows.

Numbers stay numbers (minutes, percentages as fractions with a % format), so executives'
staff can sort, filter and chart them in Excel or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
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


def write_xlsx(report: Report, tickets: list[list[Any]], events: list[list[Any]], path: Path) -> None:
    """Write the whole workbook to ``path``."""
    from khiw.reports.export import EVENT_COLUMNS, TICKET_COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.title = "สรุป"
    for label, value in summary_lines(report):
        sheet.append([label, value])
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 40
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = BODY
    sheet["A1"].font = Font(name="Sarabun", bold=True, size=14)

    for table in TABLES:
        ws = book.create_sheet(table.title_th[:31])
        ws.append([f"{c.th} ({c.en})" for c in table.columns])
        _style_head(ws, len(table.columns))
        for row in values(table, report.figures):
            ws.append(row)
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = 34 if column.kind == "text" else 16
            for cell in ws[letter][1:]:
                cell.font = BODY
                if column.kind in FORMATS:
                    cell.number_format = FORMATS[column.kind]
        ws.freeze_panes = "B2"

    _raw(book, "บัตรคิว", TICKET_COLUMNS, tickets)
    _raw(book, "เหตุการณ์", EVENT_COLUMNS, events)
    book.save(path)


def _raw(book: Workbook, title: str, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    for part, start in enumerate(range(0, max(len(rows), 1), MAX_ROWS)):
        ws = book.create_sheet(title if part == 0 else f"{title} ({part + 1})")
        ws.append(list(header))
        _style_head(ws, len(header))
        for row in rows[start : start + MAX_ROWS]:
            ws.append(row)
        ws.freeze_panes = "A2"


def _style_head(ws: Any, width: int) -> None:
    for cell in ws[1][:width]:
        cell.font = HEAD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 36
