"""Answering the satisfaction survey: the one write the public side of Khiw can make.

Only the holder of a ticket's token can answer, once, after the ticket was served, within
the office's allowed days. The answer and its ``survey_answered`` event are written in the
caller's transaction, so the event log proves every answer like every ticket change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog
from khiw.engine.citizen import SurveyState, find_ticket, survey_state
from khiw.engine.results import _Result
from khiw.errors import SurveyAlreadyAnswered, SurveyClosed
from khiw.models import EventKind, SurveyDimension, SurveyResponse

MAX_COMMENT = 1000  # characters; a comment is a sentence or two, not a letter


@dataclass(frozen=True, slots=True)
class SurveyAnswered(_Result):
    """The stored answer: ``score`` is the overall answer (the dimensions' mean, rounded half up)."""

    ticket_id: int
    score: int
    event_id: int


def overall_score(answers: dict[SurveyDimension, int]) -> int:
    """The one overall score kept beside the dimensions: their mean rounded half up (3.5 → 4)."""
    mean = Decimal(sum(answers.values())) / len(answers)
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def answer_survey(
    session: Session,
    *,
    ticket_id: int,
    token: str,
    answers: dict[SurveyDimension, int],
    comment: str = "",
    survey_days: int = 7,
    now: datetime | None = None,
) -> SurveyAnswered:
    """Store the answer of ticket ``ticket_id``'s holder.

    Raises :class:`NotFound` (wrong token or no such ticket), :class:`SurveyClosed`
    (not served, or too late), :class:`SurveyAlreadyAnswered`, and ``ValueError`` for a
    dimension missing or outside 1..5 or a comment over :data:`MAX_COMMENT` characters.
    """
    now = resolve(now)
    if set(answers) != set(SurveyDimension) or any(not 1 <= int(v) <= 5 for v in answers.values()):
        raise ValueError("every dimension needs an answer from 1 to 5")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValueError(f"the comment is longer than {MAX_COMMENT} characters")
    ticket = find_ticket(session, ticket_id, token)
    # Serialise answers of the same ticket (PostgreSQL row lock; SQLite writes are serial).
    session.refresh(ticket, with_for_update=True)
    state, _ = survey_state(session, ticket, survey_days, now)
    if state == SurveyState.ANSWERED:
        raise SurveyAlreadyAnswered(ticket.id)
    if state != SurveyState.OPEN:
        raise SurveyClosed(ticket.id, "expired" if state == SurveyState.EXPIRED else "not_served")
    score = overall_score(answers)
    values = {dim.value: int(answers[dim]) for dim in SurveyDimension}
    session.add(SurveyResponse(ticket_id=ticket.id, answered_at=now, score=score, comment=comment, **values))
    event_id = eventlog.append(
        session,
        kind=EventKind.SURVEY_ANSWERED,
        at=now,
        office_id=ticket.office_id,
        ticket=ticket,
        counter_id=ticket.counter_id,
        data={"score": score, **values, "comment": comment},
    )
    return SurveyAnswered(ticket_id=ticket.id, score=score, event_id=event_id)
