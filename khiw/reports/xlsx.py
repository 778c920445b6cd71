"""The workbook: a summary sheet, one sheet per table, then the raw ticket and event rows.

Made to be worked with in Excel or LibreOffice: numbers and shares are typed number cells
with a number format (a share is a fraction shown as %), dates are date cells shown in the
Buddhist era, headers are Thai with the English code in a column of its own where a script
needs it, every data sheet has a frozen header row and an auto-filter, and sheet names are
short whole words. No text cell can become a formula (khiw.reports.safe_cells). The
workbook is written in openpyxl's write-only mode, streaming the raw rows, so a year of
events fits in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from khiw.clock import local
from khiw.reports.data import Report
from khiw.reports.rows import event_rows_named, ticket_rows
from khiw.reports.safe_cells import neutral
from khiw.reports.summary import facts, sentences
from khiw.reports.tables import TABLES, values
from khiw.reports.vocabulary import EVENT_TH, PRIORITY_TH, STATUS_TH, thai

MAX_ROWS = 1_000_000  # Excel holds 1,048,576 rows a sheet; longer lists continue on the next
# [$-107041E]: Thai (041E) with the Thai Buddhist calendar (07): 20 พ.ย. 2569 09:15
BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm"
FORMATS = {"min": "#,##0.0", "h": "#,##0.0", "num": "0.00", "pct": "0.0%", "int": "#,##0", "date": BE_DATETIME}
HEAD = Font(name="Sarabun", bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
BODY = Font(name="Sarabun")
TITLE = Font(name="Sarabun", bold=True, size=14)

# (Thai header, key in the row, kind) of the raw sheets; "code" columns keep the English code.
TICKET_SHEET = (
    ("เลขที่", "id", "int"), ("บัตรคิว", "code", "text"), ("งานบริการ", "service_th", "text"), ("รหัสงานบริการ", "service", "code"),
    ("กลุ่มผู้รับบริการ", "priority_th", "text"), ("รหัสกลุ่ม", "priority", "code"), ("สถานะ", "status_th", "text"),
    ("รหัสสถานะ", "status", "code"), ("ออกบัตรคิว", "issued_at", "date"), ("เรียกคิว", "called_at", "date"),
    ("เริ่มให้บริการ", "started_at", "date"), ("เสร็จสิ้น", "finished_at", "date"), ("เรียกซ้ำ", "recalls", "int"),
    ("ช่องบริการ", "counter", "text"), ("เจ้าหน้าที่", "staff", "text"), ("ส่งต่อจากเลขที่", "transferred_from", "int"),
)
EVENT_SHEET = (
    ("เลขที่", "id", "int"), ("เวลา", "at", "date"), ("เหตุการณ์", "kind_th", "text"), ("รหัสเหตุการณ์", "kind", "code"),
    ("บัตรคิว", "ticket_code", "text"), ("รหัสงานบริการ", "service", "code"), ("ช่องบริการ", "counter", "int"),
    ("ชื่อผู้ใช้เจ้าหน้าที่", "staff", "code"), ("รหัสกลุ่ม", "priority", "code"), ("เหตุผล", "reason", "text"),
    ("ข้อมูล", "data", "text"), ("แฮชก่อนหน้า", "prev_hash", "code"), ("แฮช", "hash", "code"),
)


def write_xlsx(session: Session, report: Report, path: Path) -> None:
    """Write the whole workbook to ``path``; the raw rows are streamed from ``session``."""
    book = Workbook(write_only=True)
    _summary(book, report)
    for table in TABLES:
        ws = book.create_sheet(table.sheet)
        rows = values(table, report.figures, report.hours)
        widths = [30 if c.kind == "text" else 14 for c in table.columns]
        _data_sheet(ws, [c.th for c in table.columns], widths, len(rows))
        for row in rows:
            ws.append([_cell(ws, v, FORMATS.get(c.kind)) for v, c in zip(row, table.columns, strict=True)])

    period, office = report.period, report.office_code
    tickets = (r | {"priority_th": thai(PRIORITY_TH, r["priority"]), "status_th": thai(STATUS_TH, r["status"])} for r in ticket_rows(session, period=period, office=office))
    events = (r | {"kind_th": thai(EVENT_TH, r["kind"])} for r in event_rows_named(session, period=period, office=office))
    _raw(book, "บัตรคิว", TICKET_SHEET, tickets)
    _raw(book, "เหตุการณ์", EVENT_SHEET, events)
    book.save(path)


def _summary(book: Workbook, report: Report) -> None:
    """The summary sheet: title, the summary sentences, then each figure as a typed cell."""
    ws = book.create_sheet("สรุป")
    ws.column_dimensions["A"].width = 58
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 70
    ws.append([_cell(ws, f"รายงานผลการให้บริการ {report.office_name_th}", font=TITLE)])
    ws.append([_cell(ws, "ช่วงเวลา"), _cell(ws, report.period.label_th)])
    ws.append([_cell(ws, "ตั้งแต่วันที่"), _cell(ws, report.period.range_th)])
    made = local(report.generated_at, report.timezone).replace(tzinfo=None, microsecond=0)
    ws.append([_cell(ws, "จัดทำเมื่อ"), _cell(ws, made, BE_DATETIME), _cell(ws, f"โดย {report.produced_by}")])
    head = report.chain_head
    ws.append([_cell(ws, "หัวของบันทึกเหตุการณ์ (chain head)"), _cell(ws, head.events, FORMATS["int"]), _cell(ws, head.keyword)])
    ws.append([])
    for sentence in sentences(report):
        ws.append([_cell(ws, sentence)])
    ws.append([])
    ws.append(_head(ws, ["ตัวชี้วัด", "ค่า"]))
    for fact in facts(report):
        ws.append([_cell(ws, fact.label), _cell(ws, fact.value, FORMATS.get(fact.kind))])


def _data_sheet(ws: Any, headers: list[str], widths: list[int], rows: int) -> None:
    """Header row, frozen, with an auto-filter over the ``rows`` that follow."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{rows + 1}"
    ws.append(_head(ws, headers))


