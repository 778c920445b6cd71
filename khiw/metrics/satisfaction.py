"""The satisfaction survey's results in the form Thai offices report them (ITA).

Per dimension and overall: the mean (x̄), the standard deviation (S.D., of a sample: n - 1),
the percentage (x̄ / 5 × 100) and the level of the five-level scale, read from the mean
rounded to two decimals as printed: 4.21–5.00 มากที่สุด, 3.41–4.20 มาก, 2.61–3.40 ปานกลาง,
1.81–2.60 น้อย, 1.00–1.80 น้อยที่สุด. "Overall" (ภาพรวม) pools every item answer of every
respondent, as the forms' summary row does; an answer from before the four dimensions were
asked counts its one score as one item. The response rate is per served (finished) ticket.

Pure and typed: the engine reads the answers, this computes; the report, the public page and
the tests call the same function. :func:`public` strips what only executives may read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from khiw.models.survey import SurveyDimension

MIN_PUBLIC_GROUP = 5  # a public group with fewer answers could point at one citizen or staff member


class Level(StrEnum):
    """The five-level scale's names, from a mean (see :func:`level`)."""

    HIGHEST = "highest"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    LOWEST = "lowest"

    @property
    def name_th(self) -> str:
        return _LEVEL_NAMES[self][0]

    @property
    def name_en(self) -> str:
        return _LEVEL_NAMES[self][1]


_LEVEL_NAMES = {
    Level.HIGHEST: ("มากที่สุด", "very high"),
    Level.HIGH: ("มาก", "high"),
    Level.MODERATE: ("ปานกลาง", "moderate"),
    Level.LOW: ("น้อย", "low"),
    Level.LOWEST: ("น้อยที่สุด", "very low"),
}
_BOUNDS = ((4.21, Level.HIGHEST), (3.41, Level.HIGH), (2.61, Level.MODERATE), (1.81, Level.LOW))


def level(mean: float) -> Level:
    """The level of ``mean`` as printed with two decimals (4.205 prints 4.21: มากที่สุด)."""
    shown = math.floor(mean * 100 + 0.5) / 100
    return next((name for bound, name in _BOUNDS if shown >= bound), Level.LOWEST)


@dataclass(frozen=True, slots=True)
class Answer:
    """One survey answer with what it is grouped by. ``dimensions`` is None for an answer
    from before the four dimensions were asked (then ``score`` alone counts)."""

    ticket_id: int
    answered_at: datetime
    score: int
    dimensions: dict[SurveyDimension, int] | None
    service_code: str
    service_name_th: str
    counter_number: int | None
    staff_name: str | None
    comment: str = ""

    def items(self) -> list[int]:
        """Every item answer this respondent gave (one per dimension, or the one score)."""
        return list(self.dimensions.values()) if self.dimensions else [self.score]


@dataclass(frozen=True, slots=True)
class Measure:
    """x̄, S.D., percentage and level of ``n`` item answers."""

    n: int
    mean: float
    sd: float
    percent: float
    level: Level


def measure(values: Sequence[int]) -> Measure | None:
    """The measure of ``values`` (None when there are none). S.D. of one answer is 0."""
    n = len(values)
    if n == 0:
        return None
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    return Measure(n=n, mean=mean, sd=sd, percent=mean / 5 * 100, level=level(mean))


@dataclass(frozen=True, slots=True)
class GroupResult:
    """Respondents, each dimension's measure (None when nobody answered it) and overall."""

    key: str
    label: str
    respondents: int
    dimensions: tuple[tuple[SurveyDimension, Measure | None], ...]
    overall: Measure


@dataclass(frozen=True, slots=True)
class Comment:
    """A citizen's comment, for executives only."""

    answered_at: datetime
    service_code: str
    text: str


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """The survey section of a report, or (through :func:`public`) of the public page."""

    respondents: int
    served: int
    response_rate: float | None
    total: GroupResult | None
    by_service: tuple[GroupResult, ...]
    by_counter: tuple[GroupResult, ...]
    by_staff: tuple[GroupResult, ...]
    comments: tuple[Comment, ...]


def _group(key: str, label: str, answers: Sequence[Answer]) -> GroupResult:
    dims = tuple(
        (dim, measure([a.dimensions[dim] for a in answers if a.dimensions and dim in a.dimensions])) for dim in SurveyDimension
    )
    overall = measure([v for a in answers for v in a.items()])
    assert overall is not None  # a group exists only with answers
    return GroupResult(key=key, label=label, respondents=len(answers), dimensions=dims, overall=overall)


def _groups(answers: Iterable[Answer], key: Callable[[Answer], tuple[str, str] | None]) -> tuple[GroupResult, ...]:
    buckets: dict[tuple[str, str], list[Answer]] = defaultdict(list)
    for answer in answers:
        found = key(answer)
        if found is not None:
            buckets[found].append(answer)
    return tuple(_group(k, label, group) for (k, label), group in sorted(buckets.items()))


def satisfaction(answers: Sequence[Answer], served: int) -> Satisfaction:
    """Every figure of the survey section from the period's ``answers`` and ``served`` tickets."""
    return Satisfaction(
        respondents=len(answers),
        served=served,
        response_rate=len(answers) / served if served else None,
        total=_group("all", "ภาพรวม", answers) if answers else None,
        by_service=_groups(answers, lambda a: (a.service_code, a.service_name_th)),
        by_counter=_groups(answers, lambda a: None if a.counter_number is None else (f"{a.counter_number:03d}", f"ช่องบริการ {a.counter_number}")),
        by_staff=_groups(answers, lambda a: None if a.staff_name is None else (a.staff_name, a.staff_name)),
        comments=tuple(Comment(a.answered_at, a.service_code, a.comment) for a in sorted(answers, key=lambda a: a.answered_at) if a.comment.strip()),
    )


def public(result: Satisfaction, min_group: int = MIN_PUBLIC_GROUP) -> Satisfaction:
    """What the public may read: no comments, no staff, no group with fewer than ``min_group``
    answers (the total too: five answers a half-year could still name a citizen)."""
    return replace(
        result,
        total=result.total if result.total is not None and result.total.respondents >= min_group else None,
        by_service=tuple(g for g in result.by_service if g.respondents >= min_group),
        by_counter=tuple(g for g in result.by_counter if g.respondents >= min_group),
        by_staff=(),
        comments=(),
    )
