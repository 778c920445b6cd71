"""Imports point one way: the domain never imports QtWidgets; stations never touch SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.fixtures import ROOT

STATIONS = ("kiosk", "counter", "display", "web")


def imports(path: Path) -> set[str]:
    """Every module name imported by ``path`` (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_the_domain_never_imports_qt_widgets() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in sources("khiw") if any(n.startswith("PySide6.QtWidgets") for n in imports(p))]
    assert offenders == []


@pytest.mark.parametrize("station", STATIONS)
def test_stations_never_import_sqlalchemy_or_the_models(station: str) -> None:
    banned = ("sqlalchemy", "khiw.models", "psycopg")
    offenders = [
        f"{p.relative_to(ROOT)}: {name}"
        for p in sources(station)
        for name in sorted(imports(p))
        if name.startswith(banned)
    ]
    assert offenders == []


def test_the_scan_sees_real_imports() -> None:
    # Guards the two tests above against passing vacuously.
    assert "sqlalchemy.orm.Session" in imports(ROOT / "khiw" / "db.py")
    assert any(n.startswith("PySide6") for n in imports(ROOT / "khiw" / "qt" / "runner.py"))
