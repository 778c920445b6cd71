"""The report's satisfaction section in the ITA form, from answers written by the engine.

Four tickets served in one morning, three answered through ``answer_survey``; every figure
below is worked out by hand. Runs on SQLite and on PostgreSQL (the ``office`` fixture).
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from khiw.db import Database
from khiw.engine import SurveyDimension, call_next, finish, issue, lookup, open_counter, start
from khiw.engine.survey import answer_survey
from khiw.reports.data import Report, make_report
from khiw.reports.export import export
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)
P, S, F, O = SurveyDimension.PROCESS, SurveyDimension.STAFF, SurveyDimension.FACILITIES, SurveyDimension.OUTCOME

# (service, counter, staff, answers process/staff/facilities/outcome or None, comment)
VISITS = (
    ("TAX", 1, "somchai", (5, 5, 4, 5), "เจ้าหน้าที่ใจดีมาก"),
    ("TAX", 1, "somchai", (4, 4, 3, 4), ""),
    ("REG", 2, "malee", (3, 4, 2, 3), "ที่จอดรถไม่พอ"),
    ("REG", 2, "malee", None, ""),
)


@pytest.fixture
def report(office: Database) -> Report:
    staff = {name: office.query(lambda s, n=name: lookup.staff(s, n).id) for name in ("somchai", "malee")}
    office.run(open_counter, counter=1, actor=staff["somchai"], now=MORNING)
    office.run(open_counter, counter=2, actor=staff["malee"], now=MORNING)
    for n, (service, counter, who, answers, comment) in enumerate(VISITS):
        at = MORNING + 10 * n * MINUTE
        ticket = office.run(issue, service=service, now=at).ticket
        assert office.run(call_next, counter=counter, actor=staff[who], now=at + MINUTE).ticket.id == ticket.id
        office.run(start, ticket=ticket.id, actor=staff[who], now=at + 2 * MINUTE)
        office.run(finish, ticket=ticket.id, actor=staff[who], now=at + 5 * MINUTE)
        if answers:
            dims = dict(zip((P, S, F, O), answers, strict=True))
            office.run(answer_survey, ticket_id=ticket.id, token=ticket.token, answers=dims, comment=comment, now=at + 6 * MINUTE)
    return make_report(office, period="2026-11-20", now=MORNING + timedelta(hours=8))


class TestFigures:
    def test_respondents_and_the_rate_per_served_ticket(self, report: Report) -> None:
        s = report.figures.satisfaction
        assert (s.respondents, s.served, s.response_rate) == (3, 4, 0.75)

    def test_each_dimension_and_overall(self, report: Report) -> None:
        total = report.figures.satisfaction.total
        assert total is not None
        got = {dim: (m.mean, m.sd, m.percent, m.level.name_th) for dim, m in total.dimensions if m}
        assert got == {
            P: (4.0, 1.0, 80.0, "มาก"),  # 5 4 3
            S: (pytest.approx(13 / 3), pytest.approx((1 / 3) ** 0.5), pytest.approx(260 / 3), "มากที่สุด"),  # 5 4 4
            F: (3.0, 1.0, 60.0, "ปานกลาง"),  # 4 3 2
            O: (4.0, 1.0, 80.0, "มาก"),  # 5 4 3
        }
        # Twelve item answers summing to 46, squares to 186: S.D. = √((186 − 46²/12) / 11).
        o = total.overall
        assert (o.n, o.mean, o.sd, o.level.name_th) == (12, pytest.approx(46 / 12), pytest.approx(((186 - 46**2 / 12) / 11) ** 0.5), "มาก")

    def test_by_service_counter_and_staff_member(self, report: Report) -> None:
        s = report.figures.satisfaction
        # TAX: 5 5 4 5 4 4 3 4 = 34 / 8 = 4.25 (มากที่สุด); REG: 3 4 2 3 = 12 / 4 = 3.00 (ปานกลาง)
        assert [(g.key, g.respondents, g.overall.mean, g.overall.level.name_th) for g in s.by_service] == [("REG", 1, 3.0, "ปานกลาง"), ("TAX", 2, 4.25, "มากที่สุด")]
        assert [(g.label, g.overall.mean) for g in s.by_counter] == [("ช่องบริการ 1", 4.25), ("ช่องบริการ 2", 3.0)]
        assert sorted((g.label, g.overall.mean) for g in s.by_staff) == [("มาลี ศรีสุข", 3.0), ("สมชาย ใจดี", 4.25)]
        assert [c.text for c in s.comments] == ["เจ้าหน้าที่ใจดีมาก", "ที่จอดรถไม่พอ"]


def unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


class TestFiles:
    def test_the_pdf_shows_the_ita_figures_and_level_words(self, office: Database, report: Report, tmp_path: Path) -> None:
        out = tmp_path / "report.pdf"
        with office.read() as session:
            export(session, report=report, fmt="pdf", out=out)
        pages = [page.extract_text() or "" for page in PdfReader(out).pages]
        first = next(n for n, p in enumerate(pages) if "ผลการประเมินความพึงพอใจของผู้รับบริการ" in p)
        page = re.sub(r"\s+", " ", " ".join(pages[first:]))  # the section, which may run onto a second page
        sentence = "ผู้ตอบแบบประเมินความพึงพอใจ 3 ราย (ร้อยละ 75.0 ของผู้ได้รับบริการเสร็จสิ้น 4 ราย) ความพึงพอใจภาพรวมเฉลี่ย 3.83 จาก 5 คะแนน (ร้อยละ 76.7) อยู่ในระดับมาก"
        # The sentence heads the section and is in the summary on page 1 (lines break between words).
        assert unspaced(sentence) in unspaced(pages[first]) and unspaced(sentence) in unspaced(pages[0])
        # Per dimension: n, x̄, S.D., %, level; overall pools the twelve items.
        assert "ด้านสิ่งอำนวยความสะดวก 3 3.00 1.00 60.0% ปานกลาง" in page
        assert "ภาพรวม 12 3.83 0.94 76.7% มาก" in page
        for words in ("มากที่สุด", "สมชาย ใจดี", "มาลี ศรีสุข", "งานทะเบียนราษฎร", "4.25", "เจ้าหน้าที่ใจดีมาก", "ที่จอดรถไม่พอ"):
            assert words in page

    def test_the_workbook_cells_are_numbers(self, office: Database, report: Report, tmp_path: Path) -> None:
        out = tmp_path / "report.xlsx"
        with office.read() as session:
            export(session, report=report, fmt="xlsx", out=out)
        book = load_workbook(out)
        rows = {r[0]: r for r in book["ความพึงพอใจ"].iter_rows(min_row=2, values_only=True)}
        assert rows["ภาพรวม"][1:5] == (12, pytest.approx(46 / 12), pytest.approx(0.93744, abs=1e-5), pytest.approx(46 / 60))
        assert rows["ภาพรวม"][5] == "มาก"
        by_staff = {r[0]: r for r in book["พึงพอใจ เจ้าหน้าที่"].iter_rows(min_row=2, values_only=True)}
        assert by_staff["สมชาย ใจดี"][1] == 2 and by_staff["สมชาย ใจดี"][6] == pytest.approx(4.25)
        assert all(isinstance(v, int | float) for v in by_staff["สมชาย ใจดี"][1:7])
        summary = {r[0]: r[1] for r in book["สรุป"].iter_rows(values_only=True) if r and r[0]}
        assert summary["อัตราการตอบแบบประเมิน (ต่อผู้ได้รับบริการเสร็จสิ้น)"] == 0.75

    def test_the_json_has_them(self, report: Report) -> None:
        sat = json.loads(json.dumps(report.to_json(), ensure_ascii=False))["satisfaction"]
        assert (sat["respondents"], sat["served"], sat["response_rate"]) == (3, 4, 0.75)
        assert sat["total"]["overall"]["level"] == "high" and sat["total"]["overall"]["mean"] == pytest.approx(46 / 12)
        assert sat["total"]["dimensions"][2] == ["facilities", {"n": 3, "mean": 3.0, "sd": 1.0, "percent": 60.0, "level": "moderate"}]
        assert [c["text"] for c in sat["comments"]] == ["เจ้าหน้าที่ใจดีมาก", "ที่จอดรถไม่พอ"]
