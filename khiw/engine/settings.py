"""The office's settings as the database holds them, in ``khiw.toml``'s own models.

After set-up the database is the one source of truth: the admin tab edits it, ``khiw config
export`` writes it back out as a file. Both go through :func:`read_settings`, and every edit
is checked by :func:`check_settings`, which runs the very models and cross-checks the TOML
loader runs (``khiw.config``): one set of rules, so a value the admin tab accepts is one
``khiw init`` accepts, and the other way round.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.config import PUBLISHED_FIELDS, KhiwConfig, TicketConfig, _cross_check
from khiw.errors import InvalidSettings, SettingProblem
from khiw.models import Counter, CounterService, Office, Service, Staff

#: The office-wide sections: the database holds them; the rest of ``khiw.toml`` is per PC.
OFFICE_SECTIONS = ("office", "policy", "services", "counters", "staff", "ticket")
_QR_SUFFIX = "/t/{ticket_id}?k={token}"


def read_settings(session: Session, office: Office) -> KhiwConfig:
    """The office's settings, as a ``khiw.toml`` that ``khiw init`` would apply unchanged.

    ``[web] base_url`` is filled in from the ticket's QR address, which must lie under it.
    """
    return KhiwConfig.model_validate(settings_dict(session, office))


def settings_dict(session: Session, office: Office) -> dict[str, Any]:
    """:func:`read_settings` before validation: what an edit changes and then checks."""
    services = session.execute(select(Service).where(Service.office_id == office.id).order_by(Service.display_order, Service.id)).scalars().all()
    codes = {s.id: s.code for s in services}
    counters = session.execute(select(Counter).where(Counter.office_id == office.id).order_by(Counter.number)).scalars().all()
    links = session.execute(
        select(CounterService).join(Counter, Counter.id == CounterService.counter_id).where(Counter.office_id == office.id).order_by(CounterService.position)
    ).scalars()
    served: dict[int, list[str]] = {}
    for link in links:
        served.setdefault(link.counter_id, []).append(codes[link.service_id])
    accounts = session.execute(select(Staff).where(Staff.office_id == office.id).order_by(Staff.id)).scalars().all()
    ticket = TicketConfig.model_validate(office.ticket or {})
    return {
        "office": {"code": office.code, "name_th": office.name_th, "name_en": office.name_en, "timezone": office.timezone, "opens": office.opens, "closes": office.closes},
        "policy": office.policy or {},
        "services": [service_dict(s) for s in services],
        "counters": [{"number": c.number, "name": c.name, "services": served.get(c.id, []), "active": c.active} for c in counters],
        "staff": [{"username": a.username, "display_name": a.display_name, "role": a.role, "pin_hash": a.pin_hash, "active": a.active} for a in accounts],
        "ticket": ticket.model_dump(),
        "web": {"base_url": ticket.qr_url.removesuffix(_QR_SUFFIX)} if ticket.qr_url.endswith(_QR_SUFFIX) else {},
    }


def service_dict(s: Service) -> dict[str, Any]:
    """A service row as ``ServiceConfig``'s fields."""
    published = {k: v for k, v in (s.published or {}).items() if k in PUBLISHED_FIELDS}
    return {
        "code": s.code,
        "prefix": s.prefix,
        "name_th": s.name_th,
        "name_en": s.name_en,
        "standard_minutes": s.standard_minutes,
        "daily_cap": s.daily_cap,
        "order": s.display_order,
        "opens": s.opens,
        "closes": s.closes,
        "color": s.color,
        "icon": s.icon,
        "active": s.active,
        **published,
    }


def check_settings(raw: dict[str, Any], *, where: tuple[tuple[str | int, ...], ...]) -> KhiwConfig:
    """Validate the whole office with ``khiw.toml``'s rules, or raise :class:`InvalidSettings`.

    ``where`` names what the edit touched (``(("services", 2),)``, or whole sections such as
    ``(("office",), ("ticket",))``): a problem inside it is named by its field alone, for the
    screen to show beside that field. Problems elsewhere (rows the edit did not touch) are
    named by their full path, so that nothing is saved on top of them unnoticed. A duplicate
    is named at the later of the two rows: put the edited row last.
    """
    try:
        cfg = KhiwConfig.model_validate(raw)
    except ValidationError as err:
        raise InvalidSettings([_problem(e["loc"], e["type"], e["msg"], e.get("ctx") or {}, where) for e in err.errors()]) from None
    problems = _cross_check(cfg)
    if problems:
        raise InvalidSettings([_problem(path, "", message, {}, where, code=_cross_code(message)) for path, message in problems])
    return cfg


_CODES = {
    "string_too_long": ("too_long", "max_length"),
    "too_long": ("too_long", "max_length"),
    "string_too_short": ("required", None),
    "too_short": ("required", None),
    "less_than_equal": ("range", "le"),
    "greater_than_equal": ("range", "ge"),
    "less_than": ("range", "lt"),
    "greater_than": ("range", "gt"),
    "string_pattern_mismatch": ("pattern", None),
    "int_parsing": ("number", None),
    "int_from_float": ("number", None),
    "time_parsing": ("time", None),
    "time_type": ("time", None),
}


def _problem(loc: tuple[Any, ...], kind: str, message: str, ctx: dict[str, Any], where: tuple[tuple[str | int, ...], ...], *, code: str = "") -> SettingProblem:
    path = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))  # drop pydantic's union branch names
    field = ".".join(str(p) for p in path)
    for prefix in where:
        if path[: len(prefix)] == prefix and len(path) > len(prefix):
            field = str(path[len(prefix)])
    rule, bound = _CODES.get(kind, ("invalid", None))
    return SettingProblem(field, code or rule, message.removeprefix("Value error, "), ctx.get(bound) if bound else None)


def _cross_code(message: str) -> str:
    if message.startswith("duplicate"):
        return "duplicate"
    if message.startswith("closes"):
        return "hours"
    return "invalid"
