"""The survey answer as an engine operation: once, after service, in the hash chain."""

from __future__ import annotations

from datetime import timedelta

import pytest

from khiw.db import Database
from khiw.engine import SurveyDimension, call_next, finish, issue, start
from khiw.engine.audit import verify_chain
from khiw.engine.citizen import SurveyState, citizen_ticket
from khiw.engine.position import TicketPosition, ticket_position
from khiw.engine.survey import answer_survey, overall_score
from khiw.errors import NotFound, SurveyAlreadyAnswered, SurveyClosed
from tests.fixtures import MORNING

MINUTE = timedelta(minutes=1)
FOURS = dict.fromkeys(SurveyDimension, 4)


def served(db: Database, service: str = "TAX") -> tuple[int, str]:
    ticket = db.run(issue, service=service, now=MORNING).ticket
    db.run(call_next, counter=1, now=MORNING + MINUTE)
    db.run(start, ticket=ticket.id, now=MORNING + 2 * MINUTE)
    db.run(finish, ticket=ticket.id, now=MORNING + 5 * MINUTE)
    return ticket.id, ticket.token


class TestAnswerSurvey:
    def test_the_answer_and_its_event_are_in_the_chain(self, office: Database) -> None:
        ticket_id, token = served(office)
        done = office.run(answer_survey, ticket_id=ticket_id, token=token, answers=FOURS, now=MORNING + 6 * MINUTE)
        assert done.score == 4
        assert office.query(verify_chain).ok
        view = office.query(citizen_ticket, ticket_id=ticket_id, token=token, now=MORNING + 7 * MINUTE)
        assert view.survey == SurveyState.ANSWERED

    def test_one_answer_per_ticket(self, office: Database) -> None:
        ticket_id, token = served(office)
        office.run(answer_survey, ticket_id=ticket_id, token=token, answers=FOURS, now=MORNING + 6 * MINUTE)
        with pytest.raises(SurveyAlreadyAnswered):
            office.run(answer_survey, ticket_id=ticket_id, token=token, answers=FOURS, now=MORNING + 7 * MINUTE)

    def test_closes_after_the_allowed_days(self, office: Database) -> None:
        ticket_id, token = served(office)
        finished = MORNING + 5 * MINUTE
        with pytest.raises(SurveyClosed) as err:
            office.run(answer_survey, ticket_id=ticket_id, token=token, answers=FOURS, survey_days=2, now=finished + timedelta(days=2))
        assert err.value.reason == "expired"
        office.run(answer_survey, ticket_id=ticket_id, token=token, answers=FOURS, survey_days=2, now=finished + timedelta(days=2) - MINUTE)

    def test_an_unserved_ticket_cannot_answer(self, office: Database) -> None:
        ticket = office.run(issue, service="TAX", now=MORNING).ticket
        with pytest.raises(SurveyClosed) as err:
            office.run(answer_survey, ticket_id=ticket.id, token=ticket.token, answers=FOURS, now=MORNING + MINUTE)
        assert err.value.reason == "not_served"

    def test_a_wrong_token_is_not_found(self, office: Database) -> None:
        ticket_id, _ = served(office)
        with pytest.raises(NotFound):
            office.run(answer_survey, ticket_id=ticket_id, token="guess", answers=FOURS, now=MORNING + 6 * MINUTE)
        with pytest.raises(NotFound):
            office.run(answer_survey, ticket_id=ticket_id + 99, token="guess", answers=FOURS, now=MORNING + 6 * MINUTE)

    @pytest.mark.parametrize("bad", [{SurveyDimension.PROCESS: 5}, {**FOURS, SurveyDimension.STAFF: 6}, {**FOURS, SurveyDimension.STAFF: 0}])
    def test_every_dimension_from_one_to_five(self, office: Database, bad: dict[SurveyDimension, int]) -> None:
        ticket_id, token = served(office)
        with pytest.raises(ValueError, match="every dimension"):
            office.run(answer_survey, ticket_id=ticket_id, token=token, answers=bad, now=MORNING + 6 * MINUTE)


def test_the_overall_score_rounds_half_up() -> None:
    dims = list(SurveyDimension)
    assert overall_score(dict(zip(dims, [4, 4, 3, 3], strict=True))) == 4  # 3.5
    assert overall_score(dict(zip(dims, [4, 3, 3, 3], strict=True))) == 3  # 3.25
    assert overall_score(dict(zip(dims, [5, 5, 5, 4], strict=True))) == 5  # 4.75


class TestPosition:
    def test_ahead_and_wait_while_waiting_and_zero_after(self, office: Database) -> None:
        first = office.run(issue, service="TAX", now=MORNING).ticket
        second = office.run(issue, service="TAX", now=MORNING).ticket
        position = office.query(ticket_position, ticket_id=second.id, now=MORNING)
        assert position == TicketPosition(ahead=1, estimated_wait_minutes=10)  # TAX's standard time, no counter open
        office.run(call_next, counter=1, now=MORNING + MINUTE)
        assert office.query(ticket_position, ticket_id=second.id, now=MORNING + MINUTE).ahead == 0
        assert office.query(ticket_position, ticket_id=first.id, now=MORNING + MINUTE) == TicketPosition(0, 0)
        with pytest.raises(NotFound):
            office.query(ticket_position, ticket_id=999, now=MORNING)


def test_many_positions_at_once_follow_the_one_rule(office: Database) -> None:
    """ticket_positions (the live pages) gives every ticket what ticket_position gives it
    alone, with both lanes waiting (the interleave puts the first priority ticket first)."""
    from khiw.engine import Priority
    from khiw.engine.position import ticket_positions

    issued = [
        office.run(issue, service="REG", priority=priority, now=MORNING + i * MINUTE)
        for i, priority in enumerate([Priority.NONE, Priority.ELDERLY, Priority.NONE, Priority.PREGNANT, Priority.NONE])
    ]
    now = MORNING + 10 * MINUTE
    found = office.query(ticket_positions, ticket_ids=[t.ticket.id for t in issued] + [9999], now=now)
    assert [found[t.ticket.id].ahead for t in issued] == [1, 0, 2, 3, 4]
    assert [found[t.ticket.id] for t in issued] == [office.query(ticket_position, ticket_id=t.ticket.id, now=now) for t in issued]
    assert 9999 not in found


def test_two_answers_at_once_store_one(office: Database) -> None:
    """A double tap on two phones: the ticket's row lock lets exactly one answer in."""
    from concurrent.futures import ThreadPoolExecutor

    ticket_id, token = served(office)

    def answer(score: int) -> str:
        try:
            office.run(answer_survey, ticket_id=ticket_id, token=token, answers=dict.fromkeys(SurveyDimension, score), now=MORNING + 6 * MINUTE)
        except SurveyAlreadyAnswered:
            return "refused"
        return "stored"

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(answer, [1, 2, 3, 4]))
    assert outcomes == ["refused", "refused", "refused", "stored"]
    assert office.query(verify_chain).ok
