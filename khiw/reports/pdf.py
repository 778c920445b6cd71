"""The PDF for executives: A4, Thai, Sarabun, suitable to attach as ITA evidence.

Page 1 is the one-page executive summary; page 2 the charts (arrivals by hour, wait
distribution, compliance by service); then the tables on landscape pages. Thai text is
shaped by HarfBuzz (fpdf2's text shaping with uharfbuzz), so vowels and tone marks sit
where they belong and the text can be copied out of the PDF. Charts are drawn with fpdf2's
own rectangles and lines: no plotting library, no raster images.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from khiw.clock import local
from khiw.fonts import sarabun
from khiw.linebreak import with_break_hints
from khiw.plan.result import StaffingPlan
from khiw.reports.data import Report
from khiw.reports.staffing_page import add_staffing_page
from khiw.reports.summary import headline, summary_lines
from khiw.reports.tables import TABLES, Table, cells
from khiw.thaidate import thai_date, thai_time

INK = (33, 33, 33)
MUTED = (97, 97, 97)
ACCENT = (31, 78, 121)
BARS = ((21, 101, 192), (46, 125, 50), (239, 108, 0))
GRID = (210, 210, 210)

NOTES = {
    "by_service": "เวลาเป็นนาที: รอ = ออกบัตรคิวถึงเรียกคิวครั้งแรก, เดินถึงช่อง = เรียกคิวถึงเริ่มให้บริการ, ให้บริการ = เริ่มถึงเสร็จสิ้น; "
    "ทันเวลามาตรฐาน = สัดส่วนที่ให้บริการเสร็จภายในระยะเวลาให้บริการ (มาตรฐาน) ที่ประกาศ",
    "by_counter": "อัตราการใช้งาน = เวลาให้บริการ ÷ เวลาที่ลงชื่อเข้าปฏิบัติงาน (รวมเวลาพัก); ราย/ชม. = ผู้รับบริการเสร็จ ÷ ชั่วโมงที่เปิดช่อง (ไม่รวมเวลาพัก)",
    "raqfm": "RAQFM (Raz, Levy และ Avi-Itzhak, 2004): D ของแต่ละคน = บริการที่ได้รับ − ส่วนแบ่งที่ควรได้ขณะอยู่ในระบบ; "
    "D > 0 ได้รับบริการก่อนส่วนแบ่ง, D < 0 รอให้ผู้อื่น; ผลรวม D ของแต่ละงานบริการเป็นศูนย์",
    "out_of_order": "การเรียกคิวนอกลำดับต้องระบุเหตุผลทุกครั้ง และบันทึกไว้ในบันทึกเหตุการณ์ที่ตรวจสอบย้อนหลังได้",
    "satisfaction": "ผลการประเมินความพึงพอใจจากการสแกน QR Code บนบัตรคิว",
}


class ReportPDF(FPDF):
    """FPDF with Sarabun, Thai shaping and the report's running footer."""

    def __init__(self, report: Report) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        for style, weight in (("", 400), ("B", 700)):
            self.add_font("Sarabun", style, str(sarabun(weight)))
        self.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(14, 12, 14)
        self.alias_nb_pages()
        self.set_title(f"รายงานผลการให้บริการ {report.office_name_th} {report.period.label_th}")
        self.set_author(report.office_name_th)
        self.set_creator("Khiw (คิว)")
        self.set_lang("th")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Sarabun", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.report.office_name_th} · {self.report.period.label_th} · หน้า {self.page_no()}/{{nb}}", align="C")


def write_pdf(report: Report, path: Path, plan: StaffingPlan | None = None) -> None:
    """Write the report PDF to ``path`` (with the staffing page when given a ``plan``)."""
    pdf = ReportPDF(report)
    _summary_page(pdf, report)
    _charts_page(pdf, report)
    if plan is not None:
        add_staffing_page(pdf, plan)
    for table in TABLES:
        _table_page(pdf, report, table)
    pdf.output(str(path))


