"""Slips to render: issued on a real database, or built by hand for layout tests."""

from __future__ import annotations

import dataclasses

import pytest

from khiw.db import Database
from khiw.engine.tickets import TicketSlip, issue_slip
from khiw.models import Priority
from tests.fixtures import MORNING


@pytest.fixture
def slip(sqlite_office: Database) -> TicketSlip:
    """An elderly-lane ticket for the service with the longest Thai name, two people ahead."""
    for _ in range(2):
        sqlite_office.run(issue_slip, service="WEL", priority=Priority.ELDERLY, now=MORNING)
    return sqlite_office.run(issue_slip, service="WEL", priority=Priority.ELDERLY, now=MORNING)


def with_settings(slip: TicketSlip, **changes: object) -> TicketSlip:
    """``slip`` with other ticket settings (English off, Thai digits, …)."""
    return dataclasses.replace(slip, **changes)
