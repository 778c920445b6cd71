"""The PDF report's staffing page: busiest hours, counters open, counters the planner recommends.

A landscape page added to any fpdf2 document that has the Sarabun font registered (regular
and bold): the report's own (``khiw.reports.pdf``), when it is given a plan. The heat-map
table has a row per weekday and a column per hour; each cell reads "recommended / open"
and is shaded by how many counters are recommended, with a red edge where the office had
fewer open than needed. Kept apart from pdf.py so that the report's pages and this one
change independently.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from khiw.plan.model import SLOT_MINUTES
from khiw.plan.result import StaffingPlan, Waits

INK = (33, 33, 33)
MUTED = (97, 97, 97)
ACCENT = (31, 78, 121)
SHORT = (198, 40, 40)
COOL, HOT = (255, 248, 225), (239, 108, 0)  # fewest … most counters recommended
TOP = 6  # busiest hours listed


def add_staffing_page(pdf: FPDF, plan: StaffingPlan) -> None:
    """Append the staffing page for ``plan`` to ``pdf``."""
    pdf.add_page(orientation="L")
    pdf.set_font("Sarabun", "B", 14)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 8, "การวางแผนกำลังคน: จำนวนช่องบริการที่ควรเปิด", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*MUTED)
    what_if = "" if plan.scenario.is_baseline else f" · สถานการณ์สมมติ: ผู้รับบริการ ×{plan.scenario.arrivals_scale:g}"
    pdf.multi_cell(
        0,
        4.5,
        f"จากข้อมูลการให้บริการจริง {plan.period_label_th} · เป้าหมาย: ผู้รับบริการอย่างน้อย {plan.target:.0%} รอไม่เกิน "
        f"{plan.wait_minutes:g} นาที ในทุกช่วงครึ่งชั่วโมง · จำลองการให้บริการด้วยลำดับการเรียกคิวจริงของระบบ "
        f"{plan.replications} วันต่อวันทำการ ช่วงตัวเลขในวงเล็บคือเปอร์เซ็นไทล์ที่ 10–90{what_if}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    _heat_map(pdf, plan)
    pdf.ln(3)
    _busiest(pdf, plan)
    pdf.ln(3)
    _days(pdf, plan)


def _plain(pdf: FPDF) -> None:
    """Body text, and no fill: fpdf2 tables fill with the current fill colour."""
    pdf.set_font("Sarabun", "", 9)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(255, 255, 255)


def _shade(value: int, peak: int) -> tuple[int, int, int]:
    t = value / peak if peak else 0.0
    return tuple(round(c + (h - c) * t) for c, h in zip(COOL, HOT, strict=True))  # type: ignore[return-value]


def _heat_map(pdf: FPDF, plan: StaffingPlan) -> None:
    hours = [h.hour for h in plan.days[0].by_hour()] if plan.days else []
    peak = max((s.recommended for d in plan.days for s in d.slots), default=0)
    pdf.set_font("Sarabun", "B", 11)
    pdf.set_text_color(*INK)
    pdf.cell(0, 6, "จำนวนช่องบริการ แนะนำ / เปิดจริง (เฉลี่ย) แยกตามวันและชั่วโมง", new_x="LMARGIN", new_y="NEXT")
    head = FontFace(family="Sarabun", emphasis="BOLD", size_pt=9, color=(255, 255, 255), fill_color=ACCENT)
    _plain(pdf)
    with pdf.table(
        col_widths=(1.6, *([1.0] * len(hours))),
        text_align=("LEFT", *(["CENTER"] * len(hours))),
        line_height=5.5,
        headings_style=head,
        padding=(0.8, 0.6),
    ) as grid:
        row = grid.row()
        row.cell("วัน \\ เวลา")
        for h in plan.days[0].by_hour():
            row.cell(h.label)
        for day in plan.days:
            row = grid.row()
            row.cell(f"{day.name_th} ({day.days_observed} วัน)")
            for h in day.by_hour():
                if h.arrivals == 0 and h.recommended == 0:
                    row.cell("–", style=FontFace(color=MUTED))
                    continue
                style = FontFace(emphasis="BOLD" if h.short else None, color=SHORT if h.short else INK, fill_color=_shade(h.recommended, peak))
                row.cell(f"{h.recommended} / {h.counters_open:.1f}", style=style)
    pdf.set_font("Sarabun", "", 8)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        4,
        f"ช่องบริการที่แนะนำเป็นค่าสูงสุดของสองช่วงครึ่งชั่วโมงในชั่วโมงนั้น; สีเข้มขึ้นเมื่อต้องเปิดช่องมากขึ้น; "
        f"ตัวเลขสีแดงตัวหนา = เปิดจริงน้อยกว่าที่แนะนำ (ช่วงละ {SLOT_MINUTES} นาที)",
        new_x="LMARGIN",
        new_y="NEXT",
    )


def _busiest(pdf: FPDF, plan: StaffingPlan) -> None:
    rows = sorted(((d, h) for d in plan.days for h in d.by_hour()), key=lambda r: -r[1].arrivals)
    pdf.set_font("Sarabun", "B", 11)
    pdf.set_text_color(*INK)
    pdf.cell(0, 6, "ช่วงเวลาที่มีผู้รับบริการมากที่สุด", new_x="LMARGIN", new_y="NEXT")
    head = FontFace(family="Sarabun", emphasis="BOLD", size_pt=9, color=(255, 255, 255), fill_color=ACCENT)
    _plain(pdf)
    with pdf.table(col_widths=(2, 2, 2, 2, 2), text_align=("LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT"), line_height=5, headings_style=head, width=pdf.epw * 0.7, align="LEFT") as grid:
        row = grid.row()
        for text in ("วัน", "เวลา", "ผู้รับบริการเฉลี่ย (คน/ชม.)", "ช่องที่เปิดจริง (เฉลี่ย)", "ช่องที่แนะนำ"):
            row.cell(text)
        for day, h in rows[:TOP]:
            row = grid.row()
            for text in (day.name_th, h.label, f"{h.arrivals:.1f}", f"{h.counters_open:.1f}", str(h.recommended)):
                row.cell(text)


def _days(pdf: FPDF, plan: StaffingPlan) -> None:
    pdf.set_font("Sarabun", "B", 11)
    pdf.set_text_color(*INK)
    pdf.cell(0, 6, "เวลารอที่คาดว่าจะเกิดขึ้น (นาที)", new_x="LMARGIN", new_y="NEXT")
    head = FontFace(family="Sarabun", emphasis="BOLD", size_pt=9, color=(255, 255, 255), fill_color=ACCENT)
    label = "เปิดจริง" if plan.evaluated_is_history else "สถานการณ์สมมติ"
    _plain(pdf)
    with pdf.table(col_widths=(1.4, 1.6, 2.4, 2.4, 1.6, 2.4), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"), line_height=5, headings_style=head) as grid:
        row = grid.row()
        for text in ("วัน", f"ชั่วโมง-ช่อง {label}", f"รอไม่เกิน {plan.wait_minutes:g} นาที ({label})", f"มัธยฐาน / P90 ({label})", "ชั่วโมง-ช่อง แนะนำ", "มัธยฐาน / P90 (แนะนำ)"):
            row.cell(text)
        for day in plan.days:
            row = grid.row()
            e, r = day.evaluated, day.recommended
            row.cell(day.name_th)
            row.cell(f"{day.counter_hours_evaluated:g}")
            row.cell(f"{e.within.value:.0%} ({e.within.low:.0%}–{e.within.high:.0%})" if e else "–")
            row.cell(_pair(e) if e else "–")
            row.cell(f"{day.counter_hours_recommended:g}")
            row.cell(_pair(r))


def _pair(w: Waits) -> str:
    m, p = w.median_minutes, w.p90_minutes
    return f"{m.value:.0f} ({m.low:.0f}–{m.high:.0f}) / {p.value:.0f} ({p.low:.0f}–{p.high:.0f})"
