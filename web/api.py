"""``/api/v1/``: read-only JSON for an office website or a LINE official account.

Nothing here can change anything. The queues are public; a ticket's state needs its token,
exactly as the ticket page does, and a wrong token is the same 404 as a missing ticket.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from khiw.engine.citizen import citizen_ticket
from khiw.engine.public import public_office
from khiw.errors import NotFound

router = APIRouter(tags=["queue"])


class Queue(BaseModel):
    """One service's queue now."""

    service_code: str
    prefix: str
    name_th: str
    name_en: str
    waiting: int
    estimated_wait_minutes: int
    open_counters: int
    standard_minutes: int
    open: bool


class Queues(BaseModel):
    """Every service of the office, in display order."""

    office_code: str
    office_name_th: str
    office_name_en: str
    at: datetime
    services: list[Queue]


class TicketState(BaseModel):
    """A ticket's state as its holder sees it (``counter`` once called; ``next_ticket_id`` and
    ``next_token``: the ticket a transfer sent the same citizen on to)."""

    id: int
    code: str
    status: str
    service_code: str
    ahead: int
    estimated_wait_minutes: int
    counter: int | None
    next_ticket_id: int | None
    next_token: str | None
    survey: str


def _public(response: Response) -> None:
    response.headers["access-control-allow-origin"] = "*"
    response.headers["cache-control"] = "no-cache"


@router.get("/queues", response_model=Queues, summary="Queues per service")
def queues(request: Request, response: Response) -> Queues:
    """Waiting people and the estimated wait of every service of the office, now."""
    info = request.app.state.db.query(public_office, office=request.app.state.office)
    _public(response)
    return Queues(
        office_code=info.code,
        office_name_th=info.name_th,
        office_name_en=info.name_en,
        at=info.now_local,
        services=[
            Queue(
                service_code=s.code,
                prefix=s.prefix,
                name_th=s.name_th,
                name_en=s.name_en,
                waiting=s.queue.waiting,
                estimated_wait_minutes=s.queue.estimated_wait_minutes,
                open_counters=s.queue.open_counters,
                standard_minutes=s.standard_minutes,
                open=s.queue.closed_reason is None,
            )
            for s in info.services
        ],
    )


@router.get("/tickets/{ticket_id}", response_model=TicketState, summary="A ticket's state", responses={404: {"description": "No such ticket, or a wrong token"}})
def ticket(request: Request, response: Response, ticket_id: int, k: str = Query(max_length=64, description="the token from the ticket's QR code")) -> TicketState:
    """The state of ticket ``ticket_id``; ``k`` is the token its QR code carries."""
    if ticket_id <= 0:
        raise NotFound("ticket", ticket_id)
    view = request.app.state.db.query(citizen_ticket, ticket_id=ticket_id, token=k, survey_days=request.app.state.settings.survey_days)
    response.headers["cache-control"] = "no-store"
    return TicketState(
        id=view.id,
        code=view.code,
        status=view.status.value,
        service_code=view.service_code,
        ahead=view.ahead,
        estimated_wait_minutes=view.estimated_wait_minutes,
        counter=view.counter_number,
        next_ticket_id=view.next_ticket_id,
        next_token=view.next_token,
        survey=view.survey.value,
    )
