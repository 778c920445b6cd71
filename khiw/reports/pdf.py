"""The PDF for executives: portrait A4, Thai, Sarabun, to hand over as ITA evidence as it is.

Page 1 is the cover and the executive summary: the office, the period in Thai, who made the
report and when, the event-chain head it was computed from, then plain Thai sentences with
the numbers. Page 2 has the charts (round axis ticks, axis titles, the office's opening
hours). Then the tables, at most about eight columns at 10 pt, Thai names first and codes
second; the specialist measures (Jain, Gini, RAQFM, P90) come last, each with a sentence
saying what it means and what a good value is.

Thai is shaped by HarfBuzz (fpdf2 with uharfbuzz) and broken into lines only between words
(khiw.linebreak); the text layer is exactly the text (khiw.reports.pdf_text), so a figure or
a name copied out of the PDF is what was written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from khiw.clock import local
from khiw.fonts import sarabun
from khiw.linebreak import register_words, wrap
from khiw.metrics.satisfaction import MIN_PUBLIC_GROUP
from khiw.plan.result import StaffingPlan
from khiw.reports.data import Report
from khiw.reports.pdf_text import fix_text_layer
from khiw.reports.staffing_page import add_staffing_page
from khiw.reports.summary import SPECIALIST, headline, satisfaction_sentence, sentences
from khiw.reports.tables import RAQFM, SATISFACTION, TABLES, Table, cells, minutes
from khiw.thaidate import thai_date, thai_digits, thai_time

INK = (33, 33, 33)
MUTED = (90, 90, 90)
ACCENT = (31, 78, 121)
BARS = ((21, 101, 192), (46, 125, 50), (239, 108, 0))
GRID = (210, 210, 210)
STRIPE = (245, 247, 250)
BODY_PT = 10.5
TABLE_PT = 10
FIT = 0.97  # shaped Thai runs a little wider than fpdf2's unshaped measure: leave room

NOTES = {
    "by_service": "ผู้รับบริการ = จำนวนการมาติดต่อ (การส่งต่อไปงานอื่นนับเป็นการมาครั้งเดียว); ยกเลิก/หมดอายุ = ออกจากคิวก่อนได้รับการเรียก",
    "by_service_times": "เวลาเป็นนาที: รอ = ออกบัตรคิวถึงเรียกคิวครั้งแรก (ผู้ที่ออกจากคิวก่อนถูกเรียกนับเวลาที่รอจนออก); "
    "ให้บริการ = เริ่มถึงเสร็จสิ้น; ทันเวลามาตรฐาน = สัดส่วนที่ให้บริการเสร็จภายในระยะเวลาที่ประกาศ",
    "by_counter_time": "อัตราการใช้งาน = เวลาให้บริการ ÷ เวลาที่ลงชื่อเข้าปฏิบัติงาน (รวมเวลาพัก); ราย/ชม. = ผู้รับบริการเสร็จ ÷ ชั่วโมงที่เปิดช่อง",
    "by_hour": "เฉพาะช่วงเวลาทำการของหน่วยงาน (และช่วงที่มีผู้มารับบัตรคิว)",
    "out_of_order": "การเรียกคิวนอกลำดับต้องระบุเหตุผลทุกครั้ง และบันทึกไว้ในบันทึกเหตุการณ์ที่ตรวจสอบย้อนหลังได้",
    "satisfaction": "จากแบบประเมินที่ผู้รับบริการตอบผ่าน QR Code บนบัตรคิว คะแนน 5 ระดับ (5 = มากที่สุด … 1 = น้อยที่สุด); "
    "ร้อยละ = x̄ ÷ 5 × 100; ระดับ: 4.21–5.00 มากที่สุด, 3.41–4.20 มาก, 2.61–3.40 ปานกลาง, 1.81–2.60 น้อย, 1.00–1.80 น้อยที่สุด; "
    "ภาพรวม = คำตอบทุกข้อของผู้ตอบทุกราย",
    "satisfaction_service": "ค่าเฉลี่ย (x̄) ของแต่ละด้านและภาพรวม ของบัตรคิวที่ได้รับบริการในงานนั้น",
    "satisfaction_comments": f"ไม่เผยแพร่ต่อสาธารณะ: หน้าเว็บของหน่วยงานแสดงเฉพาะค่าเฉลี่ยของกลุ่มที่มีผู้ตอบตั้งแต่ {MIN_PUBLIC_GROUP} รายขึ้นไป ไม่แสดงความคิดเห็นและชื่อเจ้าหน้าที่",
    "raqfm": "D ของแต่ละคน = บริการที่ได้รับ − ส่วนแบ่งที่ควรได้ขณะอยู่ในระบบ (นาที); ค่าบวก = ได้รับบริการก่อนส่วนแบ่ง, ค่าลบ = รอให้ผู้อื่น",
}

# Column widths of the tables whose text columns are not all names: a reason or a comment
# gets the room, a level word ("มากที่สุด") and a dimension heading just what they need.
_SATISFACTION_GROUP = (3.0, 1.0, 1.75, 1.75, 1.75, 1.75, 1.3, 1.7)
WEIGHTS: dict[str, tuple[float, ...]] = {
    "out_of_order": (1.0, 2.2, 1.6, 2.0, 1.1, 3.6),
    "satisfaction": (4.6, 1.3, 1.1, 1.1, 1.1, 2.0),
    "satisfaction_service": _SATISFACTION_GROUP,
    "satisfaction_counter": _SATISFACTION_GROUP,
    "satisfaction_staff": _SATISFACTION_GROUP,
    "satisfaction_comments": (0.5, 3.0, 6.0),
}


class ReportPDF(FPDF):
    """FPDF with Sarabun, Thai shaping, the chain head in the metadata and "หน้า x / y"."""

    def __init__(self, report: Report) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        for style, weight in (("", 400), ("B", 700)):
            self.add_font("Sarabun", style, str(sarabun(weight)))
        self.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(16, 14, 16)
        self.alias_nb_pages()
        self.set_title(f"รายงานผลการให้บริการ {report.office_name_th} {report.period.label_th}")
        self.set_author(report.office_name_th)
        self.set_creator("Khiw (คิว)")
        self.set_keywords(report.chain_head.keyword)
        self.set_lang("th")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("Sarabun", "", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.report.office_name_th} · {self.report.period.label_th}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"หน้า {self.page_no()} / {{nb}}", align="R")

    def lines(self, text: str, width: float, *, balanced: bool = True) -> list[str]:
        """``text`` broken between words into lines no wider than ``width`` mm (current font)."""
        out: list[str] = []
        for paragraph in text.split("\n"):
            out.extend(wrap(paragraph, width * FIT, self.get_string_width, balanced=balanced) or [""])
        return out

    def paragraph(self, text: str, height: float, width: float | None = None, indent: float = 0) -> None:
        """Write ``text`` as lines broken between words (never by fpdf2 inside a Thai word)."""
        room = (width or self.epw) - indent
        for part in text.split("\n"):
            hang = 4.0 if part.startswith("– ") else 0.0  # a list item's lines align after its dash
            for n, line in enumerate(self.lines(part.removeprefix("– ") if hang else part, room - hang, balanced=False)):
                self.set_x(self.l_margin + indent + (hang if n or not hang else 0.0))
                self.cell(room, height, f"– {line}" if hang and not n else line, new_x="LMARGIN", new_y="NEXT")

    def output(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 (fpdf2's own)
        fix_text_layer(self.fonts)
        return super().output(*args, **kwargs)


def write_pdf(report: Report, path: Path, plan: StaffingPlan | None = None) -> None:
    """Write the report PDF to ``path`` (with the staffing page when given a ``plan``)."""
    register_words([report.office_name_th, *(r.name_th for r in report.figures.by_service), *(r.name for r in report.figures.by_staff)])
    pdf = ReportPDF(report)
    _cover_and_summary(pdf, report)
    _charts_page(pdf, report)
    if plan is not None:
        add_staffing_page(pdf, plan)
    pdf.add_page()
    for table in TABLES:
        if table.specialist:
            continue
        if table.key == "out_of_order":
            _fairness_section(pdf, report)
        if table is SATISFACTION:
            _satisfaction_heading(pdf, report)
        _table(pdf, report, table)
    _specialist_page(pdf, report)
    pdf.output(str(path))


def _cover_and_summary(pdf: ReportPDF, report: Report) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 6, style="F")
    pdf.set_y(14)
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Sarabun", "B", 20)
    pdf.cell(0, 11, "รายงานผลการให้บริการ ระบบบัตรคิว", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Sarabun", "B", 16)
    pdf.set_text_color(*INK)
    pdf.cell(0, 9, report.office_name_th, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Sarabun", "", 13)
    pdf.cell(0, 8, thai_digits(report.period.label_th), new_x="LMARGIN", new_y="NEXT", align="C")
    if report.period.range_th != report.period.label_th:
        pdf.set_font("Sarabun", "", 11)
        pdf.cell(0, 6, f"({report.period.range_th})", new_x="LMARGIN", new_y="NEXT", align="C")
    made = local(report.generated_at, report.timezone)
    pdf.set_font("Sarabun", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, f"จัดทำโดย {report.produced_by} เมื่อ {thai_date(made.date())} เวลา {thai_time(made)} · รายงานผลให้ผู้บริหารทราบ", new_x="LMARGIN", new_y="NEXT", align="C")
    head = report.chain_head
    pdf.set_font("Sarabun", "", 9)
    pdf.cell(0, 5, f"คำนวณจากบันทึกเหตุการณ์ถึงเหตุการณ์ที่ {head.events:,} (แฮช {head.hash})", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)

    boxes = headline(report)
    gap = 4
    width = (pdf.epw - 3 * gap) / 4
    top = pdf.get_y()
    for i, (label, value) in enumerate(boxes):
        x = pdf.l_margin + i * (width + gap)
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

    pdf.set_font("Sarabun", "B", 14)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, "บทสรุปสำหรับผู้บริหาร", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Sarabun", "", BODY_PT + 0.5)
    for sentence in sentences(report):
        y = pdf.get_y()
        pdf.set_fill_color(*ACCENT)
        pdf.ellipse(pdf.l_margin + 0.8, y + 2.4, 1.6, 1.6, style="F")
        pdf.paragraph(sentence, 6.2, indent=5)
        pdf.ln(1.2)
    pdf.ln(2)
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.paragraph(
        "ตัวเลขทั้งหมดคำนวณจากบันทึกเหตุการณ์ของระบบบัตรคิว ซึ่งแก้ไขย้อนหลังไม่ได้ ตรวจสอบได้ด้วยคำสั่ง khiw audit verify "
        "นิยามของตัวชี้วัดแต่ละตัวอยู่ในเอกสาร docs/metrics.md ตัวชี้วัดสำหรับผู้เชี่ยวชาญอยู่ในหน้าสุดท้าย",
        4.6,
    )


def nice_ticks(peak: float, count: int = 4) -> list[float]:
    """Round axis ticks from 0 to at least ``peak``: steps of 1, 2, 2.5 or 5 times a power of 10."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0  # counts: never a tick between whole numbers
    top = math.ceil(peak / step) * step
    return [i * step for i in range(int(round(top / step)) + 1)]


