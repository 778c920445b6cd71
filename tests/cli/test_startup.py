"""``khiw`` starts in a blink: each command imports only what it uses (issue #11).

Measured in ``bench/cli.py``; here, what makes it fast is checked in a fresh interpreter:
building the parser loads neither SQLAlchemy nor pydantic; the scripting commands load none
of the heavy libraries only other commands need (printing, plotting, migrations, the web
server, Qt), nor the PostgreSQL dialect on a SQLite office; importing the configuration
builds none of its validators; and the console script starts without the cycle collector
but runs the command with it.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from khiw import config, revision
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
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(probe: str, *args: str) -> dict[str, Any]:
    """What ``probe`` printed last (one JSON line), run with ARGS in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _imported(*args: str) -> tuple[int, set[str], set[str]]:
    """The exit code, every module and the top-level packages a fresh ``khiw ARGS`` imported."""
    report = _run(_PROBE, *args)
    modules = set(report["modules"])
    return int(report["code"]), modules, {name.split(".")[0] for name in modules}


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
        code, _, loaded = _imported()
        assert code == 0
        assert not loaded & {"sqlalchemy", "pydantic", "argon2", *HEAVY}

    @pytest.mark.parametrize("command", [["status", "--json"], ["issue", "INF", "--json"], ["call", "3", "--json"]])
    def test_scripting_commands_load_none_of_the_heavy_libraries(self, office_url: str, command: list[str]) -> None:
        if command[0] == "call":
            assert main(["--db", office_url, "issue", "INF"]) == 0
        code, modules, loaded = _imported("--db", office_url, *command)
        assert code == 0
        assert "sqlalchemy.dialects.sqlite" in modules  # the probe ran the command on the database
        assert not loaded & set(HEAVY), loaded & set(HEAVY)
        # on a SQLite office, nor PostgreSQL's dialect (and the async drivers it pulls in)
        assert not any(name.startswith("sqlalchemy.dialects.postgresql") for name in modules)

    def test_importing_the_configuration_builds_no_validator(self) -> None:
        probe = (
            "import json, pydantic, khiw.config as c\n"
            "models = [v for v in vars(c).values() if isinstance(v, type) and issubclass(v, pydantic.BaseModel) and v.__module__ == c.__name__]\n"
            "print(json.dumps({'models': len(models), 'built': [m.__name__ for m in models if m.__pydantic_complete__]}))"
        )
        report = _run(probe)
        assert report["models"] and report["built"] == []

    def test_the_configuration_annotations_are_not_strings_to_evaluate(self) -> None:
        sections = [m for m in vars(config).values() if isinstance(m, type) and issubclass(m, config._Section)]
        assert len(sections) > 10
        assert not [(m.__name__, name) for m in sections for name, kind in m.__annotations__.items() if isinstance(kind, str)]

    def test_the_console_script_runs_the_command_with_the_collector_on(self, office_url: str) -> None:
        probe = (
            "import gc, json, sys\n"
            "import khiw.cli.queue_cmds as q\n"
            "seen = {}\n"
            "def status(ctx, args):\n"
            "    seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())\n"
            "    return 0\n"
            "q.cmd_status = status\n"
            "from khiw.cli.main import run\n"
            "sys.argv = ['khiw', *sys.argv[1:]]\n"
            "seen['code'] = run()\n"
            "print(json.dumps({**seen, 'enabled_after': gc.isenabled()}))"
        )
        report = _run(probe, "--db", office_url, "status")
        assert report["code"] == 0 and report["enabled"] is True and report["enabled_after"] is True
        assert report["frozen"] > 10_000  # what start-up loaded, left out of collections

    def test_main_leaves_the_callers_collector_alone(self, office_url: str) -> None:
        frozen = gc.get_freeze_count()
        assert main(["--db", office_url, "status"]) == 0
        assert gc.isenabled() and gc.get_freeze_count() == frozen

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
