"""What happened to one print: printed, or which problem stopped it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PrintProblem(StrEnum):
    """Why a ticket did not print. ``REFUSED``: nothing listens at the printer's address."""

    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    TIMEOUT = "timeout"
    REFUSED = "refused"
    ERROR = "error"

    @property
    def alert(self) -> str:
        """The problem as :func:`khiw.engine.alerts.record_print` logs it for staff."""
        return PrintProblem.OFFLINE.value if self is PrintProblem.REFUSED else self.value


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """``printed`` is False with no problem when no printer is configured (screen only).

    ``paper_low``: the near-end sensor is on; it still printed, staff should add paper soon.
    """

    printed: bool
    problem: PrintProblem | None = None
    detail: str = ""
    bytes_sent: int = 0
    seconds: float = 0.0
    paper_low: bool = False

    @property
    def failed(self) -> bool:
        return self.problem is not None
