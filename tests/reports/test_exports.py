"""The report files: ``khiw report`` as JSON, PDF, XLSX and CSV, checked against each other."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from khiw.cli.main import main
from khiw.db import Database
from tests.fixtures import new_database, with_office
from tests.reports import scenario


@pytest.fixture(scope="module")
def office_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hand-built day in a SQLite file (the figures' tests cover PostgreSQL)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'khiw.db'}"
    db = with_office(new_database(url))
    scenario.build(db)
    db.dispose()
    return url


def report(url: str, out: Path, fmt: str | None = None) -> None:
    args = ["--db", url, "report", "--period", "2569-11-20", "--out", str(out)]
    assert main(args + (["--format", fmt] if fmt else [])) == 0


@pytest.fixture(scope="module")
def figures(office_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("json") / "report.json"
    report(office_url, out)
    return json.loads(out.read_text(encoding="utf-8"))


def pdf_text(path: Path) -> str:
    """The PDF's text with the zero-width break hints removed and whitespace collapsed."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text.replace("\u200b", ""))


class TestJson:
    def test_has_every_section(self, figures: dict[str, Any]) -> None:
        assert figures["period"] == {
            "code": "2026-11-20", "first_day": "2026-11-20", "last_day": "2026-11-20",
            "label_th": "20 พฤศจิกายน 2569", "label_en": "2026-11-20",
        }
        for key in ("totals", "by_service", "by_counter", "by_staff", "by_hour", "by_weekday", "by_priority", "fairness", "satisfaction", "charts"):
            assert key in figures
        assert figures["totals"]["issued"] == 7

    def test_unknown_period_is_a_usage_error(self, office_url: str, tmp_path: Path) -> None:
        assert main(["--db", office_url, "report", "--period", "soon", "--out", str(tmp_path / "x.json")]) == 2


@pytest.fixture(scope="module")
def pdf(office_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    report(office_url, out)
    return out


class TestPdf:
    def test_is_a4_with_summary_charts_and_tables(self, pdf: Path) -> None:
        pages = PdfReader(pdf).pages
        assert len(pages) == 11
        width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 portrait, points
        assert round(float(pages[2].mediabox.width)) == 842  # tables on landscape pages

    def test_thai_text_is_extractable(self, pdf: Path) -> None:
        text = pdf_text(pdf)
        for phrase in ("รายงานผลการให้บริการ ระบบบัตรคิว", "องค์การบริหารส่วน", "20 พฤศจิกายน 2569", "บัตรคิวที่ออกทั้งหมด", "ผู้พิการ"):
            assert phrase in text, phrase

    def test_summary_figures_match_the_json(self, pdf: Path, figures: dict[str, Any]) -> None:
        t = figures["totals"]
        summary = pdf_text(pdf).split("แผนภูมิ")[0]
        assert f"บัตรคิวที่ออกทั้งหมด {t['issued']}" in summary
        assert f"ให้บริการเสร็จสิ้น {t['served']}" in summary
        assert f"{t['wait_s']['median'] / 60:.1f} นาที / {t['wait_s']['mean'] / 60:.1f} นาที / {t['wait_s']['p90'] / 60:.1f} นาที" in summary
        assert f"{100 * t['standard_met']:.1f}%" in summary
        unjustified = figures["fairness"]["overtakes"]["unjustified"]
        assert f"{unjustified} ครั้ง จากการเรียกคิว {figures['fairness']['overtakes']['calls']} ครั้ง" in summary

    def test_service_table_rows_match_the_json(self, pdf: Path, figures: dict[str, Any]) -> None:
        text = pdf_text(pdf)
        tax = next(r for r in figures["by_service"] if r["service"] == "TAX")
        assert f"{tax['standard_minutes']} {tax['issued']} {tax['served']} {tax['no_show']} {tax['transferred']}" in text
        assert "นัดหมาย" in text  # the out-of-order call and its reason


class TestXlsx:
    def test_one_sheet_per_table_plus_raw_rows(self, office_url: str, tmp_path: Path, figures: dict[str, Any]) -> None:
        out = tmp_path / "report.xlsx"
        report(office_url, out)
        book = load_workbook(out)
        assert book.sheetnames[0] == "สรุป" and book.sheetnames[-2:] == ["บัตรคิว", "เหตุการณ์"]
        services = book["สรุปรายงานบริการ"]
        tax = next(row for row in services.iter_rows(values_only=True) if str(row[0]).startswith("A "))
        assert tax[2] == figures["by_service"][0]["issued"] == 3
        assert book["บัตรคิว"].max_row == 1 + 7
        assert book["เหตุการณ์"].max_row > 30


class TestCsv:
    def test_event_log_with_an_unbroken_hash_chain(self, office_url: str, tmp_path: Path) -> None:
        out = tmp_path / "events.csv"
        report(office_url, out)
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert rows[0]["kind"] == "config_applied"  # the fixture applied khiw.toml that morning
        assert rows[1]["kind"] == "issued" and rows[1]["ticket_code"] == "A001"
        assert all(b["prev_hash"] == a["hash"] for a, b in zip(rows, rows[1:], strict=False))
        assert {r["kind"] for r in rows} >= {"issued", "called", "started", "finished", "transferred", "no_show", "expired", "counter_paused"}


class TestSimulate:
    def test_the_same_seed_gives_the_same_history(self, tmp_path: Path) -> None:
        results = []
        for name in ("a", "b"):
            db: Database = with_office(new_database(f"sqlite:///{tmp_path / name}.db"))
            db.dispose()
            out = tmp_path / f"{name}.json"
            assert main(["--db", f"sqlite:///{tmp_path / name}.db", "simulate", "--days", "1", "--start", "2026-11-20", "--seed", "7"]) == 0
            assert main(["--db", f"sqlite:///{tmp_path / name}.db", "report", "--period", "2026-11-20", "--out", str(out)]) == 0
            results.append(json.loads(out.read_text(encoding="utf-8")))
        first, second = results
        assert first["by_service"] == second["by_service"] and first["fairness"] == second["fairness"]
        t = first["totals"]
        assert t["issued"] > 50 and t["served"] > 0.8 * t["issued"]
        assert t["signed_in_h"] > 20 and t["paused_h"]["lunch"] == pytest.approx(4.0)  # four counters, an hour each
        assert t["open"] == 0  # the day was closed