def _raw(book: Workbook, title: str, spec: tuple[tuple[str, str, str], ...], rows: Iterable[dict[str, Any]]) -> None:
    """Stream ``rows`` into sheets of at most MAX_ROWS (บัตรคิว, บัตรคิว 2, …)."""
    part, count, ws = 0, MAX_ROWS, None
    widths = [34 if kind == "text" else 20 if kind == "date" else 12 for _h, _k, kind in spec]
    for row in rows:
        if count == MAX_ROWS:
            part, count = part + 1, 0
            ws = book.create_sheet(title if part == 1 else f"{title} {part}")
            _data_sheet(ws, [h for h, _k, _kind in spec], widths, MAX_ROWS)
        ws.append([_raw_cell(ws, row[key], kind) for _h, key, kind in spec])  # type: ignore[union-attr]
        count += 1
    if ws is None:
        _data_sheet(book.create_sheet(title), [h for h, _k, _kind in spec], widths, 0)


def _raw_cell(ws: Any, value: Any, kind: str) -> Any:
    """A raw row's cell: a plain value where it is safe (a year has millions of them, and a
    plain value costs far less than a styled cell), a styled one for dates and for text a
    spreadsheet would read as a formula."""
    if kind == "date" and value is not None:
        return _cell(ws, value, BE_DATETIME)
    if isinstance(value, str) and neutral(value) != value:
        return _cell(ws, value)
    return value


def _cell(ws: Any, value: Any, number_format: str | None = None, font: Font = BODY) -> WriteOnlyCell:
    text = isinstance(value, str)
    cell = WriteOnlyCell(ws, value=neutral(value))
    if text:
        cell.data_type = "s"  # never a formula, whatever it starts with
    cell.font = font
    if number_format and not text:
        cell.number_format = number_format
    return cell


def _head(ws: Any, labels: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = _cell(ws, label, font=HEAD)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells
