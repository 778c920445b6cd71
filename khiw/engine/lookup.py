"""Finding offices, services, counters, staff and tickets by the names people use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from khiw.clock import local_day
from khiw.config import PolicyConfig
from khiw.engine.results import TicketView
from khiw.errors import NotFound
from khiw.models import Counter, CounterService, Office, Service, Staff, Ticket
from khiw.models.ids import CounterId, ServiceId, StaffId

# The lookups every operation makes, built once (building a statement costs more Python time
# than running it on a warm connection).
_OFFICES = select(Office).order_by(Office.id).limit(2)
_OFFICE_BY_CODE = select(Office).where(Office.code == bindparam("code"))
_SERVICE_BY_CODE = select(Service).where(Service.office_id == bindparam("office_id"), Service.code == bindparam("code"))
_COUNTER = select(Counter).where(Counter.office_id == bindparam("office_id"), Counter.number == bindparam("number"), Counter.active)
_COUNTER_LOCKED = _COUNTER.with_for_update()
_COUNTER_SERVICES = (
    select(Service)
    .join(CounterService, CounterService.service_id == Service.id)
    .where(CounterService.counter_id == bindparam("counter_id"), Service.active)
    .order_by(CounterService.position)
)


def office(session: Session, code: str | None = None) -> Office:
    """The office with ``code``; without a code, the only office in the database.

    Found once per transaction: reads that compose several engine functions (a kiosk tap's
    slip, a board or counter snapshot) each ask for the office, and it cannot change under
    them. Every session is one transaction (see ``khiw.db``), so ``session.info`` is fresh.
    """
    key = ("khiw.office", code)
    cached = session.info.get(key)
    if cached is not None:
        return cached
    if code:
        found = session.execute(_OFFICE_BY_CODE, {"code": code}).scalar_one_or_none()
        if found is None:
            raise NotFound("office", code)
    else:
        offices = session.execute(_OFFICES).scalars().all()
        if not offices:
            raise NotFound("office", "(none configured; run `khiw init --config FILE`)")
        if len(offices) > 1:
            raise NotFound("office", "(several offices: choose one with --office CODE)")
        found = offices[0]
    session.info[key] = found
    return found


def policy(office: Office) -> PolicyConfig:
    """The office's queue policy as stored by ``khiw init``."""
    return PolicyConfig.model_validate(office.policy or {})


#: The largest id or number a 32-bit integer column (PostgreSQL ``integer``) holds.
MAX_ID = 2**31 - 1


def service(session: Session, office: Office, code: str) -> Service:
    """The office's service with ``code`` (case-insensitive)."""
    found = session.execute(_SERVICE_BY_CODE, {"office_id": office.id, "code": code.upper()}).scalar_one_or_none()
    if found is None and code != code.upper():
        found = session.execute(_SERVICE_BY_CODE, {"office_id": office.id, "code": code}).scalar_one_or_none()
    if found is None:
        raise NotFound("service", code)
    return found


def counter(session: Session, office: Office, number: int, *, lock: bool = False) -> Counter:
    """The office's counter with ``number``; ``lock`` serialises concurrent changes to it."""
    if not 0 < number <= MAX_ID:  # a number no column can hold cannot be a counter (nor crash the driver)
        raise NotFound("counter", number)
    query = _COUNTER_LOCKED if lock else _COUNTER
    found = session.execute(query, {"office_id": office.id, "number": number}).scalar_one_or_none()
    if found is None:
        raise NotFound("counter", number)
    return found


def counter_services(session: Session, counter_id: CounterId) -> list[Service]:
    """The active services a counter serves, main service first."""
    return list(session.execute(_COUNTER_SERVICES, {"counter_id": counter_id}).scalars())


def staff(session: Session, username: str) -> Staff:
    """The active staff account ``username``."""
    found = session.execute(select(Staff).where(Staff.username == username, Staff.active)).scalar_one_or_none()
    if found is None:
        raise NotFound("staff", username)
    return found


def ticket(session: Session, office: Office, ref: str | int, now: datetime, *, lock: bool = False) -> Ticket:
    """A ticket by id (``123``) or by today's code (``A012``); ``lock`` takes its row lock."""
    query = select(Ticket).where(Ticket.office_id == office.id)
    text = str(ref).strip()
    if text.isascii() and text.isdigit():  # not "²", which isdigit() but int() refuses
        if not 0 < int(text) <= MAX_ID:
            raise NotFound("ticket", ref)
        query = query.where(Ticket.id == int(text))
    else:
        query = query.where(Ticket.code == text.upper(), Ticket.service_day == local_day(now, office.timezone))
    if lock:
        query = query.with_for_update()
    found = session.execute(query.execution_options(populate_existing=True)).scalar_one_or_none()
    if found is None:
        raise NotFound("ticket", ref)
    return found


def view(session: Session, t: Ticket) -> TicketView:
    """The ticket as plain data (service, counter and staff resolved)."""
    svc = session.get_one(Service, t.service_id)
    off = session.get_one(Office, t.office_id)
    counter_number = session.get_one(Counter, t.counter_id).number if t.counter_id else None
    username = session.get_one(Staff, t.staff_id).username if t.staff_id else None
    return TicketView(
        id=t.id,
        code=t.code,
        number=t.number,
        office_code=off.code,
        service_code=svc.code,
        service_name_th=svc.name_th,
        service_name_en=svc.name_en,
        standard_minutes=svc.standard_minutes,
        priority=t.priority,
        status=t.status,
        service_day=t.service_day,
        issued_at=t.issued_at,
        queued_at=t.queued_at,
        called_at=t.called_at,
        started_at=t.started_at,
        finished_at=t.finished_at,
        recalls=t.recalls,
        counter_number=counter_number,
        staff_username=username,
        token=t.token,
        transferred_from=t.transferred_from_id,
    )


def service_ids(services: list[Service]) -> list[ServiceId]:
    """Ids of ``services`` in order."""
    return [s.id for s in services]


def staff_by_id(session: Session, staff_id: StaffId | None) -> Staff | None:
    """The staff row for an id, or None."""
    return session.get(Staff, staff_id) if staff_id is not None else None
