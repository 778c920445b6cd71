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
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup
from khiw.errors import AccountLocked, AuthFailed, NotFound, PermissionDenied
from khiw.models import EventKind, Office, Role, Staff
from khiw.models.ids import StaffId

_hasher = PasswordHasher()
# Verified against for an unknown username, so that it costs the same time as a known one.
_DUMMY_HASH = _hasher.hash("not-a-pin")


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
    """Check a PIN; after exactly ``policy.pin_attempts`` wrong ones the account locks for a while.

    An unknown username and a wrong PIN give the same :class:`AuthFailed` (and take the same
    argon2 time), so usernames cannot be found by guessing. A wrong PIN is counted by one
    ``UPDATE … RETURNING`` that also re-checks the lock: parallel guesses are counted one by
    one under the row lock (PostgreSQL) or the write lock (SQLite), so the account locks at
    the configured number however many arrive at once, and none after it is checked.
    ``AuthFailed.keeps_changes`` tells ``Database.write`` to commit the count anyway.
    """
    now = resolve(now)
    try:
        account = lookup.staff(session, username)
    except NotFound:
        pin_matches(_DUMMY_HASH, pin)
        raise AuthFailed(username) from None
    rules = lookup.policy(session.get_one(Office, account.office_id))
    if account.locked_until is not None and account.locked_until > now:
        raise AccountLocked(username, account.locked_until)
    # The argon2 check runs before any row lock is taken: it is the slow part.
    right = pin_matches(account.pin_hash, pin)
    unlocked = or_(Staff.locked_until.is_(None), Staff.locked_until <= now)
    counted = update(Staff).where(Staff.id == account.id, unlocked)
    if right:
        reset = session.execute(counted.values(failed_pins=0, locked_until=None).returning(Staff.id)).first()
        if reset is None:  # a parallel guess locked the account meanwhile
            raise AccountLocked(username, _locked_until(session, account.id))
        return Actor(staff_id=account.id, username=account.username, display_name=account.display_name, role=account.role)
    failures = session.execute(counted.values(failed_pins=Staff.failed_pins + 1).returning(Staff.failed_pins)).scalar_one_or_none()
    if failures is None:
        raise AccountLocked(username, _locked_until(session, account.id))
    if failures >= rules.pin_attempts:
        until = now + timedelta(minutes=rules.lock_minutes)
        session.execute(update(Staff).where(Staff.id == account.id).values(failed_pins=0, locked_until=until))
        eventlog.append(session, kind=EventKind.STAFF_LOCKED, at=now, office_id=account.office_id, staff_id=account.id)
        raise AccountLocked(username, until)
    raise AuthFailed(username)


def _locked_until(session: Session, staff_id: StaffId) -> datetime:
    until = session.execute(select(Staff.locked_until).where(Staff.id == staff_id)).scalar_one()
    assert until is not None
    return until


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