def _summary_page(pdf: ReportPDF, report: Report) -> None:
    pdf.add_page()
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Sarabun", "B", 18)
    pdf.cell(0, 10, "รายงานผลการให้บริการ ระบบบัตรคิว", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Sarabun", "B", 14)
    pdf.set_text_color(*INK)
    pdf.cell(0, 8, report.office_name_th, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Sarabun", "", 12)
    when = report.period.label_th
    if report.period.range_th != when:
        when += f"  ({report.period.range_th})"
    pdf.cell(0, 7, when, new_x="LMARGIN", new_y="NEXT", align="C")
    made = local(report.generated_at, report.timezone)
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, f"จัดทำเมื่อ {thai_date(made.date())} เวลา {thai_time(made)} · รายงานผลให้ผู้บริหารทราบ", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)

    boxes = headline(report)
    width = (pdf.epw - 3 * 4) / 4
    top = pdf.get_y()
    for i, (label, value) in enumerate(boxes):
        x = pdf.l_margin + i * (width + 4)
        pdf.set_fill_color(232, 240, 250)
        pdf.rect(x, top, width, 24, style="F")
        pdf.set_xy(x, top + 2)
        pdf.set_font("Sarabun", "B", 17)
        pdf.set_text_color(*ACCENT)
        pdf.cell(width, 10, value, align="C")
        pdf.set_xy(x, top + 13)
        pdf.set_font("Sarabun", "", 10)
        pdf.set_text_color(*INK)
        pdf.cell(width, 8, label, align="C")
    pdf.set_y(top + 30)

    pdf.set_font("Sarabun", "B", 13)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, "บทสรุปสำหรับผู้บริหาร", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Sarabun", "", 11)
    pdf.set_fill_color(245, 247, 250)
    with pdf.table(
        col_widths=(58, 42),
        first_row_as_headings=False,
        line_height=6.6,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=(245, 247, 250),
        cell_fill_mode=TableCellFillMode.ROWS,
        padding=(0.8, 2),
    ) as table:
        for label, value in summary_lines(report)[4:]:
            row = table.row()
            row.cell(label)
            row.cell(str(value))
    pdf.ln(3)
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        4.6,
        "ตัวเลขทั้งหมดคำนวณจากบันทึกเหตุการณ์ของระบบบัตรคิว ซึ่งแก้ไขย้อนหลังไม่ได้ (ตรวจสอบได้ด้วย khiw audit verify); "
        "นิยามและสูตรของแต่ละตัวชี้วัดอยู่ในเอกสาร docs/metrics.md; เวลาแสดงเป็นนาที",
        align="L",
    )


def _charts_page(pdf: ReportPDF, report: Report) -> None:
    charts = report.figures["charts"]
    pdf.add_page()
    _heading(pdf, "แผนภูมิ")
    arrivals = charts["arrivals_by_hour"]
    hours = [h for h, n in enumerate(arrivals) if n] or list(range(8, 17))
    span = list(range(min(hours), max(hours) + 1))
    _bars(pdf, "จำนวนบัตรคิวที่ออก แยกตามช่วงเวลา (ชั่วโมง)", [f"{h:02d}" for h in span], [arrivals[h] for h in span], BARS[0], "{:,.0f}")
    hist = charts["wait_histogram"]
    labels = [f"{b['from_min']}–{b['to_min']}" if b["to_min"] is not None else f"{b['from_min']}+" for b in hist]
    _bars(pdf, "การกระจายของเวลารอ (นาที) : จำนวนบัตรคิว", labels, [b["tickets"] for b in hist], BARS[1], "{:,.0f}")
    _compliance(pdf, report)


