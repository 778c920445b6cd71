"""What a citizen's phone shows for their ticket: found only with the ticket's secret token.

The QR code printed on the ticket carries its id and token. A wrong token and a missing
ticket are the same :class:`NotFound`, and the token is compared in constant time even when
the ticket does not exist, so the page reveals neither which ids exist nor how close a
guess came.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import local, resolve
from khiw.engine.eventlog import last_event_id
from khiw.engine.position import TicketPosition, ticket_position, ticket_positions
from khiw.engine.results import _Result
from khiw.errors import NotFound
from khiw.models import Counter, Office, Priority, Service, SurveyResponse, Ticket, TicketStatus

_DUMMY_TOKEN = "x" * 43  # compared against when the ticket is missing: the same work either way


class SurveyState(StrEnum):
    """Whether the ticket's holder may answer the satisfaction survey now."""

    NOT_YET = "not_yet"  # still waiting, called or being served
    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"  # more than the allowed days after service
    NOT_SERVED = "not_served"  # no-show, cancelled, expired unserved, transferred on


@dataclass(frozen=True, slots=True)
class CitizenTicket(_Result):
    """One ticket as its holder sees it. ``next_ticket_id``/``next_token``: where a transfer
    sent the citizen (the same person holds both tickets). ``survey_until``: when the survey closes."""

    id: int
    code: str
    status: TicketStatus
    priority: Priority
    service_id: int
    service_code: str
    service_name_th: str
    service_name_en: str
    office_name_th: str
    office_name_en: str
    issued_local: datetime
    counter_number: int | None
    ahead: int
    estimated_wait_minutes: int
    next_ticket_id: int | None
    next_token: str | None
    next_code: str | None
    survey: SurveyState
    survey_until: datetime | None


def find_ticket(session: Session, ticket_id: int, token: str) -> Ticket:
    """The ticket ``ticket_id`` if ``token`` is its token, else :class:`NotFound` (either way)."""
    ticket = session.get(Ticket, ticket_id) if 0 < ticket_id < 2**63 else None
    expected = ticket.token if ticket is not None else _DUMMY_TOKEN
    matches = hmac.compare_digest(expected.encode(), token.encode())
    if ticket is None or not matches:
        raise NotFound("ticket", ticket_id)
    return ticket


def survey_state(session: Session, ticket: Ticket, survey_days: int, now: datetime) -> tuple[SurveyState, datetime | None]:
    """May the holder answer now, and until when."""
    if ticket.status.is_open:
        return SurveyState.NOT_YET, None
    if ticket.status != TicketStatus.DONE or ticket.finished_at is None:
        return SurveyState.NOT_SERVED, None
    until = ticket.finished_at + timedelta(days=survey_days)
    if session.get(SurveyResponse, ticket.id) is not None:
        return SurveyState.ANSWERED, until
    return (SurveyState.OPEN if now < until else SurveyState.EXPIRED), until


def citizen_ticket(session: Session, *, ticket_id: int, token: str, survey_days: int = 7, now: datetime | None = None) -> CitizenTicket:
    """The ticket page's content; :class:`NotFound` for a wrong token or a missing ticket."""
    now = resolve(now)
    ticket = find_ticket(session, ticket_id, token)
    # Held while the position and the view look them up by key (the identity map is weak).
    _held = (session.get_one(Office, ticket.office_id), session.get_one(Service, ticket.service_id))
    return _view(session, ticket, ticket_position(session, ticket_id=ticket.id, now=now), survey_days, now)


def _view(session: Session, ticket: Ticket, position: TicketPosition, survey_days: int, now: datetime) -> CitizenTicket:
    office = session.get_one(Office, ticket.office_id)
    svc = session.get_one(Service, ticket.service_id)
    following = None
    if ticket.status == TicketStatus.TRANSFERRED:
        following = session.execute(select(Ticket).where(Ticket.transferred_from_id == ticket.id)).scalar_one_or_none()
    state, until = survey_state(session, ticket, survey_days, now)
    return CitizenTicket(
        id=ticket.id,
        code=ticket.code,
        status=ticket.status,
        priority=ticket.priority,
        service_id=svc.id,
        service_code=svc.code,
        service_name_th=svc.name_th,
        service_name_en=svc.name_en,
        office_name_th=office.name_th,
        office_name_en=office.name_en,
        issued_local=local(ticket.issued_at, office.timezone),
        counter_number=session.get_one(Counter, ticket.counter_id).number if ticket.counter_id else None,
        ahead=position.ahead,
        estimated_wait_minutes=position.estimated_wait_minutes,
        next_ticket_id=following.id if following else None,
        next_token=following.token if following else None,
        next_code=following.code if following else None,
        survey=state,
        survey_until=local(until, office.timezone) if until else None,
    )

def citizen_ticket_as_of(session: Session, *, ticket_id: int, token: str, survey_days: int = 7) -> tuple[CitizenTicket, int]:
    """:func:`citizen_ticket` and the newest event it includes, for a live page (one snapshot)."""
    return citizen_ticket(session, ticket_id=ticket_id, token=token, survey_days=survey_days), last_event_id(session)


def live_tickets(
    session: Session, *, tickets: list[tuple[int, str]], survey_days: int = 7, now: datetime | None = None
) -> dict[int, CitizenTicket | None]:
    """:func:`citizen_ticket` of each ``(id, token)`` in one transaction and a few queries (the
    positions of a whole queue are read at once); None where the ticket or token is wrong."""
    now = resolve(now)
    tokens = dict(tickets)
    # Held here: the session's identity map keeps objects only while someone does, and every
    # view below looks its ticket, office, service and counter up by key.
    rows = {t.id: t for t in session.execute(select(Ticket).where(Ticket.id.in_(list(tokens)))).scalars()}
    _held = [
        *session.execute(select(Service).where(Service.id.in_({t.service_id for t in rows.values()}))).scalars(),
        *session.execute(select(Office).where(Office.id.in_({t.office_id for t in rows.values()}))).scalars(),
        *session.execute(select(Counter).where(Counter.id.in_({t.counter_id for t in rows.values() if t.counter_id}))).scalars(),
    ]
    positions = ticket_positions(session, ticket_ids=list(rows), now=now)
    out: dict[int, CitizenTicket | None] = {}
    for ticket_id, token in tokens.items():
        ticket = rows.get(ticket_id)
        if ticket is None or ticket_id not in positions or not hmac.compare_digest(ticket.token.encode(), token.encode()):
            out[ticket_id] = None
            continue
        out[ticket_id] = _view(session, ticket, positions[ticket_id], survey_days, now)
    return out
