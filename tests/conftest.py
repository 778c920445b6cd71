"""Fixtures: every engine test runs on real SQLite and on real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from khiw.db import Database  # noqa: E402
from tests.fixtures import new_database, pg_problem, pg_schema_url, with_office  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """qutebrowser's rule: a test that uses qtbot is a GUI test, marked so automatically."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'khiw.db'}"
        return
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    with pg_schema_url() as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty database."""
    database = new_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def office(db: Database) -> Database:
    """A database holding the example office (open all day, four counters, four staff)."""
    return with_office(db)


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[Database]:
    """The example office on a SQLite file, for what does not depend on the database (a
    ticket's rendering, the CLI's ticket commands)."""
    db = with_office(new_database(f"sqlite:///{tmp_path / 'khiw.db'}"))
    yield db
    db.dispose()
