"""The standards chart for the notice board: each service's steps, standard time and who serves it.

ITA asks every office to publish a chart of its services' steps and standard times with the
responsible unit (แผนผังแสดงขั้นตอนและระยะเวลาการให้บริการ) through several channels; the web
station's public page is one, this A4 PDF for the notice board another. Both read the same
published fields (``[[services]]`` in ``khiw.toml``) through :func:`khiw.engine.public.public_office`.
Drawn in the report PDF's style: Sarabun, HarfBuzz-shaped Thai, the same colours.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from khiw.engine.public import PublicOffice, PublishedService
from khiw.fonts import sarabun
from khiw.linebreak import wrap
from khiw.reports.pdf import ACCENT, FIT, GRID, INK, MUTED
from khiw.reports.pdf_text import fix_text_layer
from khiw.thaidate import thai_date

STEP_GAP = 7.0  # mm between two step boxes, room for the arrow
STEPS_PER_ROW = 4


class StandardsPDF(FPDF):
    """A4 portrait with Sarabun, Thai shaping and a footer naming the office."""

    def __init__(self, office: PublicOffice) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.office = office
        for style, weight in (("", 400), ("B", 700)):
            self.add_font("Sarabun", style, str(sarabun(weight)))
        self.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
        self.set_auto_page_break(auto=True, margin=14)
        self.set_margins(14, 12, 14)
        self.alias_nb_pages()
        self.set_title(f"แผนผังแสดงขั้นตอนและระยะเวลาการให้บริการ {office.name_th}")
        self.set_author(office.name_th)
        self.set_creator("Khiw (คิว)")
        self.set_lang("th")

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("Sarabun", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.office.name_th} · ณ วันที่ {thai_date(self.office.now_local.date())} · หน้า {self.page_no()}/{{nb}}", align="C")

    def lines(self, text: str, width: float) -> str:
        """``text`` broken between Thai words to fit ``width`` mm in the current font, one line
        per row (the text layer keeps the words whole: no zero-width spaces)."""
        return "\n".join(wrap(text, width * FIT, self.get_string_width, balanced=False))

    def output(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 (fpdf2's own)
        fix_text_layer(self.fonts)
        return super().output(*args, **kwargs)


def write_standards_pdf(office: PublicOffice, path: Path, *, printed: datetime | None = None) -> None:
    """Write the standards chart of ``office`` (from :func:`public_office`) to ``path``."""
    pdf = StandardsPDF(office)
    pdf.add_page()
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Sarabun", "B", 17)
    pdf.cell(0, 9, "แผนผังแสดงขั้นตอนและระยะเวลาการให้บริการ", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "B", 13)
    pdf.set_text_color(*INK)
    pdf.cell(0, 7, office.name_th, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 9.5)
    pdf.set_text_color(*MUTED)
    hours = f"เวลาทำการ {office.opens}–{office.closes} น. · " if office.opens and office.closes else ""
    pdf.cell(0, 5, f"{hours}รับบัตรคิวที่ตู้ แล้วรอเรียกตามหมายเลข · ติดตามคิวและประเมินความพึงพอใจได้ทาง QR Code บนบัตรคิว", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for service in office.services:
        _service(pdf, service)
    pdf.output(str(path))


def _service(pdf: StandardsPDF, svc: PublishedService) -> None:
    office = pdf.office
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(*ACCENT)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Sarabun", "B", 12)
    pdf.cell(pdf.epw - 52, 8, f"  {svc.prefix}   {svc.name_th}", fill=True)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*ACCENT)
    pdf.set_text_color(*ACCENT)
    pdf.cell(52, 8, f"มาตรฐาน {svc.standard_minutes} นาที", border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    if svc.name_en:
        pdf.set_font("Sarabun", "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, f"{svc.name_en} · standard time {svc.standard_minutes} min", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    if svc.steps_th:
        _steps(pdf, svc.steps_th)
    pdf.set_text_color(*INK)
    for label, value in (
        ("เอกสารที่ต้องใช้", " · ".join(svc.documents_th)),
        ("ค่าธรรมเนียม", svc.fee_th),
        ("เวลารับบัตรคิว", f"{svc.opens or office.opens or ''}–{svc.closes or office.closes or ''} น." if svc.opens or svc.closes else ""),
        ("ผู้รับผิดชอบ", " · ".join(filter(None, [svc.unit_th, "ช่องบริการ " + ", ".join(map(str, svc.counters)) if svc.counters else ""]))),
    ):
        if value:
            pdf.set_font("Sarabun", "B", 9.5)
            pdf.cell(30, 5.5, label)
            pdf.set_font("Sarabun", "", 9.5)
            pdf.multi_cell(0, 5.5, pdf.lines(value, pdf.epw - 30), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*GRID)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.l_margin + pdf.epw, pdf.get_y() + 2)
    pdf.set_y(max(pdf.get_y() + 5, top + 20))


def _steps(pdf: StandardsPDF, steps: tuple[str, ...]) -> None:
    """Numbered boxes joined by arrows, up to four a row."""
    for start in range(0, len(steps), STEPS_PER_ROW):
        row = steps[start : start + STEPS_PER_ROW]
        width = (pdf.epw - STEP_GAP * (STEPS_PER_ROW - 1)) / STEPS_PER_ROW
        pdf.set_font("Sarabun", "", 9)
        texts = [pdf.lines(f"{start + i + 1}. {text}", width - 3) for i, text in enumerate(row)]
        height = max(pdf.multi_cell(width - 3, 4.6, t, dry_run=True, output="HEIGHT") for t in texts) + 3
        y = pdf.get_y()
        for i, text in enumerate(texts):
            x = pdf.l_margin + i * (width + STEP_GAP)
            pdf.set_fill_color(232, 240, 250)
            pdf.set_draw_color(*ACCENT)
            pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=1.5)
            pdf.set_xy(x + 1.5, y + 1.5)
            pdf.set_text_color(*INK)
            pdf.multi_cell(width - 3, 4.6, text)
            if start + i + 1 < len(steps) and i + 1 < STEPS_PER_ROW:
                ax, ay = x + width + 1, y + height / 2
                pdf.set_draw_color(*ACCENT)
                pdf.set_fill_color(*ACCENT)
                pdf.set_line_width(0.5)
                pdf.line(ax, ay, ax + STEP_GAP - 2.5, ay)
                pdf.polygon([(ax + STEP_GAP - 2, ay), (ax + STEP_GAP - 3.6, ay - 1.2), (ax + STEP_GAP - 3.6, ay + 1.2)], style="F")
                pdf.set_line_width(0.2)
        pdf.set_y(y + height + 2)
