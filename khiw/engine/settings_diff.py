"""What ``khiw init --config FILE`` would change in a database already set up.

After set-up the database is the source of truth and the admin tab edits it, so applying an
old file could quietly undo a supervisor's edit. :func:`compare_settings` names every field
the file would change (``services[TAX].standard_minutes: 10 → 20``), and which of them were
last changed in the admin tab after the file was last applied (``khiw init``'s event), by
whom and when, so that the person running ``khiw init`` decides knowing that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.config import KhiwConfig
from khiw.engine.auth import pin_matches
from khiw.engine.settings import read_settings
from khiw.models import Event, EventKind, Office, Staff

#: Where each office field the admin tab edits lives in ``khiw.toml``.
_OFFICE_PLACES = {"footer_th": "ticket", "footer_en": "ticket", "priority_lane": "policy"}


@dataclass(frozen=True, slots=True)
class Difference:
    """One value the file would change: ``where`` as in ``khiw.toml`` (``counters[2].active``)."""

    where: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Overwrite:
    """A difference that would undo an edit made in the admin tab after the file was applied."""

    where: str
    by: str | None
    at: datetime
    value: Any


@dataclass(frozen=True, slots=True)
class SettingsDiff:
    """``fresh``: the office is not in the database yet, so nothing would be overwritten."""

    office: str
    fresh: bool
    differences: tuple[Difference, ...]
    overwrites: tuple[Overwrite, ...]


def compare_settings(session: Session, cfg: KhiwConfig) -> SettingsDiff:
    """The differences between ``cfg``'s office-wide sections and the database (read only)."""
    office = session.execute(select(Office).where(Office.code == cfg.office.code)).scalar_one_or_none()
    if office is None:
        return SettingsDiff(cfg.office.code, True, (), ())
    have = read_settings(session, office)
    found: list[Difference] = []
    for section in ("office", "policy", "ticket"):
        found += _fields(section, getattr(have, section), getattr(cfg, section))
    found += _items("services", "code", have.services, cfg.services)
    found += _items("counters", "number", have.counters, cfg.counters)
    found += _staff(session, have, cfg)
    return SettingsDiff(cfg.office.code, False, tuple(found), _overwrites(session, office, found))


def _fields(where: str, old: BaseModel, new: BaseModel, skip: tuple[str, ...] = ()) -> list[Difference]:
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    return [Difference(f"{where}.{name}", a[name], b[name]) for name in a if name not in skip and a[name] != b[name]]


def _items(section: str, key: str, have: list[Any], want: list[Any], skip: tuple[str, ...] = ()) -> list[Difference]:
    """Matched by key; one missing from the file is switched off by ``khiw init``, never deleted."""
    old = {getattr(item, key): item for item in have}
    new = {getattr(item, key): item for item in want}
    found: list[Difference] = []
    for name, item in new.items():
        if name not in old:
            found.append(Difference(f"{section}[{name}]", None, "(new)"))
        else:
            found += _fields(f"{section}[{name}]", old[name], item, skip)
    found += [Difference(f"{section}[{name}].active", True, False) for name, item in old.items() if name not in new and item.active]
    return found


def _staff(session: Session, have: KhiwConfig, cfg: KhiwConfig) -> list[Difference]:
    found = _items("staff", "username", have.staff, cfg.staff, skip=("pin", "pin_hash"))
    stored = {s.username: s.pin_hash for s in have.staff}
    for item in cfg.staff:
        current = stored.get(item.username)
        if current is None:
            continue
        same = item.pin_hash == current if item.pin_hash is not None else pin_matches(current, item.pin or "")
        if not same:
            found.append(Difference(f"staff[{item.username}].pin", "(set)", "(replaced)"))
    return found


def _overwrites(session: Session, office: Office, found: list[Difference]) -> tuple[Overwrite, ...]:
    """The admin tab's edits since the last ``khiw init`` that a difference would undo."""
    places = {d.where for d in found}
    applied = session.execute(
        select(Event.id).where(Event.office_id == office.id, Event.kind == EventKind.CONFIG_APPLIED).order_by(Event.id.desc()).limit(1)
    ).scalar_one_or_none()
    edits = session.execute(
        select(Event, Staff.username)
        .outerjoin(Staff, Staff.id == Event.staff_id)
        .where(Event.office_id == office.id, Event.kind == EventKind.SETTINGS_CHANGED, Event.id > (applied or 0))
        .order_by(Event.id)
    ).all()
    latest: dict[str, Overwrite] = {}
    for event, username in edits:
        section, key = event.data.get("section"), event.data.get("key")
        for field, change in (event.data.get("changes") or {}).items():
            if section == "office":
                where = f"{_OFFICE_PLACES.get(field, 'office')}.{field}"
            else:
                where = f"{section}[{key}].{field}"
            if where in places or (section != "office" and f"{section}[{key}]" in places):
                latest[where] = Overwrite(where, username, event.at, change.get("new"))
    return tuple(latest.values())
