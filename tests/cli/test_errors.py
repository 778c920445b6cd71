"""Issue #12 point 7: every one of these is one line on stderr and the documented exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_queue_commands import khiw, url  # noqa: F401 (fixture)
from tests.fixtures import EXAMPLE, ROOT, pg_problem, pg_schema_url


def one_line(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run ``khiw``; nothing on stdout, exactly one line on stderr; return the code and the line."""
    code, out, err = khiw(capsys, *args)
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("khiw"), err
    return code, err.strip()


@pytest.fixture
def pg_url() -> Iterator[str]:
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as schema_url:
        yield schema_url


class TestDatabaseUrls:
    def test_init_on_an_unreachable_server(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, line = one_line(capsys, "--db", "postgresql://nobody@127.0.0.1:1/none", "init")
        assert code == 4 and "is unavailable" in line and "Connection refused" in line

    def test_init_in_a_read_only_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        if os.access(folder, os.W_OK):  # root writes anywhere; /proc refuses even root
            folder = Path("/proc")
        try:
            code, line = one_line(capsys, "--db", f"sqlite:///{folder / 'khiw.db'}", "init")
        finally:
            (tmp_path / "ro").chmod(0o755)
        assert code == 4 and "unable to open database file" in line

    def test_init_where_the_folder_cannot_be_made(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        code, line = one_line(capsys, "--db", f"sqlite:///{blocker / 'sub' / 'khiw.db'}", "init")
        assert code == 4 and "cannot create its folder" in line

    def test_a_mysql_url(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert one_line(capsys, "--db", "mysql://u:p@localhost/khiw", "status") == (
            2,
            "khiw: mysql databases are not supported: use sqlite:///FILE or postgresql://USER@HOST/DB",
        )

    def test_garbage(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, line = one_line(capsys, "--db", "garbage", "status")
        assert code == 2 and "not a database URL: 'garbage'" in line

    def test_a_file_that_is_not_a_database(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        notes = tmp_path / "notes.txt"
        notes.write_text("not a database\n" * 100)
        code, line = one_line(capsys, "--db", f"sqlite:///{notes}", "status")
        assert code == 4 and "the file is not a SQLite database" in line


class TestConfigTextOnPostgreSQL:
    @pytest.mark.parametrize("name", ["ก" * 201, "งาน\\u0000ทะเบียน"], ids=["too-long", "nul"])
    def test_text_the_database_cannot_hold_is_refused_before_it(self, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
        config = tmp_path / "khiw.toml"
        config.write_text(EXAMPLE.read_text(encoding="utf-8").replace('name_th = "งานทะเบียนราษฎร"', f'name_th = "{name}"', 1), encoding="utf-8")
        code, line = one_line(capsys, "--db", pg_url, "init", "--config", str(config))
        assert code == 2 and line.startswith(f"khiw: {config}:") and "services[1].name_th" in line


class TestIds:
    @pytest.mark.parametrize("ref", ["2147483648", "99999999999999999999999", "²"])
    def test_out_of_range_ticket_ids_are_unknown(self, url: str, capsys: pytest.CaptureFixture[str], ref: str) -> None:  # noqa: F811
        assert one_line(capsys, "--db", url, "start", ref) == (1, f"khiw: unknown ticket: {ref}")

    def test_a_ticket_id_beyond_postgresql_integer(self, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
        assert khiw(capsys, "--db", pg_url, "init", "--config", str(EXAMPLE))[0] == 0
        assert one_line(capsys, "--db", pg_url, "start", "2147483648") == (1, "khiw: unknown ticket: 2147483648")
        assert one_line(capsys, "--db", pg_url, "call", "99999999999") == (1, "khiw: unknown counter: 99999999999")


class TestRangesAndFiles:
    def test_an_absurd_report_period(self, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
        code, line = one_line(capsys, "--db", url, "report", "--period", "0001-01-01..9999-12-31", "--out", str(tmp_path / "r.json"))
        assert code == 2 and "from 2000 to 2200" in line

    def test_a_report_into_a_missing_folder(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
        code, line = one_line(capsys, "--db", url, "report", "--period", "2569", "--out", "/nonexistent/x.pdf")
        assert code == 2 and line == "khiw: cannot write /nonexistent/x.pdf: folder /nonexistent does not exist"

    def test_simulating_too_many_days(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
        assert one_line(capsys, "--db", url, "simulate", "--days", "99999999999") == (2, "khiw: --days must be 1 to 3660 (ten years)")


def test_a_reader_that_stops_early_ends_the_command_quietly(url: str) -> None:  # noqa: F811
    """``khiw status | head -1``: no traceback, the shell's code for SIGPIPE."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "khiw.cli.main", "--db", url, "status"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything was written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""


def test_a_refused_option_goes_to_stderr(url: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert one_line(capsys, "--db", url, "call", "1", "--reason", "friend") == (2, "khiw: --reason goes with --ticket")
