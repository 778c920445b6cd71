"""The house: which part of Khiw may import which, stated once and checked on every import.

Imports are read with ``ast`` from every source file, including imports inside functions, so
a lazy import is still an import; ``importlib.import_module`` and ``__import__`` are refused
outright, because a name built at run time is a dependency no reader (and no test) can see.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures import ROOT

STATIONS = ("kiosk", "counter", "display", "web")

# Rooms, most specific first: a module belongs to the first one its name starts with.
ROOMS = ("khiw.qt", "khiw.cli", "khiw", *STATIONS, "demo")

# The allowed directions, one row per room: the rooms its modules may import.
#   khiw      the Qt-free core (config, storage, engine, metrics, reports, tickets, printing)
#   khiw.qt   the one shared Qt glue the stations use
#   khiw.cli  the front door; it reaches the stations and the demo only through LAUNCHERS
#   stations  thin: pages or widgets and wiring; the core, never each other
#   demo      composes the stations on one screen
MAY_IMPORT: dict[str, frozenset[str]] = {
    "khiw": frozenset({"khiw"}),
    "khiw.qt": frozenset({"khiw", "khiw.qt"}),
    "khiw.cli": frozenset({"khiw", "khiw.qt", "khiw.cli"}),
    **{station: frozenset({"khiw", "khiw.qt", station}) for station in STATIONS},
    "demo": frozenset({"khiw", "khiw.qt", *STATIONS, "demo"}),
}

# The one exception: the CLI module that launches a station or the demo imports it inside the
# launching function, so that scripting commands never load Qt.
LAUNCHERS = "khiw.cli.launchers"
LAUNCHED = frozenset({*STATIONS, "demo"})

# Imports refused whatever the room allows, by importer prefix → imported prefixes.
NEVER: dict[str, tuple[str, ...]] = {
    "khiw": ("PySide6.QtWidgets",),  # the core and its Qt glue draw no widgets
    # The engine is the floor the report and ticket rooms stand on: it never reaches up to them.
    "khiw.engine": ("khiw.reports", "khiw.metrics", "khiw.simulation", "khiw.ticket", "khiw.printing", "khiw.speech"),
    # Stations never talk SQL: they call the engine.
    **{station: ("sqlalchemy", "psycopg", "khiw.models") for station in STATIONS},
}

PROJECT = frozenset(room.split(".")[0] for room in ROOMS)


@dataclass(frozen=True)
class Import:
    """One imported module name, where it was imported, and whether inside a function."""

    name: str
    line: int
    in_function: bool
    dynamic: bool = False


class _Reader(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.package = module if is_package else module.rpartition(".")[0]
        self.depth = 0
        self.found: list[Import] = []

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function  # noqa: N815 (ast)

    def visit_Import(self, node: ast.Import) -> None:  # noqa: N802 (ast)
        self.found += [Import(alias.name, node.lineno, self.depth > 0) for alias in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:  # noqa: N802 (ast)
        base = node.module or ""
        if node.level:
            parent = self.package.split(".")[: len(self.package.split(".")) - node.level + 1]
            base = ".".join([*parent, base] if base else parent)
        self.found.append(Import(base, node.lineno, self.depth > 0))
        self.found += [Import(f"{base}.{alias.name}", node.lineno, self.depth > 0) for alias in node.names]

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 (ast)
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if called in ("import_module", "__import__"):
            target = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else "<computed>"
            self.found.append(Import(str(target), node.lineno, self.depth > 0, dynamic=True))
        self.generic_visit(node)


def read_imports(source: str, module: str, *, is_package: bool = False) -> list[Import]:
    """Every import in ``source`` (the text of ``module``), relative ones made absolute."""
    reader = _Reader(module, is_package)
    reader.visit(ast.parse(source))
    return reader.found


def room_of(name: str) -> str | None:
    """The room a module belongs to, or None for a third-party or standard library module."""
    return next((room for room in ROOMS if name == room or name.startswith(room + ".")), None)


def modules() -> list[tuple[str, Path]]:
    """Every project module and its file (stations not written yet simply have none)."""
    found = []
    for top in sorted(PROJECT):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(module: str, imports: list[Import]) -> list[str]:
    """What ``module`` imports against the table, one readable line each."""
    own = room_of(module)
    assert own is not None, module
    out = []
    for imp in imports:
        where = f"{module}:{imp.line} imports {imp.name}"
        target = room_of(imp.name)
        if imp.dynamic and (target is not None or imp.name == "<computed>"):
            out.append(f"{where} through importlib/__import__ (write a plain import)")
            continue
        for importer, banned in NEVER.items():
            if starts(module, (importer,)) and starts(imp.name, banned):
                out.append(f"{where} (never: {importer} → {', '.join(banned)})")
        if target is None or target in MAY_IMPORT[own]:
            continue
        if module == LAUNCHERS and target in LAUNCHED and imp.in_function:
            continue
        out.append(f"{where} ({own} may import only {', '.join(sorted(MAY_IMPORT[own]))})")
    return out


@pytest.mark.parametrize("room", ROOMS)
def test_every_import_follows_the_table(room: str) -> None:
    offenders = [
        line
        for module, path in modules()
        if room_of(module) == room
        for line in violations(module, read_imports(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py"))
    ]
    assert offenders == []


class TestTheReader:
    """Guards the table against passing vacuously: the reader sees every kind of import."""

    def test_it_sees_the_real_imports_of_the_core_and_the_qt_glue(self) -> None:
        db = [i.name for i in read_imports((ROOT / "khiw" / "db.py").read_text(encoding="utf-8"), "khiw.db")]
        assert "sqlalchemy.orm.Session" in db
        runner = read_imports((ROOT / "khiw" / "qt" / "runner.py").read_text(encoding="utf-8"), "khiw.qt.runner")
        assert any(i.name.startswith("PySide6") for i in runner)

    def test_the_launchers_import_the_stations_inside_functions_only(self) -> None:
        found = read_imports((ROOT / "khiw" / "cli" / "launchers.py").read_text(encoding="utf-8"), LAUNCHERS)
        launched = [i for i in found if room_of(i.name) in LAUNCHED]
        assert {room_of(i.name) for i in launched} >= {"kiosk", "counter", "display", "demo"}
        assert all(i.in_function for i in launched)

    def test_a_lazy_import_inside_a_function_is_still_an_import(self) -> None:
        source = "def f():\n    from khiw.reports.daycache import refresh_through\n"
        assert violations("khiw.engine.closing", read_imports(source, "khiw.engine.closing")) == [
            "khiw.engine.closing:2 imports khiw.reports.daycache (never: khiw.engine → khiw.reports, khiw.metrics, "
            "khiw.simulation, khiw.ticket, khiw.printing, khiw.speech)",
            "khiw.engine.closing:2 imports khiw.reports.daycache.refresh_through (never: khiw.engine → khiw.reports, "
            "khiw.metrics, khiw.simulation, khiw.ticket, khiw.printing, khiw.speech)",
        ]

    def test_importlib_and_dunder_import_of_project_modules_are_refused(self) -> None:
        source = "import importlib\nimportlib.import_module('kiosk.app')\n__import__('counter')\nimportlib.import_module(name)\n"
        assert [line.split(" through")[0] for line in violations("demo.launch", read_imports(source, "demo.launch"))] == [
            "demo.launch:2 imports kiosk.app",
            "demo.launch:3 imports counter",
            "demo.launch:4 imports <computed>",
        ]

    def test_a_relative_import_is_read_as_the_module_it_names(self) -> None:
        found = read_imports("from ..snapshot import read\nfrom . import style\n", "counter.panels.list")
        assert [i.name for i in found] == ["counter.snapshot", "counter.snapshot.read", "counter.panels", "counter.panels.style"]

    @pytest.mark.parametrize(
        ("module", "source", "why"),
        [
            ("kiosk.window", "from counter.desk import reduce\n", "kiosk may import only"),
            ("counter.window", "from sqlalchemy import select\n", "never: counter"),
            ("display.controller", "from khiw.models import Ticket\n", "never: display"),
            ("khiw.reports.pdf", "from PySide6.QtWidgets import QLabel\n", "never: khiw"),
            ("khiw.engine.board", "import kiosk.app\n", "khiw may import only"),
            ("khiw.config", "from khiw.cli.context import Context\n", "khiw may import only"),
            ("khiw.cli.report_cmds", "from counter.report_view import ReportView\n", "khiw.cli may import only"),
            ("khiw.cli.launchers", "from demo.launch import main\n", "khiw.cli may import only"),  # not in a function
        ],
    )
    def test_each_rule_of_the_table_bites(self, module: str, source: str, why: str) -> None:
        assert any(why in line for line in violations(module, read_imports(source, module)))
