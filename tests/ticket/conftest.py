"""Slips to render: issued on a real database, or built by hand for layout tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from khiw.db import Database
from khiw.engine.tickets import TicketSlip, issue_slip
from khiw.models import Priority
from tests.fixtures import MORNING, new_database, with_office


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Database:
    """The example office on a SQLite file (rendering does not depend on the database)."""
    db = with_office(new_database(f"sqlite:///{tmp_path / 'khiw.db'}"))
    yield db
    db.dispose()


@pytest.fixture
def slip(sqlite_office: Database) -> TicketSlip:
    """An elderly-lane ticket for the service with the longest Thai name, two people ahead."""
    for _ in range(2):
        sqlite_office.run(issue_slip, service="WEL", priority=Priority.ELDERLY, now=MORNING)
    return sqlite_office.run(issue_slip, service="WEL", priority=Priority.ELDERLY, now=MORNING)


def with_settings(slip: TicketSlip, **changes: object) -> TicketSlip:
    """``slip`` with other ticket settings (English off, Thai digits, …)."""
    return dataclasses.replace(slip, **changes)
