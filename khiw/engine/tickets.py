"""What a printed ticket says: the ticket with its office, queue position and ticket settings.

The kiosk issues and reads the slip in one transaction (:func:`issue_slip`), so the people
ahead and the wait on the paper are the ones of the moment it was issued; a reprint
(:func:`ticket_slip`) shows them as they are now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlalchemy.orm import Session

from khiw.clock import local, resolve
from khiw.config import TicketConfig
from khiw.engine import lookup
from khiw.engine.issuing import issue
from khiw.engine.position import ticket_position
from khiw.engine.results import TicketView, _Result
from khiw.models import Office, Priority


@dataclass(frozen=True, slots=True)
class TicketSlip(_Result):
    """Everything a ticket shows. ``issued_local`` is in the office's time zone; ``qr_url`` is
    the office's template filled with the ticket id and its unguessable token."""

    ticket: TicketView
    office_name_th: str
    office_name_en: str
    issued_local: datetime
    ahead: int
    estimated_wait_minutes: int
    qr_url: str
    footer_th: str
    footer_en: str
    show_english: bool
    thai_digits: bool
    show_standard_time: bool = True


def ticket_settings(office: Office) -> TicketConfig:
    """The office's ``[ticket]`` settings as stored by ``khiw init`` (defaults if none)."""
    return TicketConfig.model_validate(office.ticket or {})


def qr_url(template: str, ticket_id: int, token: str) -> str:
    """``template`` with ``{ticket_id}`` and ``{token}`` filled in (other braces left alone)."""
    return template.replace("{ticket_id}", str(ticket_id)).replace("{token}", quote(token, safe=""))


def ticket_slip(
    session: Session,
    *,
    ticket: str | int,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketSlip:
    """The slip of an existing ticket (id or today's code), for a reprint or a preview.

    People ahead and the wait are counted now; a ticket no longer waiting has none ahead.
    """
    now = resolve(now)
    where = lookup.office(session, office)
    row = lookup.ticket(session, where, ticket, now)
    position = ticket_position(session, ticket_id=row.id, now=now)
    return _slip(where, lookup.view(session, row), position.ahead, position.estimated_wait_minutes)


def issue_slip(
    session: Session,
    *,
    service: str,
    priority: Priority = Priority.NONE,
    office: str | None = None,
    now: datetime | None = None,
) -> TicketSlip:
    """Issue a ticket (see :func:`khiw.engine.issue`, same errors) and return its slip."""
    issued = issue(session, service=service, priority=priority, office=office, now=now)
    where = lookup.office(session, office)
    return _slip(where, issued.ticket, issued.ahead, issued.estimated_wait_minutes)


def _slip(where: Office, view: TicketView, ahead: int, wait: int) -> TicketSlip:
    settings = ticket_settings(where)
    return TicketSlip(
        ticket=view,
        office_name_th=where.name_th,
        office_name_en=where.name_en,
        issued_local=local(view.issued_at, where.timezone),
        ahead=ahead,
        estimated_wait_minutes=wait,
        qr_url=qr_url(settings.qr_url, view.id, view.token),
        footer_th=settings.footer_th,
        footer_en=settings.footer_en,
        show_english=settings.show_english,
        thai_digits=settings.thai_digits,
        show_standard_time=settings.show_standard_time,
    )
