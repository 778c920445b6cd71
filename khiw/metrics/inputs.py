"""What a report is computed from: the period's facts and the names that go with them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from khiw.metrics.facts import Facts
from khiw.metrics.figures import SettingsChange
from khiw.metrics.satisfaction import Answer


@dataclass(frozen=True)
class ServiceInfo:
    """What the report shows of a service."""

    id: int
    code: str
    prefix: str
    name_th: str
    name_en: str
    standard_minutes: int
    order: int = 0


@dataclass(frozen=True)
class CounterInfo:
    """What the report shows of a counter."""

    id: int
    number: int
    name: str


@dataclass(frozen=True)
class StaffInfo:
    """What the report shows of a staff member."""

    id: int
    username: str
    display_name: str


@dataclass
class ReportInput:
    """The facts of a period and what is needed to name and judge them.

    ``horizon_ms`` is the period's end or now, whichever is earlier: tickets and counters
    still open count until then. ``answers`` are the survey answers of the period's tickets.
    """

    facts: Facts
    services: list[ServiceInfo]
    counters: list[CounterInfo]
    staff: list[StaffInfo]
    wait_target_minutes: int
    start_ms: int
    end_ms: int
    horizon_ms: int
    answers: Sequence[Answer] = ()
    settings_changes: tuple[SettingsChange, ...] = ()

    def service(self, service_id: int) -> ServiceInfo | None:
        """The service with this id (None for one deleted since)."""
        return next((s for s in self.services if s.id == service_id), None)

    def counter(self, counter_id: int) -> CounterInfo | None:
        """The counter with this id."""
        return next((c for c in self.counters if c.id == counter_id), None)

    def staff_member(self, staff_id: int) -> StaffInfo | None:
        """The staff member with this id."""
        return next((s for s in self.staff if s.id == staff_id), None)
