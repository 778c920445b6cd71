"""Staff sign-in and role checks.

The engine, not the station, decides what a role may do: operations take the acting staff id
and load the role from the database, so a staff account cannot do a supervisor's action even
by calling the engine directly. ``actor=None`` is the local system itself (the kiosk, the
``khiw`` command run by the office's administrator on the server).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup
from khiw.errors import AccountLocked, AuthFailed, NotFound, PermissionDenied
from khiw.models import EventKind, Office, Role, Staff
from khiw.models.ids import StaffId

_hasher = PasswordHasher()


def hash_pin(pin: str) -> str:
    """An argon2id hash of ``pin``, safe to store or to put in ``khiw.toml`` as ``pin_hash``."""
    return _hasher.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    """Whether ``pin`` is the one ``pin_hash`` was made from."""
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in staff member, as returned by :func:`authenticate`."""

    staff_id: StaffId
    username: str
    display_name: str
    role: Role


def authenticate(session: Session, *, username: str, pin: str, now: datetime | None = None) -> Actor:
    """Check a PIN; after ``policy.pin_attempts`` wrong ones the account locks for a while.

    A wrong PIN raises :class:`AuthFailed` whose ``keeps_changes`` tells ``Database.write`` to
    commit the failure count anyway, so that guessing cannot be reset by the error itself.
    """
    now = resolve(now)
    try:
        account = lookup.staff(session, username)
    except NotFound:
        raise AuthFailed(username, 0) from None
    rules = lookup.policy(session.get_one(Office, account.office_id))
    if account.locked_until is not None and account.locked_until > now:
        raise AccountLocked(username, account.locked_until)
    if not pin_matches(account.pin_hash, pin):
        account.failed_pins += 1
        if account.failed_pins >= rules.pin_attempts:
            account.failed_pins = 0
            account.locked_until = now + timedelta(minutes=rules.lock_minutes)
            eventlog.append(session, kind=EventKind.STAFF_LOCKED, at=now, office_id=account.office_id, staff_id=account.id)
            session.flush()
            raise AccountLocked(username, account.locked_until)
        session.flush()
        raise AuthFailed(username, rules.pin_attempts - account.failed_pins)
    account.failed_pins = 0
    account.locked_until = None
    return Actor(staff_id=account.id, username=account.username, display_name=account.display_name, role=account.role)


def require(session: Session, actor: StaffId | None, role: Role, action: str) -> Staff | None:
    """The acting staff row, after checking its current role allows ``action``."""
    if actor is None:
        return None
    account = session.get(Staff, actor)
    if account is None or not account.active:
        raise NotFound("staff", actor)
    if account.role.rank < role.rank:
        raise PermissionDenied(account.username, action, role.value)
    return account
