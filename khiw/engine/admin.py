"""The supervisor's edits of the office: staff, PINs, services, counters, office settings.

Each is an engine operation like the queue's own: it takes the acting staff id and checks the
role in the database (a staff account is refused even when it calls the engine directly, and
nobody raises an account above their own role), validates the whole office with ``khiw.toml``'s
rules (:func:`khiw.engine.settings.check_settings`: one set of rules), and writes one
``SETTINGS_CHANGED`` event with who, what, the old and the new value. Nothing is saved when
anything is wrong.

Two supervisors may edit the same record at once: every edit carries ``was``, the values it
started from, and is refused with :class:`~khiw.errors.StaleEdit` (carrying the value now) if
any field it changes was changed meanwhile. The record's row is locked (``FOR UPDATE``) before
that check, so two saves at the same moment are checked one after the other: no silent
overwrite. Rows are locked before the event log's head, as every operation does.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.config import KhiwConfig
from khiw.engine import eventlog, lookup
from khiw.engine.auth import hash_pin, require
from khiw.engine.settings import check_settings, read_settings, settings_dict
from khiw.engine.setup import set_counter_services, staff_roster
from khiw.errors import InvalidSettings, NotFound, PermissionDenied, SettingProblem, StaleEdit
from khiw.models import Counter, CounterState, EventKind, Office, Role, Service, Staff
from khiw.models.ids import EventId, StaffId

#: What a supervisor may change of each record (the key itself, a code or a number, stays).
STAFF_FIELDS = ("display_name", "role", "active")
SERVICE_FIELDS = ("prefix", "name_th", "name_en", "standard_minutes", "daily_cap", "order", "opens", "closes", "active", "unit_th", "unit_en", "steps_th", "steps_en")
COUNTER_FIELDS = ("name", "services", "active")
#: The office's own fields, named as the admin tab shows them, and the ``khiw.toml`` section each lives in.
OFFICE_FIELDS = {
    "name_th": "office",
    "name_en": "office",
    "opens": "office",
    "closes": "office",
    "footer_th": "ticket",
    "footer_en": "ticket",
    "priority_lane": "policy",
}
ONE_TIME_PIN_DIGITS = 6


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's old and new value, as the event records them (JSON: times as ``HH:MM:SS``)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class SettingsChanged:
    """An edit that was saved; ``changes`` is empty (and no event written) when nothing differed.

    ``one_time_pin`` is set only by :func:`reset_pin` and :func:`add_staff` without a PIN:
    shown once to the supervisor, never stored in the clear.
    """

    section: str
    key: str
    changes: tuple[FieldChange, ...]
    event_id: EventId | None
    one_time_pin: str | None = None


def office_settings(session: Session, *, office: str | None = None) -> KhiwConfig:
    """The office's settings for the admin tab to show (and to send back as ``was``)."""
    return read_settings(session, lookup.office(session, office))


