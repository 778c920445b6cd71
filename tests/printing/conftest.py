"""The ticket tests' slip fixture, reused: printing tests print real tickets."""

from tests.ticket.conftest import slip  # noqa: F401
