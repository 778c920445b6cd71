"""``khiw audit verify [--against REPORT]``: exit 0 when intact, 5 with the problem, 2 for a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from khiw.db import Database
from tests.cli.test_queue_commands import khiw, url  # noqa: F401 (fixture)


def chain_head(db_url: str) -> tuple[int, str]:
    db = Database(db_url)
    try:
        with db.read() as s:
            return tuple(s.execute(text("SELECT last_id, last_hash FROM chain_head")).one())  # type: ignore[return-value]
    finally:
        db.dispose()


def test_against_a_json_and_a_pdf_report(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    khiw(capsys, "--db", url, "issue", "TAX")
    events, digest = chain_head(url)
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"chain_head": {"events": events, "hash": digest}}))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.7\n<< /Keywords (khiw-chain-head:" + f"{events}:{digest}".encode() + b") >>\n%%EOF")
    for path in (report, pdf):
        code, out, _ = khiw(capsys, "--db", url, "audit", "verify", "--against", str(path))
        assert code == 0 and f"still holding the head of {path} (event {events})" in out
    db = Database(url)
    with db.engine.begin() as conn:  # the tail cut and the head fixed up
        conn.execute(text("DELETE FROM events WHERE id = :n"), {"n": events})
        conn.execute(text("UPDATE chain_head SET last_id = :k, last_hash = (SELECT hash FROM events WHERE id = :k)"), {"k": events - 1})
    db.dispose()
    code, out, _ = khiw(capsys, "--db", url, "audit", "verify", "--json")
    result = json.loads(out)
    assert code == 5 and result["first_bad_row"] == "ticket 1 (A001)"


def test_a_file_without_a_head_is_a_usage_error(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    code, out, err = khiw(capsys, "--db", url, "audit", "verify", "--against", str(other))
    assert (code, out) == (2, "") and "no khiw-chain-head" in err and err.count("\n") == 1