def add_staff(
    session: Session,
    *,
    actor: StaffId | None,
    username: str,
    display_name: str,
    role: Role | str = Role.STAFF,
    pin: str | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """A new account; without ``pin``, a one-time PIN is made and returned (once)."""
    here, me = _start(session, actor, office, "add staff")
    _may_give(me, role)
    one_time = None if pin else _one_time_pin()
    raw = settings_dict(session, here)
    raw["staff"].append({"username": username, "display_name": display_name, "role": role, "pin": pin or one_time})
    cfg = check_settings(raw, where=(("staff", len(raw["staff"]) - 1),))
    item = cfg.staff[-1]
    account = Staff(office_id=here.id, username=item.username, display_name=item.display_name, role=item.role, pin_hash=hash_pin(item.pin or ""), failed_pins=0, active=True)
    session.add(account)
    session.flush()
    changes = tuple(FieldChange(f, None, _plain(getattr(item, f))) for f in STAFF_FIELDS)
    return _record(session, here, me, "staff", item.username, changes, resolve(now), roster=account, one_time_pin=one_time)


def update_staff(
    session: Session,
    *,
    actor: StaffId | None,
    username: str,
    changes: Mapping[str, Any],
    was: Mapping[str, Any],
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """Rename, change the role of, or (de)activate an account; never delete (history keeps the name)."""
    here, me = _start(session, actor, office, "edit staff")
    account = _account(session, here, username)
    _may_edit(me, account)
    if "role" in changes:
        _may_give(me, changes["role"])
    if me is not None and account.id == me.id and (changes.get("active") is False or ("role" in changes and Role(changes["role"]) != account.role)):
        field = "active" if "active" in changes else "role"
        raise InvalidSettings([SettingProblem(field, "self", "you cannot switch off or change the role of your own account")])
    cfg, diff = _validate(session, here, "staff", username, "username", STAFF_FIELDS, changes, was)
    if diff:
        item = next(s for s in cfg.staff if s.username == username)
        account.display_name, account.role, account.active = item.display_name, item.role, item.active
    return _record(session, here, me, "staff", username, diff, resolve(now), roster=account)


def reset_pin(
    session: Session,
    *,
    actor: StaffId | None,
    username: str,
    pin: str | None = None,
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """Give an account a new PIN: ``pin`` as typed by the staff member, or (None) a one-time
    PIN returned once. The lock and the failure count are cleared too."""
    here, me = _start(session, actor, office, "reset a PIN")
    account = _account(session, here, username)
    _may_edit(me, account)
    one_time = None if pin else _one_time_pin()
    raw = settings_dict(session, here)
    index = next(i for i, s in enumerate(raw["staff"]) if s["username"] == username)
    raw["staff"][index] = {**raw["staff"][index], "pin": pin or one_time, "pin_hash": None}
    check_settings(raw, where=(("staff", index),))
    account.pin_hash = hash_pin(pin or one_time or "")
    account.failed_pins, account.locked_until = 0, None
    changes = (FieldChange("pin", "(set)", "(one-time)" if one_time else "(new)"),)
    return _record(session, here, me, "staff", username, changes, resolve(now), roster=account, one_time_pin=one_time)


def unlock_staff(session: Session, *, actor: StaffId | None, username: str, office: str | None = None, now: datetime | None = None) -> SettingsChanged:
    """Open an account locked by wrong PINs before its lock runs out."""
    here, me = _start(session, actor, office, "unlock staff")
    account = _account(session, here, username)
    _may_edit(me, account)
    was = account.locked_until
    account.failed_pins, account.locked_until = 0, None
    changes = (FieldChange("locked_until", was.isoformat(timespec="seconds") if was else None, None),)
    return _record(session, here, me, "staff", username, changes, resolve(now))


def update_service(
    session: Session,
    *,
    actor: StaffId | None,
    code: str,
    changes: Mapping[str, Any],
    was: Mapping[str, Any],
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """Names, letter, standard time, daily cap, hours, unit and steps; ``active`` off switches
    the service off (never deleted: its tickets stay reportable)."""
    here, me = _start(session, actor, office, "edit a service")
    row = lookup.service(session, here, code)
    session.refresh(row, with_for_update=True)  # two supervisors' saves of a service queue here
    cfg, diff = _validate(session, here, "services", row.code, "code", SERVICE_FIELDS, changes, was)
    if diff:
        item = next(s for s in cfg.services if s.code == row.code)
        row.prefix, row.name_th, row.name_en, row.standard_minutes, row.daily_cap = item.prefix, item.name_th, item.name_en, item.standard_minutes, item.daily_cap
        row.display_order, row.opens, row.closes, row.active = item.order, item.opens, item.closes, item.active
        row.published = item.published
    return _record(session, here, me, "services", row.code, diff, resolve(now), service_id=row.id)


def update_counter(
    session: Session,
    *,
    actor: StaffId | None,
    number: int,
    changes: Mapping[str, Any],
    was: Mapping[str, Any],
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """A counter's name, its services in order (main first), and whether it opens today.

    A counter someone is signed in to is not switched off under them: they close it first.
    """
    here, me = _start(session, actor, office, "edit a counter")
    row = session.execute(select(Counter).where(Counter.office_id == here.id, Counter.number == number).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound("counter", number)
    if changes.get("active") is False and row.state != CounterState.CLOSED:
        raise InvalidSettings([SettingProblem("active", "in_use", f"counter {number} is {row.state}: close it at the counter first")])
    cfg, diff = _validate(session, here, "counters", number, "number", COUNTER_FIELDS, changes, was)
    if diff:
        item = next(c for c in cfg.counters if c.number == number)
        row.name, row.active = item.name, item.active
        ids = {s.code: s.id for s in session.execute(select(Service).where(Service.office_id == here.id)).scalars()}
        set_counter_services(session, row.id, [ids[c] for c in item.services])
        session.flush()
    return _record(session, here, me, "counters", str(number), diff, resolve(now), counter_id=row.id)


def update_office(
    session: Session,
    *,
    actor: StaffId | None,
    changes: Mapping[str, Any],
    was: Mapping[str, Any],
    office: str | None = None,
    now: datetime | None = None,
) -> SettingsChanged:
    """The office's names, opening hours, the ticket's footer and the priority lane switch."""
    here, me = _start(session, actor, office, "edit the office")
    session.refresh(here, with_for_update=True)
    unknown = set(changes) - set(OFFICE_FIELDS)
    if unknown:
        raise InvalidSettings([SettingProblem(f, "invalid", "not a field the admin tab edits") for f in sorted(unknown)])
    raw = settings_dict(session, here)
    current = {f: raw[OFFICE_FIELDS[f]].get(f, None) for f in OFFICE_FIELDS}
    current["priority_lane"] = raw["policy"].get("priority_lane", True)
    _check_stale("office", here.code, current, changes, was)
    for f, value in changes.items():
        raw[OFFICE_FIELDS[f]] = {**raw[OFFICE_FIELDS[f]], f: value}
    cfg = check_settings(raw, where=(("office",), ("ticket",), ("policy",)))
    new = {f: getattr(getattr(cfg, OFFICE_FIELDS[f]), f) for f in OFFICE_FIELDS}
    diff = _diff(current, new, changes)
    if diff:
        here.name_th, here.name_en, here.opens, here.closes = cfg.office.name_th, cfg.office.name_en, cfg.office.opens, cfg.office.closes
        here.ticket = cfg.ticket.model_dump(mode="json")
        here.policy = cfg.policy.model_dump(mode="json")
    return _record(session, here, me, "office", here.code, diff, resolve(now))


# -- the shared steps ------------------------------------------------------------------------


def _start(session: Session, actor: StaffId | None, office: str | None, action: str) -> tuple[Office, Staff | None]:
    me = require(session, actor, Role.SUPERVISOR, action)
    here = lookup.office(session, office)
    if me is not None and me.office_id != here.id:
        raise PermissionDenied(me.username, action, "a supervisor of this office")
    return here, me


def _account(session: Session, here: Office, username: str) -> Staff:
    account = session.execute(select(Staff).where(Staff.office_id == here.id, Staff.username == username).with_for_update()).scalar_one_or_none()
    if account is None:
        raise NotFound("staff", username)
    return account


def _may_give(me: Staff | None, role: Role | str) -> None:
    """Nobody raises an account above their own role."""
    try:
        wanted = Role(role)
    except ValueError:
        raise InvalidSettings([SettingProblem("role", "invalid", f"unknown role {role!r}")]) from None
    if me is not None and wanted.rank > me.role.rank:
        raise PermissionDenied(me.username, f"give the role {wanted}", wanted.value)


def _may_edit(me: Staff | None, account: Staff) -> None:
    """Nor edits (renames, locks out, re-PINs) an account above their own role."""
    if me is not None and account.role.rank > me.role.rank:
        raise PermissionDenied(me.username, f"edit {account.username}", account.role.value)


def _validate(
    session: Session, here: Office, section: str, key: object, key_field: str, allowed: tuple[str, ...], changes: Mapping[str, Any], was: Mapping[str, Any]
) -> tuple[KhiwConfig, tuple[FieldChange, ...]]:
    """Check ``was``, apply ``changes`` to the office's settings and validate the whole."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise InvalidSettings([SettingProblem(f, "invalid", "not a field the admin tab edits") for f in sorted(unknown)])
    raw = settings_dict(session, here)
    index = next(i for i, item in enumerate(raw[section]) if item[key_field] == key)
    current = raw[section].pop(index)
    _check_stale(section, key, current, changes, was)
    raw[section].append({**current, **changes})  # last, so that a duplicate is named on this row
    index = len(raw[section]) - 1
    cfg = check_settings(raw, where=((section, index),))
    new = getattr(cfg, section)[index].model_dump()
    return cfg, _diff(current, new, changes)


def _check_stale(section: str, key: object, current: Mapping[str, Any], changes: Mapping[str, Any], was: Mapping[str, Any]) -> None:
    for f in changes:
        if f not in was or _plain(was[f]) != _plain(current.get(f)):
            raise StaleEdit(section, key, f, _plain(current.get(f)))


def _diff(current: Mapping[str, Any], new: Mapping[str, Any], changes: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(f, _plain(current.get(f)), _plain(new[f])) for f in changes if _plain(current.get(f)) != _plain(new[f]))


def _record(
    session: Session,
    here: Office,
    me: Staff | None,
    section: str,
    key: str,
    changes: tuple[FieldChange, ...],
    now: datetime,
    *,
    roster: Staff | None = None,
    one_time_pin: str | None = None,
    **ids: Any,
) -> SettingsChanged:
    """The event: who (``staff_id``), what (section, key), each field's old and new value.

    A staff edit also records the account as the audit's replay expects it (the roster entry
    ``khiw init`` writes), so ``khiw audit verify`` explains the row by this event.
    """
    if not changes:
        return SettingsChanged(section, key, (), None)
    session.flush()
    data: dict[str, Any] = {"section": section, "key": key, "changes": {c.field: {"old": c.old, "new": c.new} for c in changes}}
    if roster is not None:
        data["roster"] = staff_roster([roster])
    event = eventlog.append(session, kind=EventKind.SETTINGS_CHANGED, at=now, office_id=here.id, staff_id=me.id if me else None, data=data, **ids)
    return SettingsChanged(section, key, changes, event, one_time_pin)


def _one_time_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(ONE_TIME_PIN_DIGITS))


def _plain(value: Any) -> Any:
    """A value as JSON holds it, so that ``was`` from a screen compares with the row."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, time):
        return value.isoformat(timespec="minutes") if not value.second else value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
