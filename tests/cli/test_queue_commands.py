"""The ``khiw`` command's contract: output, --json, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from khiw.cli.main import main
from tests.fixtures import EXAMPLE, ROOT


def khiw(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A SQLite database initialised from a copy of the sample open all day."""
    config = tmp_path / "khiw.toml"
    config.write_text(EXAMPLE.read_text(encoding="utf-8").replace('opens = "08:30"', "").replace('closes = "16:30"', "").replace('closes = "15:00"', ""), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert khiw(capsys, "--db", db, "init", "--config", str(config))[0] == 0
    return db


class TestInit:
    def test_init_creates_applies_and_is_safe_to_rerun(self, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        for _ in range(2):
            code, out, _ = khiw(capsys, "init", "--db", db_url, "--config", str(EXAMPLE), "--json")
            assert code == 0
            assert json.loads(out)["applied"] == {"services": 6, "counters": 4, "staff": 4}

    def test_a_malformed_config_leaves_the_database_untouched(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        bad = tmp_path / "bad.toml"
        bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("standard_minutes = 10", "standard_minutes = -1", 1), encoding="utf-8")
        db = tmp_path / "never.db"
        code, out, err = khiw(capsys, "--db", f"sqlite:///{db}", "init", "--config", str(bad))
        assert code == 2
        assert err.count("\n") == 1 and f"{bad}:" in err and "services[0].standard_minutes" in err
        assert not db.exists()

    def test_commands_before_init_say_to_run_init(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = khiw(capsys, "--db", f"sqlite:///{tmp_path / 'empty.db'}", "status")
        assert code == 4 and "run `khiw init`" in err


class TestQueueScripting:
    def test_issue_call_start_finish_with_json(self, url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("KHIW_PIN", "1111")
        code, out, _ = khiw(capsys, "--db", url, "issue", "TAX", "--json")
        issued = json.loads(out)
        assert code == 0 and issued["ticket"]["code"] == "A001" and issued["ahead"] == 0
        assert set(issued) >= {"ticket", "ahead", "estimated_wait_minutes", "event_id"}
        code, out, _ = khiw(capsys, "--db", url, "call", "1", "--staff", "somchai", "--json")
        called = json.loads(out)
        assert code == 0 and called["ticket"]["code"] == "A001" and called["ticket"]["staff_username"] == "somchai"
        assert khiw(capsys, "--db", url, "start", "A001")[1].strip() == "A001 is serving at counter 1"
        assert khiw(capsys, "--db", url, "finish", "A001")[1].strip() == "A001 is done"

    def test_call_exits_3_when_nobody_waits(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = khiw(capsys, "--db", url, "call", "2")
        assert (code, out) == (3, "")
        assert err.strip() == "khiw: nobody is waiting for counter 2"

    def test_out_of_order_call_needs_a_reason(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        khiw(capsys, "--db", url, "issue", "TAX")
        khiw(capsys, "--db", url, "issue", "TAX")
        code, _, err = khiw(capsys, "--db", url, "call", "1", "--ticket", "A002")
        assert code == 1 and "needs a reason" in err
        code, out, _ = khiw(capsys, "--db", url, "call", "1", "--ticket", "A002", "--reason", "appointment", "--json")
        assert code == 0 and json.loads(out)["rule"] == "out_of_order"

    def test_transfer_and_status(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        khiw(capsys, "--db", url, "issue", "INF", "--priority", "elderly")
        khiw(capsys, "--db", url, "call", "3")
        code, out, _ = khiw(capsys, "--db", url, "transfer", "F001", "WEL", "--json")
        assert code == 0 and json.loads(out)["new"]["code"] == "C001"
        code, out, _ = khiw(capsys, "--db", url, "status", "--json")
        status = json.loads(out)
        wel = next(q for q in status["queues"] if q["service_code"] == "WEL")
        assert (wel["waiting"], wel["waiting_priority"]) == (1, 1)
        assert [c["number"] for c in status["counters"]] == [1, 2, 3, 4]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["issue", "NOPE"], "khiw: unknown service: NOPE"),
            (["call", "9"], "khiw: unknown counter: 9"),
            (["finish", "Z999"], "khiw: unknown ticket: Z999"),
            (["call", "one"], "khiw call: error: argument COUNTER: invalid int value: 'one'"),
            (["issue", "TAX", "--priority", "vip"], "khiw issue: error: argument --priority: invalid choice"),
        ],
    )
    def test_bad_input_is_one_line_and_non_zero(self, url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
        try:
            code, out, err = khiw(capsys, "--db", url, *args)
        except SystemExit as exit:  # argparse usage errors
            code, (out, err) = int(exit.code or 0), capsys.readouterr()
        assert code != 0 and out == ""
        assert err.startswith(message) and err.count("\n") == 1

    def test_close_day_and_audit(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        khiw(capsys, "--db", url, "issue", "TAX")
        assert json.loads(khiw(capsys, "--db", url, "close-day", "--json")[1]) == {"expired": 1}
        code, out, _ = khiw(capsys, "--db", url, "audit", "verify")
        assert code == 0 and out.startswith("audit ok:")


def test_the_console_script_runs_without_a_traceback_on_a_bad_url(tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("khiw")), "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert proc.returncode == 4
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("khiw: database")
