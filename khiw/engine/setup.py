"""Applying ``khiw.toml`` to the database: create or update, never delete.

Services, counters and staff are matched by code, number and username. One that is no
longer in the file is switched off (``active = False``), so its history stays reportable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.config import KhiwConfig
from khiw.engine import eventlog
from khiw.engine.auth import hash_pin, pin_matches
from khiw.models import Counter, CounterService, EventKind, Office, Service, Staff
from khiw.models.ids import CounterId, ServiceId


def apply_config(session: Session, cfg: KhiwConfig, *, now: datetime | None = None) -> dict[str, int]:
    """Make the database match ``cfg`` for its office; returns counts of what was written."""
    now = resolve(now)
    office = session.execute(select(Office).where(Office.code == cfg.office.code)).scalar_one_or_none()
    if office is None:
        office = Office(code=cfg.office.code)
        session.add(office)
    office.name_th, office.name_en = cfg.office.name_th, cfg.office.name_en
    office.timezone = cfg.office.timezone
    office.opens, office.closes = cfg.office.opens, cfg.office.closes
    office.policy = cfg.policy.model_dump(mode="json")
    office.ticket = cfg.ticket.model_dump(mode="json")
    session.flush()

    services = {s.code: s for s in session.execute(select(Service).where(Service.office_id == office.id)).scalars()}
    for svc in services.values():
        svc.active = False
        svc.prefix = svc.prefix.lower()  # frees prefixes while they are reassigned below
    session.flush()
    for item in cfg.services:
        svc = services.get(item.code) or Service(office_id=office.id, code=item.code)
        services[item.code] = svc
        session.add(svc)
        svc.prefix, svc.name_th, svc.name_en = item.prefix, item.name_th, item.name_en
        svc.standard_minutes, svc.daily_cap, svc.display_order = item.standard_minutes, item.daily_cap, item.order
        svc.opens, svc.closes, svc.color, svc.icon, svc.active = item.opens, item.closes, item.color, item.icon, item.active
        svc.published = item.published
    session.flush()

    counters = {c.number: c for c in session.execute(select(Counter).where(Counter.office_id == office.id)).scalars()}
    for desk in counters.values():
        desk.active = False
    for item in cfg.counters:
        desk = counters.get(item.number) or Counter(office_id=office.id, number=item.number)
        counters[item.number] = desk
        session.add(desk)
        desk.name, desk.active = item.name, item.active
        session.flush()
        set_counter_services(session, desk.id, [services[code].id for code in item.services])
    session.flush()

    accounts = {s.username: s for s in session.execute(select(Staff)).scalars()}
    for account in accounts.values():
        if account.office_id == office.id:
            account.active = False
    for item in cfg.staff:
        account = accounts.get(item.username) or Staff(office_id=office.id, username=item.username, failed_pins=0)
        session.add(account)
        account.office_id, account.display_name, account.role, account.active = office.id, item.display_name, item.role, item.active
        if item.pin_hash is not None:
            account.pin_hash = item.pin_hash
        elif item.pin is not None and not (account.pin_hash and pin_matches(account.pin_hash, item.pin)):
            account.pin_hash = hash_pin(item.pin)
    session.flush()
    counts = {"services": len(cfg.services), "counters": len(cfg.counters), "staff": len(cfg.staff)}
    roster = staff_roster(session.execute(select(Staff).where(Staff.office_id == office.id)).scalars())
    eventlog.append(session, kind=EventKind.CONFIG_APPLIED, at=now, office_id=office.id, data={**counts, "roster": roster})
    return counts


def staff_roster(accounts: Iterable[Staff]) -> dict[str, dict[str, object]]:
    """What the log records of each staff account, so that the audit can tell an account
    edited in the database (a role raised, a PIN replaced) from one set by ``khiw init``.

    The PIN appears only as a fingerprint of its argon2 hash.
    """
    return {
        a.username: {
            "name": a.display_name,
            "role": str(a.role),
            "active": bool(a.active),
            "pin": hashlib.sha256(a.pin_hash.encode()).hexdigest()[:16],
        }
        for a in accounts
    }


def set_counter_services(session: Session, counter_id: CounterId, wanted: list[ServiceId]) -> None:
    """Make ``wanted`` the counter's services, in that order (main service first): links no
    longer wanted are removed, the others kept with their new position (``khiw init`` and the
    admin tab's counter edit both say it this way)."""
    existing = {link.service_id: link for link in session.execute(select(CounterService).where(CounterService.counter_id == counter_id)).scalars()}
    for service_id, link in existing.items():
        if service_id not in wanted:
            session.delete(link)
    for position, service_id in enumerate(wanted):
        link = existing.get(service_id) or CounterService(counter_id=counter_id, service_id=service_id)
        link.position = position
        session.add(link)
