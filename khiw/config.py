"""``khiw.toml``: the office, its services, counters, staff, queue policy and devices.

Office-wide parts (office, policy, services, counters, staff, ticket) are stored in the
database by ``khiw init`` so that every PC on a LAN applies the same rules; device parts
(printer, kiosk, display) are read from the local file by each station.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from khiw.errors import ConfigError
from khiw.models.enums import Priority, Role
from khiw.tomlpos import line_of

ENV_CONFIG = "KHIW_CONFIG"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "khiw.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeConfig(_Section):
    """Who the office is and when it is open (local time)."""

    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]{1,32}$")]
    name_th: Annotated[str, Field(min_length=1)]
    name_en: str = ""
    timezone: str = "Asia/Bangkok"
    opens: time | None = None
    closes: time | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


class PolicyConfig(_Section):
    """How the next ticket is chosen and how staff sign-in is throttled.

    ``normal_per_priority``: when both lanes wait, at most one priority ticket after every
    that many normal ones (0: priority always first). ``max_wait_minutes``: a ticket that has
    waited longer goes first whatever its lane (None: off).
    """

    priority_lane: bool = True
    priority_classes: list[Priority] = [p for p in Priority if p.is_priority]
    normal_per_priority: Annotated[int, Field(ge=0, le=20)] = 2
    max_wait_minutes: Annotated[int, Field(ge=1)] | None = 60
    auto_no_show_after_recalls: Annotated[int, Field(ge=1)] | None = 3
    wait_target_minutes: Annotated[int, Field(ge=1)] = 15
    pin_attempts: Annotated[int, Field(ge=1)] = 5
    lock_minutes: Annotated[int, Field(ge=1)] = 5

    @field_validator("priority_classes")
    @classmethod
    def _no_none(cls, value: list[Priority]) -> list[Priority]:
        if Priority.NONE in value:
            raise ValueError("'none' is the normal lane, not a priority class")
        return value

    @property
    def offered(self) -> list[Priority]:
        """The priority classes a kiosk may offer (none when the lane is switched off)."""
        return list(self.priority_classes) if self.priority_lane else []


class ServiceConfig(_Section):
    """One service (queue) with its published standard time."""

    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]{1,32}$")]
    prefix: Annotated[str, Field(pattern=r"^[A-Z]{1,2}$")]
    name_th: Annotated[str, Field(min_length=1)]
    name_en: str = ""
    standard_minutes: Annotated[int, Field(ge=1, le=480)]
    daily_cap: Annotated[int, Field(ge=1, le=999)] | None = None
    order: int = 0
    opens: time | None = None
    closes: time | None = None
    color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#1565C0"
    icon: str = ""
    active: bool = True


class CounterConfig(_Section):
    """A counter and the codes of the services it serves, main service first."""

    number: Annotated[int, Field(ge=1, le=999)]
    name: str = ""
    services: Annotated[list[str], Field(min_length=1)]
    active: bool = True


class StaffConfig(_Section):
    """A staff account; give ``pin`` (hashed on ``khiw init``) or an argon2 ``pin_hash``."""

    username: Annotated[str, Field(pattern=r"^[a-z0-9_.\-]{2,64}$")]
    display_name: Annotated[str, Field(min_length=1)]
    role: Role = Role.STAFF
    pin: Annotated[str, Field(pattern=r"^[0-9]{4,8}$")] | None = None
    pin_hash: Annotated[str, Field(pattern=r"^\$argon2")] | None = None
    active: bool = True

    @model_validator(mode="after")
    def _one_secret(self) -> StaffConfig:
        if (self.pin is None) == (self.pin_hash is None):
            raise ValueError("give exactly one of pin or pin_hash")
        return self


class TicketConfig(_Section):
    """What the printed ticket says; ``qr_url`` gets ``{ticket_id}`` and ``{token}``."""

    qr_url: str = "https://queue.example.go.th/t/{ticket_id}?k={token}"
    footer_th: str = "สแกน QR Code เพื่อประเมินความพึงพอใจ"
    footer_en: str = "Scan the QR code to rate our service"
    show_english: bool = True
    thai_digits: bool = False

    @field_validator("qr_url")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        for name in ("{ticket_id}", "{token}"):
            if name not in value:
                raise ValueError(f"must contain {name}")
        return value


class PrinterConfig(_Section):
    """The kiosk's ticket printer. ``width_dots``: 384 (58 mm), 576 (80 mm), 512 (180 dpi).

    ``check_status``: ask the printer (DLE EOT) before each ticket; switch off for a printer
    that never answers. ``cut``: after each ticket. ``serial_dsrdtr``: DSR/DTR flow control.
    """

    kind: Literal["none", "folder", "file", "network", "usb", "serial"] = "none"
    path: str = ""
    host: str = ""
    port: Annotated[int, Field(ge=1, le=65535)] = 9100
    usb_vendor_id: Annotated[int, Field(ge=0, le=0xFFFF)] | None = None
    usb_product_id: Annotated[int, Field(ge=0, le=0xFFFF)] | None = None
    serial_device: str = ""
    baudrate: int = 19200
    width_dots: Literal[384, 512, 576] = 576
    timeout_seconds: Annotated[float, Field(gt=0, le=10)] = 2.0
    check_status: bool = True
    cut: Literal["full", "partial", "none"] = "partial"
    serial_dsrdtr: bool = True

    @model_validator(mode="after")
    def _target(self) -> PrinterConfig:
        needs = {"folder": "path", "file": "path", "network": "host", "serial": "serial_device"}
        field = needs.get(self.kind)
        if field and not getattr(self, field):
            raise ValueError(f"printer kind {self.kind!r} needs {field}")
        if self.kind == "usb" and (self.usb_vendor_id is None or self.usb_product_id is None):
            raise ValueError("printer kind 'usb' needs usb_vendor_id and usb_product_id")
        return self


class KioskConfig(_Section):
    """The ticket kiosk's screen. ``name`` names it in staff alerts (default: the host name)."""

    fullscreen: bool = True
    hide_cursor: bool = False
    admin_pin: Annotated[str, Field(pattern=r"^[0-9]{4,8}$")] = "0000"
    result_seconds: Annotated[float, Field(ge=1, le=60)] = 8.0
    language: Literal["th", "en"] = "th"
    name: Annotated[str, Field(max_length=64)] = ""


