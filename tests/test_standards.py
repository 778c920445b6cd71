"""``khiw report standards``: the services' steps and standard times on A4 for the notice board."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from khiw.cli.main import main
from khiw.config import load_config
from khiw.db import Database
from khiw.engine.setup import apply_config
from tests.fixtures import EXAMPLE, MORNING


def test_the_chart_has_every_service_with_its_steps_standard_and_unit(office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office.run(apply_config, load_config(EXAMPLE), now=MORNING)  # the sample, with its published fields
    out = tmp_path / "standards.pdf"
    url = office.url.render_as_string(hide_password=False)
    assert main(["--db", url, "report", "standards", "--out", str(out)]) == 0
    assert "6 services" in capsys.readouterr().out
    reader = PdfReader(out)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)
    # pypdf leaves a control character inside some shaped clusters (ำ): drop them as a reader would.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\u200b]", "", "".join(page.extract_text() for page in reader.pages))
    assert "แผนผังแสดงขั้นตอนและระยะเวลาการให้บริการ" in text and "องค์การบริหารส่วนตำบลท่าสะอ้าน" in text
    for name in ("ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "งานทะเบียนราษฎร", "ขออนุญาตก่อสร้างอาคาร", "ติดต่อสอบถามทั่วไป"):
        assert name in text
    assert "มาตรฐาน 30 นาที" in text and "กองช่าง" in text and "สมุดบัญชีเงินฝากธนาคาร" in text
    assert "เวลารับบัตรคิว 08:30–15:00 น." in text  # building permits close early


def test_a_period_is_still_required_for_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", f"sqlite:///{tmp_path / 'k.db'}", "report", "--out", str(tmp_path / "r.pdf")]) == 2
    assert "--period is required" in capsys.readouterr().err