def _charts_page(pdf: ReportPDF, report: Report) -> None:
    charts = report.figures.charts
    pdf.add_page()
    _heading(pdf, "แผนภูมิ")
    arrivals = charts.arrivals_by_hour
    hours = [h for h, n in enumerate(arrivals) if n]
    if report.hours is not None:
        hours += list(report.hours)
    hours = hours or list(range(8, 17))
    span = list(range(min(hours), max(hours) + 1))
    _bars(pdf, "จำนวนบัตรคิวที่ออก แยกตามช่วงเวลาของวัน", [f"{h:02d}" for h in span], [arrivals[h] for h in span], BARS[0], "ช่วงเวลา (นาฬิกา)", "บัตรคิว (ใบ)")
    hist = charts.wait_histogram
    labels = [f"{b.from_min}–{b.to_min}" if b.to_min is not None else f"{b.from_min}+" for b in hist]
    _bars(pdf, "เวลารอเรียกคิว", labels, [b.tickets for b in hist], BARS[1], "เวลารอ (นาที)", "ผู้รับบริการ (ราย)")
    _compliance(pdf, report)


def _heading(pdf: ReportPDF, text: str, note: str | None = None) -> None:
    pdf.set_font("Sarabun", "B", 14)
    pdf.set_text_color(*ACCENT)
    pdf.paragraph(text, 8)
    if note:
        pdf.set_font("Sarabun", "", 9.5)
        pdf.set_text_color(*MUTED)
        pdf.paragraph(note, 4.8)
    pdf.set_text_color(*INK)
    pdf.ln(1.5)


