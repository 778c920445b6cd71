"""``khiw`` starts in a blink: each command imports only what it uses (issue #11).

Measured in ``bench/cli.py``; here, what makes it fast is checked in a fresh interpreter:
building the parser loads neither SQLAlchemy nor pydantic, and the scripting commands load
none of the heavy libraries only other commands need (printing, plotting, migrations, the
web server, Qt).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from khiw import revision
from khiw.cli.main import build_parser, main
from khiw.migrate import head_revision
from khiw.models import Priority
from tests.fixtures import EXAMPLE, ROOT

HEAVY = ("escpos", "numpy", "alembic", "uvicorn", "fastapi", "PySide6", "PIL", "openpyxl", "reportlab", "mako")

_PROBE = """
import json, sys
from khiw.cli.main import build_parser, main
if sys.argv[1:]:
    code = main(sys.argv[1:])
else:
    build_parser()
    code = 0
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "loaded": sorted({name.split(".")[0] for name in sys.modules})}))
"""


def _loaded(*args: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """The exit code and the top-level packages a fresh ``khiw ARGS`` imported."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["loaded"])


@pytest.fixture
def office_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    config = tmp_path / "khiw.toml"
    config.write_text(EXAMPLE.read_text(encoding="utf-8").replace('opens = "08:30"', "").replace('closes = "16:30"', "").replace('closes = "15:00"', ""), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'k.db'}"
    assert main(["--db", url, "init", "--config", str(config)]) == 0
    capsys.readouterr()
    return url


class TestStartUp:
    def test_building_the_parser_loads_no_database_or_validation_library(self) -> None:
        code, loaded = _loaded()
        assert code == 0
        assert not loaded & {"sqlalchemy", "pydantic", "argon2", *HEAVY}

    @pytest.mark.parametrize("command", [["status", "--json"], ["issue", "INF", "--json"], ["call", "3", "--json"]])
    def test_scripting_commands_load_none_of_the_heavy_libraries(self, office_url: str, command: list[str]) -> None:
        if command[0] == "call":
            assert main(["--db", office_url, "issue", "INF"]) == 0
        code, loaded = _loaded("--db", office_url, *command)
        assert code == 0
        assert "sqlalchemy" in loaded  # the probe ran the command
        assert not loaded & set(HEAVY), loaded & set(HEAVY)

    def test_the_schema_check_knows_the_shipped_head_as_alembic_does(self) -> None:
        assert revision.shipped_head() == head_revision()

    def test_an_uninitialised_database_is_still_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["--db", f"sqlite:///{tmp_path / 'empty.db'}", "status"]) == 4
        assert "khiw init" in capsys.readouterr().err


class TestPriorityOption:
    def test_the_help_names_every_priority_class(self) -> None:
        issue = build_parser()._subparsers._group_actions[0].choices["issue"]  # type: ignore[union-attr]
        text = issue.format_help()
        assert all(c.value in text for c in Priority)

    def test_an_unknown_class_is_a_usage_error_naming_the_classes(self, office_url: str, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exit_:
            main(["--db", office_url, "issue", "INF", "--priority", "vip"])
        assert exit_.value.code == 2
        assert "'vip'" in (err := capsys.readouterr().err) and "elderly" in err
        assert main(["--db", office_url, "issue", "INF", "--priority", "elderly"]) == 0
