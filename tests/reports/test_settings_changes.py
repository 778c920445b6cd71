"""The report lists what the supervisor changed in the admin tab during the period (#17)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from khiw.db import Database
from khiw.engine.admin import update_service
from khiw.models import Staff
from khiw.reports.data import make_report
from khiw.reports.pdf import write_pdf
from tests.fixtures import MORNING


def test_a_changed_standard_time_is_listed_with_who_old_and_new(office: Database, tmp_path: Path) -> None:
    boss = office.query(lambda s: s.execute(select(Staff.id).where(Staff.username == "wanida")).scalar_one())
    office.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": 15}, was={"standard_minutes": 10}, now=MORNING)
    report = make_report(office, period=MORNING.date().isoformat(), now=MORNING.replace(hour=23))
    (change,) = report.figures.settings_changes
    assert (change.staff_name, change.section, change.key, change.field, change.old, change.new) == (
        "วนิดา รักงาน",
        "services",
        "TAX",
        "standard_minutes",
        "10",
        "15",
    )
    assert report.to_json()["settings_changes"][0]["new"] == "15"
    pdf = tmp_path / "r.pdf"
    write_pdf(report, pdf)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "การเปลี่ยนแปลงการตั้งค่าของสำนักงานในช่วงนี้" in text
    assert "วนิดา รักงาน" in text and "เวลามาตรฐาน (นาที)" in text


def test_a_period_without_changes_has_none(office: Database) -> None:
    assert make_report(office, period=MORNING.date().isoformat(), now=MORNING.replace(hour=23)).figures.settings_changes == ()
