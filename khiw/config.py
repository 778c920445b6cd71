"""``khiw.toml``: the office, its services, counters, staff, queue policy and devices.

Office-wide parts (office, policy, services, counters, staff, ticket) are stored in the
database by ``khiw init`` so that every PC on a LAN applies the same rules; device parts
(printer, kiosk, display) are read from the local file by each station.

Every ``khiw`` command loads this module, so it is kept cheap to import (issue #11): its
annotations are real, not strings (no ``from __future__ import annotations``, which would
have pydantic compile and evaluate each of them), and each model's validator is built when
the model is first used (``defer_build``), so a command pays for the sections it reads.
"""

import os
import re
import tomllib
import unicodedata
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal, Self

import platformdirs
from pydantic import (
    AfterValidator,
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


def _printable(value: str) -> str:
    """No control characters: NUL cannot be stored by PostgreSQL, and none belongs on a screen."""
    for char in value:
        if unicodedata.category(char) == "Cc":
            raise ValueError(f"must not contain control characters (found U+{ord(char):04X})")
    return value


def Text(max_length: int, *, min_length: int = 0) -> Any:  # noqa: N802 (reads as a type)
    """A string of at most ``max_length`` characters (its database column's size, or what fits
    the ticket or the screen) without control characters."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_printable)]


ARGON2_PATTERN = r"^\$argon2[A-Za-z0-9$=,+/.]+$"
#: The bounds every rule below uses, in one place so that an admin screen can reuse them.
NAME_LENGTH = 200  # office, service and staff names: their database columns
MAX_MINUTES = 24 * 60  # a wait, a lock-out or a standard time longer than a day is a typo
CODE_PATTERN = r"^[A-Za-z0-9_\-]{1,32}$"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class OfficeConfig(_Section):
    """Who the office is and when it is open (local time)."""

    code: Annotated[str, Field(pattern=CODE_PATTERN)]
    name_th: Text(NAME_LENGTH, min_length=1)
    name_en: Text(NAME_LENGTH) = ""
    timezone: Text(64) = "Asia/Bangkok"
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
    max_wait_minutes: Annotated[int, Field(ge=1, le=MAX_MINUTES)] | None = 60
    auto_no_show_after_recalls: Annotated[int, Field(ge=1, le=20)] | None = 3
    wait_target_minutes: Annotated[int, Field(ge=1, le=MAX_MINUTES)] = 15
    pin_attempts: Annotated[int, Field(ge=1, le=20)] = 5
    lock_minutes: Annotated[int, Field(ge=1, le=MAX_MINUTES)] = 5

    @field_validator("priority_classes")
    @classmethod
    def _no_none(cls, value: list[Priority]) -> list[Priority]:
        if Priority.NONE in value:
            raise ValueError("'none' is the normal lane, not a priority class")
        if len(set(value)) != len(value):
            raise ValueError("a priority class is listed twice")
        return value

    @property
    def offered(self) -> list[Priority]:
        """The priority classes a kiosk may offer (none when the lane is switched off)."""
        return list(self.priority_classes) if self.priority_lane else []


class ServiceConfig(_Section):
    """One service (queue) with its published standard time."""

    code: Annotated[str, Field(pattern=CODE_PATTERN)]
    prefix: Annotated[str, Field(pattern=r"^[A-Z]{1,2}$")]
    name_th: Text(NAME_LENGTH, min_length=1)
    name_en: Text(NAME_LENGTH) = ""
    standard_minutes: Annotated[int, Field(ge=1, le=480)]
    daily_cap: Annotated[int, Field(ge=1, le=999)] | None = None
    order: Annotated[int, Field(ge=-999, le=999)] = 0
    opens: time | None = None
    closes: time | None = None
    color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#1565C0"
    icon: Text(32) = ""
    active: bool = True
    # Published on the public page and the standards chart (แผนผังขั้นตอน/ระยะเวลาให้บริการ);
    # all optional: an office fills in what it publishes.
    steps_th: Annotated[list[Text(300)], Field(max_length=30)] = []
    steps_en: Annotated[list[Text(300)], Field(max_length=30)] = []
    fee_th: Text(200) = ""
    fee_en: Text(200) = ""
    documents_th: Annotated[list[Text(300)], Field(max_length=30)] = []
    documents_en: Annotated[list[Text(300)], Field(max_length=30)] = []
    unit_th: Text(NAME_LENGTH) = ""
    unit_en: Text(NAME_LENGTH) = ""

    @field_validator("code")
    @classmethod
    def _upper(cls, value: str) -> str:
        """Codes are compared case-insensitively (``tax`` is ``TAX``): kept in capitals."""
        return value.upper()

    @property
    def published(self) -> dict[str, str | list[str]]:
        """The published fields, as ``khiw init`` stores them with the service."""
        return {name: getattr(self, name) for name in PUBLISHED_FIELDS}


PUBLISHED_FIELDS = ("steps_th", "steps_en", "fee_th", "fee_en", "documents_th", "documents_en", "unit_th", "unit_en")


class CounterConfig(_Section):
    """A counter and the codes of the services it serves, main service first."""

    number: Annotated[int, Field(ge=1, le=999)]
    name: Text(100) = ""
    services: Annotated[list[str], Field(min_length=1, max_length=50)]
    active: bool = True

    @field_validator("services")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        codes = [code.upper() for code in value]
        if len(set(codes)) != len(codes):
            raise ValueError("a service is listed twice")
        return codes


class StaffConfig(_Section):
    """A staff account; give ``pin`` (hashed on ``khiw init``) or an argon2 ``pin_hash``."""

    username: Annotated[str, Field(pattern=r"^[a-z0-9_.\-]{2,64}$")]
    display_name: Text(NAME_LENGTH, min_length=1)
    role: Role = Role.STAFF
    pin: Annotated[str, Field(pattern=r"^[0-9]{4,8}$")] | None = None
    pin_hash: Annotated[str, Field(pattern=ARGON2_PATTERN, max_length=200)] | None = None
    active: bool = True

    @model_validator(mode="after")
    def _one_secret(self) -> Self:
        if (self.pin is None) == (self.pin_hash is None):
            raise ValueError("give exactly one of pin or pin_hash")
        return self


class TicketConfig(_Section):
    """What the printed ticket says; ``qr_url`` gets ``{ticket_id}`` and ``{token}``.

    ``show_standard_time``: each service's published standard time (the ITA measure) on the
    ticket, the kiosk's service cards and the board's service tiles; one office-wide switch so
    that the three never disagree.
    """

    qr_url: Text(300) = "https://queue.example.go.th/t/{ticket_id}?k={token}"
    footer_th: Text(200) = "สแกน QR Code เพื่อติดตามคิวและประเมินความพึงพอใจ"
    footer_en: Text(200) = "Scan the QR code to follow your turn and rate our service"
    show_english: bool = True
    thai_digits: bool = False
    show_standard_time: bool = True

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
    path: Text(1024) = ""
    host: Text(255) = ""
    port: Annotated[int, Field(ge=1, le=65535)] = 9100
    usb_vendor_id: Annotated[int, Field(ge=0, le=0xFFFF)] | None = None
    usb_product_id: Annotated[int, Field(ge=0, le=0xFFFF)] | None = None
    serial_device: Text(255) = ""
    baudrate: Annotated[int, Field(ge=1200, le=921600)] = 19200
    width_dots: Literal[384, 512, 576] = 576
    timeout_seconds: Annotated[float, Field(gt=0, le=10)] = 2.0
    check_status: bool = True
    cut: Literal["full", "partial", "none"] = "partial"
    serial_dsrdtr: bool = True

    @model_validator(mode="after")
    def _target(self) -> Self:
        needs = {"folder": "path", "file": "path", "network": "host", "serial": "serial_device"}
        field = needs.get(self.kind)
        if field and not getattr(self, field):
            raise ValueError(f"printer kind {self.kind!r} needs {field}")
        if self.kind == "usb" and (self.usb_vendor_id is None or self.usb_product_id is None):
            raise ValueError("printer kind 'usb' needs usb_vendor_id and usb_product_id")
        return self


#: A PIN everyone tries first: a kiosk whose admin PIN is this one is not locked at all.
WELL_KNOWN_PIN = "0000"


class KioskConfig(_Section):
    """The ticket kiosk's screen. ``name`` names it in staff alerts (default: the host name).

    ``admin_pin_hash``: an argon2 hash (``khiw hash-pin``) of the PIN that closes the locked
    kiosk; without one the kiosk cannot be closed by PIN at all. The hash of 0000 is refused.
    """

    fullscreen: bool = True
    hide_cursor: bool = False
    admin_pin_hash: Annotated[str, Field(pattern=ARGON2_PATTERN, max_length=200)] | None = None
    admin_pin: str | None = None  # the old plain-text key, refused with a message that says what to do instead
    result_seconds: Annotated[float, Field(ge=1, le=60)] = 8.0
    language: Literal["th", "en"] = "th"
    name: Text(64) = ""

    @field_validator("admin_pin")
    @classmethod
    def _no_plain_pin(cls, value: str | None) -> None:
        if value is not None:
            raise ValueError("the admin PIN is no longer kept in plain text: run `khiw hash-pin` and set admin_pin_hash")
        return None

    @field_validator("admin_pin_hash")
    @classmethod
    def _not_well_known(cls, value: str | None) -> str | None:
        from argon2 import PasswordHasher
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            PasswordHasher().verify(value, WELL_KNOWN_PIN) if value else None
        except (VerificationError, InvalidHashError):
            return value
        if value:
            raise ValueError(f"is the hash of {WELL_KNOWN_PIN}, the PIN everyone tries first: choose another")
        return value


class DisplayConfig(_Section):
    """The waiting-room board and its voice."""

    fullscreen: bool = True
    orientation: Literal["landscape", "portrait"] = "landscape"
    notice_th: Text(300) = ""
    notice_en: Text(300) = ""
    voice: Literal["auto", "pack", "qt", "espeak", "chime", "none"] = "auto"
    voice_pack: Text(300) = "voice"  # folder or .zip; relative paths are beside khiw.toml
    volume: Annotated[float, Field(ge=0, le=1)] = 0.8
    repeat: Annotated[int, Field(ge=1, le=5)] = 1
    repeat_gap: Annotated[float, Field(ge=0, le=10)] = 1.0  # seconds between repeats
    # "HH:MM-HH:MM" local time ranges (e.g. lunch) when calls play at quiet_volume (0: shown only)
    quiet_hours: list[Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")]] = []
    quiet_volume: Annotated[float, Field(ge=0, le=1)] = 0.0
    english: bool = False
    show_printer_alerts: bool = True


class WebConfig(_Section):
    """The web station (``khiw web``): the citizen's ticket page, the survey, the public page.

    ``base_url`` is the address citizens' phones reach it at; the ticket's QR code must point
    under it (``[ticket] qr_url`` = base_url + ``/t/{ticket_id}?k={token}``). ``survey_days``:
    how long after service a ticket's survey stays open. ``forwarded_allow_ips``: the reverse
    proxy whose ``X-Forwarded-For`` names the client (for the answers' rate limit).
    """

    base_url: Annotated[str, Field(pattern=r"^https?://[^/?#\s]+(/[^?#\s]*)?$")] = "https://queue.example.go.th"
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8080
    workers: Annotated[int, Field(ge=1, le=32)] = 1
    survey_days: Annotated[int, Field(ge=1, le=90)] = 7
    answers_per_minute: Annotated[int, Field(ge=1, le=600)] = 10
    forwarded_allow_ips: str = "127.0.0.1"

    @property
    def ticket_url(self) -> str:
        """The QR template every ticket of this office must carry."""
        return self.base_url.rstrip("/") + "/t/{ticket_id}?k={token}"


class KhiwConfig(_Section):
    """The whole file."""

    office: OfficeConfig
    policy: PolicyConfig = Field(default_factory=PolicyConfig)
    services: Annotated[list[ServiceConfig], Field(min_length=1, max_length=50)]
    counters: Annotated[list[CounterConfig], Field(max_length=999)] = []
    staff: Annotated[list[StaffConfig], Field(max_length=1000)] = []
    ticket: TicketConfig = Field(default_factory=TicketConfig)
    printer: PrinterConfig = Field(default_factory=PrinterConfig)
    kiosk: KioskConfig = Field(default_factory=KioskConfig)
    display: DisplayConfig = Field(default_factory=DisplayConfig)
    web: WebConfig = Field(default_factory=WebConfig)

    @model_validator(mode="before")
    @classmethod
    def _qr_from_base_url(cls, raw: object) -> object:
        """Without an explicit ``[ticket] qr_url``, the QR code points at ``[web] base_url``."""
        if isinstance(raw, dict) and isinstance(raw.get("web"), dict) and "base_url" in raw["web"]:
            ticket = raw.get("ticket")
            if ticket is None or (isinstance(ticket, dict) and "qr_url" not in ticket):
                base = str(raw["web"]["base_url"]).rstrip("/")
                raw = {**raw, "ticket": {**(ticket or {}), "qr_url": base + "/t/{ticket_id}?k={token}"}}
        return raw


def _cross_check(cfg: KhiwConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """Rules that span sections or fields: unique codes (in any case), prefixes, numbers,
    names; known services; opening before closing."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    hours: list[tuple[tuple[str | int, ...], _Section]] = [(("office",), cfg.office), *((("services", i), s) for i, s in enumerate(cfg.services))]
    for path, item in hours:
        opens, closes = getattr(item, "opens"), getattr(item, "closes")
        if opens is not None and closes is not None and opens >= closes:
            problems.append(((*path, "closes"), f"closes ({closes:%H:%M}) must be after opens ({opens:%H:%M})"))
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
    if cfg.ticket.qr_url != cfg.web.ticket_url:
        problems.append((("ticket", "qr_url"), f"must be {cfg.web.ticket_url!r}, so the QR code leads to [web] base_url"))
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
