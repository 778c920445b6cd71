"""One vocabulary per concept: every value of an enum has its Thai and English name, once."""

from __future__ import annotations

import pytest

from khiw.metrics.facts import PAUSE_REASONS, PRIORITIES
from khiw.models.enums import PauseReason, Priority
from khiw.ticket import words
from khiw.vocabulary import PAUSE_REASON_NAMES, PRIORITY_NAMES


@pytest.mark.parametrize(("enum", "names"), [(Priority, PRIORITY_NAMES), (PauseReason, PAUSE_REASON_NAMES)])
def test_every_value_is_named_in_thai_and_english(enum: type, names: dict) -> None:
    assert list(names) == list(enum)
    assert all(name.th and name.en for name in names.values())
    assert len({n.th for n in names.values()}) == len(names) == len({n.en for n in names.values()})


def test_the_report_codes_follow_the_declared_order() -> None:
    # The day cache stores these as positions: a new member must be appended, never inserted.
    assert PRIORITIES == ("none", "elderly", "disabled", "pregnant", "monk")
    assert PAUSE_REASONS == ("lunch", "meeting", "other")


def test_the_ticket_names_a_priority_class_as_everyone_else_does() -> None:
    for priority in Priority:
        if priority.is_priority:
            assert (words.PRIORITY_TH[priority], words.PRIORITY_EN[priority]) == (PRIORITY_NAMES[priority].th, PRIORITY_NAMES[priority].en)
    assert words.PRIORITY_TH[Priority.NONE] == "บัตรคิวทั่วไป"  # the kiosk's button: "the general queue ticket"