def _bars(pdf: ReportPDF, title: str, labels: list[str], values: Sequence[float], color: tuple[int, int, int], x_title: str, y_title: str, height: float = 58) -> None:
    """A vertical bar chart with round ticks, axis titles and a value on each bar."""
    pdf.set_font("Sarabun", "B", 12)
    pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    ticks = nice_ticks(max(values, default=0))
    top_value = ticks[-1]
    left, top = pdf.l_margin + 16, pdf.get_y() + 6
    width = pdf.epw - 16
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(pdf.l_margin, top - 6)
    pdf.cell(40, 4, y_title)
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    for tick in ticks:
        y = top + height - height * tick / top_value
        pdf.line(left, y, left + width, y)
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.cell(14, 4, f"{tick:,.0f}", align="R")
    slot = width / max(len(values), 1)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = height * value / top_value
        if h > 0:
            pdf.set_fill_color(*color)
            pdf.rect(left + i * slot + slot * 0.15, top + height - h, slot * 0.7, h, style="F")
        pdf.set_text_color(*INK)
        pdf.set_font("Sarabun", "", 8.5)
        if value:
            pdf.set_xy(left + i * slot, top + height - h - 4.5)
            pdf.cell(slot, 4, f"{value:,.0f}", align="C")
        pdf.set_font("Sarabun", "", 9)
        pdf.set_xy(left + i * slot, top + height + 1)
        pdf.cell(slot, 4, label, align="C")
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(left, top + height + 5.5)
    pdf.cell(width, 4, x_title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(4)


def _compliance(pdf: ReportPDF, report: Report) -> None:
    """Horizontal bars per service: within the standard time, and waits within the target."""
    rows = [r for r in report.figures.by_service if r.issued]
    pdf.set_font("Sarabun", "B", 12)
    pdf.cell(0, 7, "ทันเวลามาตรฐาน และรอไม่เกินเป้าหมาย แยกตามงานบริการ (ร้อยละ)", new_x="LMARGIN", new_y="NEXT")
    label_w = 60
    bar_w = pdf.epw - label_w - 14
    for color, text in ((BARS[0], "ให้บริการทันเวลามาตรฐาน"), (BARS[2], f"รอไม่เกิน {report.wait_target_minutes} นาที")):
        pdf.set_fill_color(*color)
        pdf.rect(pdf.get_x(), pdf.get_y() + 1.4, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        pdf.set_font("Sarabun", "", 9.5)
        pdf.cell(58, 6, text)
    pdf.ln(7)
    for r in rows:
        pdf.set_font("Sarabun", "", 10)
        lines = pdf.lines(r.name_th, label_w - 2)
        y = pdf.get_y()
        if y + max(10, 5 * len(lines)) > pdf.h - pdf.b_margin:
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_text_color(*INK)
        for n, line in enumerate(lines):
            pdf.set_xy(pdf.l_margin, y + n * 4.6)
            pdf.cell(label_w, 4.6, line)
        for j, (share, color) in enumerate(((r.standard_met, BARS[0]), (r.wait_within_target, BARS[2]))):
            by = y + j * 4.4
            pdf.set_fill_color(*GRID)
            pdf.rect(pdf.l_margin + label_w, by + 0.6, bar_w, 3.4, style="F")
            if share:
                pdf.set_fill_color(*color)
                pdf.rect(pdf.l_margin + label_w, by + 0.6, bar_w * share, 3.4, style="F")
            pdf.set_font("Sarabun", "", 9)
            pdf.set_xy(pdf.l_margin + label_w + bar_w + 1, by)
            pdf.cell(13, 4.4, "–" if share is None else f"{100 * share:.0f}%")
        pdf.set_y(y + max(10.5, 4.6 * len(lines) + 1.5))
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.set_x(pdf.l_margin + label_w)
    pdf.cell(bar_w, 4, "0%", align="L")
    pdf.set_x(pdf.l_margin + label_w)
    pdf.cell(bar_w, 4, "100%", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _fairness_section(pdf: ReportPDF, report: Report) -> None:
    """Overtakes by category: the office's own rules, and calls out of the engine's order."""
    o = report.figures.fairness.overtakes
    _room(pdf, 50)
    _heading(pdf, "ความเป็นธรรมของลำดับคิว")
    rows = [
        ["การเรียกคิวทั้งหมด", f"{o.calls:,} ครั้ง", "–"],
        ["เรียกก่อนตามกติกาช่องทางพิเศษ (ผู้สูงอายุ ผู้พิการ สตรีมีครรภ์ และผู้ที่รอเกินเวลาสูงสุด)", f"{o.by_rule_calls:,} ครั้ง", f"{o.by_rule:,} คิว"],
        ["เรียกคิวนอกลำดับ พร้อมเหตุผล", f"{o.out_of_order_calls:,} ครั้ง", f"{o.out_of_order:,} คิว"],
    ]
    _grid(pdf, ["ประเภทการเรียกคิว", "จำนวนครั้ง", "ผู้ที่รออยู่ก่อนซึ่งถูกข้าม"], ["text", "int", "int"], rows, (5.0, 1.6, 2.2))
    pdf.ln(3)


def _satisfaction_heading(pdf: ReportPDF, report: Report) -> None:
    """The satisfaction section starts a page, headed by its summary sentence (the ITA form)."""
    pdf.add_page()
    _heading(pdf, "ผลการประเมินความพึงพอใจของผู้รับบริการ")
    pdf.set_font("Sarabun", "", BODY_PT)
    pdf.paragraph(satisfaction_sentence(report), 5.6)
    pdf.ln(3)


def _room(pdf: ReportPDF, needed: float) -> None:
    """A new page unless ``needed`` mm are left on this one (a heading never ends a page)."""
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()


def _table(pdf: ReportPDF, report: Report, table: Table) -> None:
    rows = cells(table, report.figures, report.hours)
    _room(pdf, 40)
    _heading(pdf, table.title_th, NOTES.get(table.key))
    if not rows:
        pdf.set_font("Sarabun", "", BODY_PT)
        pdf.cell(0, 7, "ไม่มีข้อมูลในช่วงเวลานี้", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        return
    weights = WEIGHTS.get(table.key) or tuple({"text": 3.2, "code": 1.3}.get(c.kind, 1.25) for c in table.columns)
    _grid(pdf, [c.th for c in table.columns], [c.kind for c in table.columns], rows, weights)
    pdf.ln(4)


def _grid(pdf: ReportPDF, headers: list[str], kinds: list[str], rows: list[list[str]], weights: Sequence[float]) -> None:
    """A table at TABLE_PT whose every cell is broken into lines between words beforehand."""
    total = sum(weights)
    pad = 1.0
    widths = [pdf.epw * w / total - 2 * pad - 0.6 for w in weights]
    pdf.set_font("Sarabun", "B", TABLE_PT)
    heads = ["\n".join(pdf.lines(h, w)) for h, w in zip(headers, widths, strict=True)]
    pdf.set_font("Sarabun", "", TABLE_PT)
    align: Any = tuple("LEFT" if k in ("text", "code") else "RIGHT" for k in kinds)
    pdf.set_fill_color(*STRIPE)  # fpdf2 fills striped rows with the current fill colour
    with pdf.table(
        col_widths=tuple(weights),
        text_align=align,
        line_height=TABLE_PT * 0.48,
        headings_style=FontFace(family="Sarabun", emphasis="BOLD", size_pt=TABLE_PT, color=(255, 255, 255), fill_color=ACCENT),
        cell_fill_color=STRIPE,
        cell_fill_mode=TableCellFillMode.ROWS,
        padding=(0.8, pad),
        repeat_headings=1,
    ) as grid:
        head = grid.row()
        for text in heads:
            head.cell(text, align="CENTER")
        for values in rows:
            row = grid.row()
            for value, width in zip(values, widths, strict=True):
                row.cell("\n".join(pdf.lines(value, width)))


def _specialist_page(pdf: ReportPDF, report: Report) -> None:
    """The specialist measures, each with its value and one plain sentence, then RAQFM."""
    fair = report.figures.fairness
    t = report.figures.totals
    values = {
        "เวลารอ P90": "–" if t.wait_s.p90 is None else f"{minutes(t.wait_s.p90):,.1f} นาที",
        "ดัชนีความเท่าเทียมของ Jain": "–" if fair.jain_citizens is None else f"{fair.jain_citizens:.2f}",
        "สัมประสิทธิ์จีนีของเวลารอ": "–" if fair.gini_wait is None else f"{fair.gini_wait:.2f}",
    }
    pdf.add_page()
    _heading(pdf, "ตัวชี้วัดสำหรับผู้เชี่ยวชาญ", "คำอธิบายอย่างละเอียดและสูตรคำนวณอยู่ในเอกสาร docs/metrics.md")
    for name, sentence in SPECIALIST:
        pdf.set_font("Sarabun", "B", BODY_PT + 0.5)
        pdf.paragraph(f"{name}: {values.get(name, 'ดูตารางด้านล่าง')}", 6.4)
        pdf.set_font("Sarabun", "", BODY_PT)
        pdf.paragraph(sentence, 5.6, indent=4)
        pdf.ln(2)
    pdf.ln(2)
    _table(pdf, report, RAQFM)
