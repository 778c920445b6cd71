"""A fortnight of simulated history (``khiw simulate --seed``) shared by the planner's tests."""

from __future__ import annotations

import pytest

from khiw.cli.main import main
from tests.fixtures import EXAMPLE

FIRST_DAY = "2026-06-01"  # a Monday
PERIOD = "2026-06-01..2026-06-14"
LOAD = 150.0


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database holding the example office and 14 simulated days (10 open weekdays).

    Built once per test run (it takes the engine a while); the tests never change its history.
    """
    db = f"sqlite:///{tmp_path_factory.mktemp('plan') / 'history.db'}"
    assert main(["--db", db, "init", "--config", str(EXAMPLE), "--json"]) == 0
    assert main(["--db", db, "simulate", "--days", "14", "--seed", "5", "--start", FIRST_DAY, "--load", str(LOAD), "--json"]) == 0
    return db
