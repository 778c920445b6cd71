"""The report files: ``khiw report`` as JSON, PDF, XLSX and CSV, checked against each other."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from khiw.cli.main import main
from khiw.config import load_config
from khiw.engine import call_ticket, issue, open_counter
from khiw.reports.tables import MAX_COLUMNS, TABLES
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


def pdf_pages(path: Path) -> list[str]:
    """Each page's text exactly as pypdf extracts it (nothing removed)."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    """The PDF's text with whitespace collapsed (zero-width characters are kept: none may be there)."""
    return re.sub(r"\s+", " ", "\n".join(pdf_pages(path)))


CONFIG = load_config(Path(__file__).resolve().parents[2] / "examples" / "khiw.toml")
# Words that must never be split across two lines of a table or a paragraph.
OFFICE_WORDS = ("ทั่วไป", "เบี้ยยังชีพ", "ผู้สูงอายุ", "ผู้พิการ", "ร้องทุกข์", "ท่าสะอ้าน", "ทะเบียน", "ก่อสร้าง", "บริการ", "มาตรฐาน", "มัธยฐาน", "ตำบล")


class TestJson:
    def test_has_every_section(self, figures: dict[str, Any]) -> None:
        assert figures["period"] == {
            "code": "2026-11-20", "first_day": "2026-11-20", "last_day": "2026-11-20",
            "label_th": "20 พฤศจิกายน 2569", "label_en": "2026-11-20",
        }
        for key in ("totals", "by_service", "by_counter", "by_staff", "by_hour", "by_weekday", "by_priority", "fairness", "satisfaction", "charts"):
            assert key in figures
        assert (figures["totals"]["issued"], figures["totals"]["visits"]) == (7, 6)

    def test_carries_the_chain_head_it_was_computed_from(self, figures: dict[str, Any], office_url: str, tmp_path: Path) -> None:
        out = tmp_path / "events.csv"
        report(office_url, out)
        last = list(csv.DictReader(out.open(encoding="utf-8-sig")))[-1]
        assert figures["chain_head"] == {"events": int(last["id"]), "hash": last["hash"]}
        assert re.fullmatch(r"[0-9a-f]{64}", figures["chain_head"]["hash"])

    def test_unknown_period_is_a_usage_error(self, office_url: str, tmp_path: Path) -> None:
        assert main(["--db", office_url, "report", "--period", "soon", "--out", str(tmp_path / "x.json")]) == 2

    def test_json_flag_describes_the_file_written(self, office_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "r.xlsx"
        assert main(["--db", office_url, "report", "--period", "2026-11-20", "--out", str(out), "--json"]) == 0
        said = json.loads(capsys.readouterr().out)
        assert (said["out"], said["format"], said["visits"], said["tickets"]) == (str(out), "xlsx", 6, 7)
        assert set(said["chain_head"]) == {"events", "hash"}


@pytest.fixture(scope="module")
def pdf(office_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    report(office_url, out)
    return out


class TestPdf:
    def test_every_table_fits_a_portrait_page(self) -> None:
        assert all(len(table.columns) <= MAX_COLUMNS for table in TABLES)

    def test_is_portrait_a4_with_numbered_pages(self, pdf: Path) -> None:
        reader = PdfReader(pdf)
        assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in reader.pages)
        pages = pdf_pages(pdf)
        assert all(f"หน้า {n} / {len(pages)}" in text for n, text in enumerate(pages, start=1))

    def test_the_text_layer_is_the_text(self, pdf: Path) -> None:
        text = "\n".join(pdf_pages(pdf))
        assert not re.search("[\u200b\u200c\u200d\u2060\ufeff]", text), "zero-width characters in the text layer"
        assert not re.search("[\x00-\x08\x0b-\x1f]", text), "glyphs without characters in the text layer"
        assert "ตำบล" in text and "องค์การบริหารส่วนตำบลท่าสะอ้าน" in text

    def test_every_service_office_and_staff_name_appears_exactly(self, pdf: Path) -> None:
        text = "\n".join(pdf_pages(pdf))
        names = [CONFIG.office.name_th, *(s.name_th for s in CONFIG.services), "สมชาย ใจดี", "มาลี ศรีสุข"]
        lines = "\n".join(line.strip() for line in text.splitlines())
        joined = lines.replace("\n", "")  # a long name may be wrapped, between words only
        for name in names:
            assert name in lines or name.replace(" ", "") in joined, name

    def test_page_one_is_the_summary_in_sentences_with_numbers(self, pdf: Path, figures: dict[str, Any]) -> None:
        t = figures["totals"]
        page = re.sub(r"\s+", " ", pdf_pages(pdf)[0])
        assert "บทสรุปสำหรับผู้บริหาร" in page and "๒๐ พฤศจิกายน ๒๕๖๙" in page
        assert f"มีประชาชนมารับบริการ {t['visits']} ราย ให้บริการเสร็จสิ้น {t['served']} ราย" in page
        assert f"ภายในระยะเวลามาตรฐานที่ประกาศไว้ {100 * t['standard_met']:.1f}%" in page
        assert f"ไม่เกิน {t['wait_s']['median'] / 60:.1f} นาที ผู้ที่รอนานที่สุดรอ {t['wait_s']['max'] / 60:.1f} นาที" in page
        flagged = page.replace(" ", "")
        wel, reg = flagged.find("ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ0.0%"), flagged.find("งานทะเบียนราษฎร50.0%")
        assert 0 <= wel < reg, "services that missed their standard, worst first"
        assert "ไม่พบการข้ามคิวโดยไม่มีเหตุผล มีการเรียกคิวนอกลำดับ 1 ครั้ง" in page
        assert f"ออกจากคิวก่อนได้รับการเรียก {t['never_called']} ราย" in page
        assert "Jain" not in page and "Gini" not in page and "RAQFM" not in page

    def test_specialist_measures_come_later_with_a_plain_sentence(self, pdf: Path) -> None:
        later = re.sub(r"\s+", " ", " ".join(pdf_pages(pdf)[1:]))
        for phrase in ("ดัชนีความเท่าเทียมของ Jain", "สัมประสิทธิ์จีนีของเวลารอ", "RAQFM", "ค่าตั้งแต่ 0.5 ขึ้นไปถือว่าดี"):
            assert phrase in later, phrase

    def test_no_office_word_is_split_across_lines(self, pdf: Path) -> None:
        lines = [line.strip() for page in pdf_pages(pdf) for line in page.splitlines() if line.strip()]
        for above, below in zip(lines, lines[1:], strict=False):
            for word in OFFICE_WORDS:
                for cut in range(1, len(word)):
                    head, tail = word[:cut], word[cut:]
                    assert not (above.endswith(head) and below.startswith(tail) and word not in above + " " + below), (word, above, below)

    def test_service_table_rows_match_the_json(self, pdf: Path, figures: dict[str, Any]) -> None:
        text = pdf_text(pdf)
        tax = next(r for r in figures["by_service"] if r["service"] == "TAX")
        assert f"TAX {tax['issued']} {tax['visits']} {tax['served']} {tax['no_show']} {tax['transferred']}" in text
        assert "นัดหมาย" in text and "สมชาย ใจดี" in text  # the out-of-order call, its reason, the staff's name

    def test_the_chain_head_is_in_the_metadata_and_on_the_cover(self, pdf: Path, figures: dict[str, Any]) -> None:
        head = figures["chain_head"]
        keyword = f"khiw-chain-head:{head['events']}:{head['hash']}"
        assert f"/Keywords ({keyword})".encode() in pdf.read_bytes()  # uncompressed, in the Info dictionary
        assert PdfReader(pdf).metadata["/Keywords"] == keyword
        assert f"เหตุการณ์ที่ {head['events']:,} (แฮช {head['hash']})" in pdf_pages(pdf)[0]


@pytest.fixture(scope="module")
def book(office_url: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    report(office_url, out)
    return load_workbook(out)


class TestXlsx:
    def test_short_whole_sheet_names(self, book: Any) -> None:
        assert book.sheetnames[0] == "สรุป" and book.sheetnames[-2:] == ["บัตรคิว", "เหตุการณ์"]
        assert "งานบริการ" in book.sheetnames and "เวลารอ" in book.sheetnames
        assert all(len(name) <= 31 for name in book.sheetnames)

    def test_figures_are_typed_numbers(self, book: Any, figures: dict[str, Any]) -> None:
        services = book["งานบริการ"]
        tax = next(row for row in services.iter_rows(min_row=2) if row[1].value == "TAX")
        assert tax[0].value == "ชำระภาษีที่ดินและสิ่งปลูกสร้าง" and tax[2].value == 3 and tax[2].data_type == "n"
        times = book["เวลารอ"]
        row = next(r for r in times.iter_rows(min_row=2) if r[0].value == "งานทะเบียนราษฎร")
        assert row[7].value == 0.5 and row[7].number_format == "0.0%"
        summary = {r[0].value: r[1] for r in book["สรุป"].iter_rows() if r[0].value and len(r) > 1}
        assert summary["ผู้มารับบริการ (ราย)"].value == 6 and summary["ทันเวลามาตรฐานที่ประกาศ"].number_format == "0.0%"
        assert summary["ทันเวลามาตรฐานที่ประกาศ"].value == figures["totals"]["standard_met"]
        head = figures["chain_head"]
        row = next(r for r in book["สรุป"].iter_rows() if r[0].value == "หัวของบันทึกเหตุการณ์ (chain head)")
        assert (row[1].value, row[2].value) == (head["events"], f"khiw-chain-head:{head['events']}:{head['hash']}")

    def test_headers_frozen_and_filtered_in_thai_with_codes_beside(self, book: Any) -> None:
        tickets = book["บัตรคิว"]
        header = [c.value for c in next(tickets.iter_rows(max_row=1))]
        assert header[:4] == ["เลขที่", "บัตรคิว", "งานบริการ", "รหัสงานบริการ"]
        assert tickets.freeze_panes == "A2" and tickets.auto_filter.ref.startswith("A1:")
        first = next(tickets.iter_rows(min_row=2, max_row=2))
        assert (first[2].value, first[3].value, first[6].value, first[7].value) == ("ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "TAX", "ไม่มาแสดงตน", "no_show")
        assert tickets.max_row == 1 + 7
        assert book["เหตุการณ์"].max_row > 30

    def test_dates_are_dates_shown_in_the_buddhist_era(self, book: Any) -> None:
        issued = next(book["บัตรคิว"].iter_rows(min_row=2, max_row=2))[8]
        assert isinstance(issued.value, datetime) and issued.value == datetime(2026, 11, 20, 9, 0)
        assert "107041E" in issued.number_format


class TestCsv:
    def test_event_log_with_an_unbroken_hash_chain(self, office_url: str, tmp_path: Path) -> None:
        out = tmp_path / "events.csv"
        report(office_url, out)
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert rows[0]["kind"] == "config_applied"  # the fixture applied khiw.toml that morning
        assert rows[1]["kind"] == "issued" and rows[1]["ticket_code"] == "A001"
        assert all(b["prev_hash"] == a["hash"] for a, b in zip(rows, rows[1:], strict=False))
        assert {r["kind"] for r in rows} >= {"issued", "called", "started", "finished", "transferred", "no_show", "expired", "counter_paused"}


EVIL = '=HYPERLINK("http://evil.example/x","click")'


@pytest.fixture(scope="module")
def evil_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('evil') / 'khiw.db'}"
    db = with_office(new_database(url))
    somchai = scenario.staff(db, "somchai")
    db.run(issue, service="TAX", now=scenario.at(0))
    db.run(issue, service="TAX", now=scenario.at(1))
    db.run(open_counter, counter=1, actor=somchai, now=scenario.at(2))
    db.run(call_ticket, counter=1, ticket="A002", reason=EVIL, actor=somchai, now=scenario.at(3))
    db.dispose()
    return url


class TestFormulaInjection:
    """A reason typed at a counter reaches the workbook and the CSV as text, never a formula."""

    def test_xlsx_cells_are_text(self, evil_url: str, tmp_path: Path) -> None:
        out = tmp_path / "r.xlsx"
        report(evil_url, out)
        book = load_workbook(out)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
        assert cells, "the reason is in the workbook"
        assert all(c.data_type == "s" and c.value.startswith("'=") for c in cells)

    def test_csv_cells_are_neutralised(self, evil_url: str, tmp_path: Path) -> None:
        out = tmp_path / "r.csv"
        report(evil_url, out)
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        assert [r["reason"] for r in rows if "HYPERLINK" in r["reason"]] == ["'" + EVIL]
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values() if v)


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
