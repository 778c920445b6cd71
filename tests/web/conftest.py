"""The web station under FastAPI's test client, on the example office (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khiw.config import WebConfig
from khiw.db import Database
from khiw.engine import call_next, finish, start
from khiw.engine.tickets import TicketSlip, issue_slip
from web.app import create_app


@dataclass
class Site:
    """The office's database and a browser-like client of its web station."""

    db: Database
    client: TestClient

    def issue(self, service: str = "TAX") -> TicketSlip:
        return self.db.run(issue_slip, service=service)

    def serve(self, service: str = "TAX", counter: int = 1) -> TicketSlip:
        """A ticket issued, called to ``counter``, served and finished just now."""
        slip = self.issue(service)
        assert self.db.run(call_next, counter=counter).ticket.id == slip.ticket.id
        self.db.run(start, ticket=slip.ticket.id)
        self.db.run(finish, ticket=slip.ticket.id)
        return slip

    def page(self, slip: TicketSlip, **params: str) -> str:
        response = self.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token, **params})
        assert response.status_code == 200, response.text
        return text_of(response.text)


def text_of(html: str) -> str:
    """The visible text of a page, whitespace folded (what a person reads)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def make_client(db: Database, **settings: object) -> TestClient:
    return TestClient(create_app(db, WebConfig(**settings), live=False))  # type: ignore[arg-type]


@pytest.fixture
def site(office: Database) -> Iterator[Site]:
    with make_client(office) as client:
        yield Site(office, client)


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright never downloads a browser here
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """pytest-playwright launches Debian's chromium by its path."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install the Debian package chromium (scripts/debian-packages.txt)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """A phone: 360×740 CSS pixels, touch, Thai first."""
    return {**browser_context_args, "viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "th-TH"}
