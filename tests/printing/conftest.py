"""The ticket tests' slip fixtures, reused: printing tests print real tickets."""

from tests.ticket.conftest import slip, sqlite_office  # noqa: F401