class DisplayConfig(_Section):
    """The waiting-room board and its voice."""

    fullscreen: bool = True
    orientation: Literal["landscape", "portrait"] = "landscape"
    notice_th: str = ""
    notice_en: str = ""
    voice: Literal["auto", "qt", "espeak", "chime", "none"] = "auto"
    volume: Annotated[float, Field(ge=0, le=1)] = 0.8
    repeat: Annotated[int, Field(ge=1, le=5)] = 1
    english: bool = False
    show_printer_alerts: bool = True


class KhiwConfig(_Section):
    """The whole file."""

    office: OfficeConfig
    policy: PolicyConfig = PolicyConfig()
    services: Annotated[list[ServiceConfig], Field(min_length=1)]
    counters: list[CounterConfig] = []
    staff: list[StaffConfig] = []
    ticket: TicketConfig = TicketConfig()
    printer: PrinterConfig = PrinterConfig()
    kiosk: KioskConfig = KioskConfig()
    display: DisplayConfig = DisplayConfig()


def _cross_check(cfg: KhiwConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """Rules that span sections: unique codes, prefixes, numbers, names; known services."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for section, key in (("services", "code"), ("services", "prefix"), ("counters", "number"), ("staff", "username")):
        seen: set[object] = set()
        for i, item in enumerate(getattr(cfg, section)):
            value = getattr(item, key)
            if value in seen:
                problems.append(((section, i, key), f"duplicate {key} {value!r}"))
            seen.add(value)
    codes = {s.code for s in cfg.services}
    for i, counter in enumerate(cfg.counters):
        for code in counter.services:
            if code not in codes:
                problems.append((("counters", i, "services"), f"unknown service {code!r}"))
    return problems


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def parse_config(text: str, source: str = "<string>") -> KhiwConfig:
    """Parse and validate; raise :class:`ConfigError` naming the line and key of the first problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"line (\d+)", str(err))
        raise ConfigError(source, int(match.group(1)) if match else None, "", f"not valid TOML: {err}") from None
    try:
        cfg = KhiwConfig.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        path = tuple(p for p in first["loc"] if not (isinstance(p, str) and "[" in p))
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (misspelt?)"
        raise ConfigError(source, line_of(text, path), _dotted(path), message) from None
    problems = _cross_check(cfg)
    if problems:
        path, message = problems[0]
        raise ConfigError(source, line_of(text, path), _dotted(path), message)
    return cfg


def load_config(path: str | os.PathLike[str]) -> KhiwConfig:
    """Read ``path`` (UTF-8 TOML) and validate it."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(str(file), None, "", f"cannot read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(str(file), None, "", "not UTF-8 text") from None
    return parse_config(text, str(file))


def default_config_path() -> Path | None:
    """``$KHIW_CONFIG``, else ``khiw.toml`` in the user config directory if it exists."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    candidate = Path(platformdirs.user_config_dir("khiw", appauthor=False)) / "khiw.toml"
    return candidate if candidate.exists() else None