def _heading(pdf: ReportPDF, text: str, note: str | None = None) -> None:
    pdf.set_font("Sarabun", "B", 14)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    if note:
        pdf.set_font("Sarabun", "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.2, breakable(note), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(*INK)
    pdf.ln(1)


def _bars(pdf: ReportPDF, title: str, labels: list[str], values: list[float], color: tuple[int, int, int], fmt: str, height: float = 62) -> None:
    """A vertical bar chart with a value on each bar, at the current position."""
    pdf.set_font("Sarabun", "B", 11)
    pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    left, top, width = pdf.l_margin + 8, pdf.get_y() + 4, pdf.epw - 8
    peak = max(values, default=0) or 1
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    for step in range(5):
        y = top + height - height * step / 4
        pdf.line(left, y, left + width, y)
        pdf.set_font("Sarabun", "", 7)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(pdf.l_margin - 4, y - 2)
        pdf.cell(11, 4, fmt.format(peak * step / 4), align="R")
    slot = width / max(len(values), 1)
    pdf.set_fill_color(*color)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = height * value / peak
        x = left + i * slot + slot * 0.15
        if h > 0:
            pdf.rect(x, top + height - h, slot * 0.7, h, style="F")
        pdf.set_text_color(*INK)
        pdf.set_font("Sarabun", "", 7)
        pdf.set_xy(left + i * slot, top + height - h - 4.5)
        pdf.cell(slot, 4, fmt.format(value), align="C")
        pdf.set_font("Sarabun", "", 8)
        pdf.set_xy(left + i * slot, top + height + 1)
        pdf.cell(slot, 4, label, align="C")
    pdf.set_y(top + height + 8)


def _compliance(pdf: ReportPDF, report: Report) -> None:
    """Horizontal bars per service: within the standard time, and waits within the target."""
    rows = [r for r in report.figures["by_service"] if r["issued"]]
    pdf.set_font("Sarabun", "B", 11)
    pdf.cell(0, 7, "การให้บริการทันเวลามาตรฐาน และรอไม่เกินเป้าหมาย แยกตามงานบริการ (%)", new_x="LMARGIN", new_y="NEXT")
    label_w, bar_w = 62, pdf.epw - 62 - 14
    for color, text in ((BARS[0], "ทันเวลามาตรฐาน"), (BARS[2], f"รอไม่เกิน {report.wait_target_minutes} นาที")):
        pdf.set_fill_color(*color)
        pdf.rect(pdf.get_x(), pdf.get_y() + 1.2, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        pdf.set_font("Sarabun", "", 8.5)
        pdf.cell(40, 5.5, text)
    pdf.ln(7)
    for r in rows:
        y = pdf.get_y()
        pdf.set_font("Sarabun", "", 9)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y + 1)
        pdf.cell(label_w, 5, _fit(pdf, f"{r['prefix']} {r['name_th']}", label_w - 2))
        for j, (key, color) in enumerate((("standard_met", BARS[0]), ("wait_within_target", BARS[2]))):
            share = r[key]
            by = y + j * 4
            pdf.set_fill_color(*GRID)
            pdf.rect(pdf.l_margin + label_w, by + 0.5, bar_w, 3.2, style="F")
            if share:
                pdf.set_fill_color(*color)
                pdf.rect(pdf.l_margin + label_w, by + 0.5, bar_w * share, 3.2, style="F")
            pdf.set_font("Sarabun", "", 7.5)
            pdf.set_xy(pdf.l_margin + label_w + bar_w + 1, by)
            pdf.cell(13, 4, "–" if share is None else f"{100 * share:.0f}%")
        pdf.set_y(y + 10)


def _fit(pdf: ReportPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _table_page(pdf: ReportPDF, report: Report, table: Table) -> None:
    rows = cells(table, report.figures)
    pdf.add_page(orientation="L")
    _heading(pdf, table.title_th, NOTES.get(table.key))
    if not rows:
        pdf.set_font("Sarabun", "", 11)
        pdf.cell(0, 8, "ไม่มีข้อมูลในช่วงเวลานี้", new_x="LMARGIN", new_y="NEXT")
        return
    text_cols = [i for i, c in enumerate(table.columns) if c.kind == "text"]
    weights = [4.2 if i in text_cols else 1.0 for i in range(len(table.columns))]
    if table.key == "out_of_order":
        weights = [1.0, 1.0, 2.0, 1.0, 1.0, 6.0]
    size = 8 if len(table.columns) <= 12 else 7
    pdf.set_font("Sarabun", "", size)
    pdf.set_fill_color(245, 247, 250)  # fpdf2 fills striped rows with the current fill colour
    align: Any = tuple("LEFT" if c.kind == "text" else "RIGHT" for c in table.columns)
    with pdf.table(
        col_widths=tuple(weights),
        text_align=align,
        line_height=size * 0.5,
        headings_style=_headings(size),
        cell_fill_color=(245, 247, 250),
        cell_fill_mode=TableCellFillMode.ROWS,
        padding=(0.6, 0.8),
        repeat_headings=1,
    ) as grid:
        head = grid.row()
        for column in table.columns:
            head.cell(breakable(column.th), align="CENTER")
        for values in rows:
            row = grid.row()
            for value in values:
                row.cell(breakable(value))


def breakable(text: str) -> str:
    """Thai text with zero-width spaces between phrases, where a narrow cell may wrap it.

    Thai has no spaces between words; without these fpdf2 would break inside a word.
    """
    return with_break_hints(text) if text and not text.isascii() else text


def _headings(size: float) -> FontFace:
    return FontFace(family="Sarabun", emphasis="BOLD", size_pt=size, color=(255, 255, 255), fill_color=ACCENT)
