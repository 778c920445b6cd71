"""Staff sign-in and role checks.

The engine, not the station, decides what a role may do: operations take the acting staff id
and load the role from the database, so a staff account cannot do a supervisor's action even
by calling the engine directly. ``actor=None`` is the local system itself (the kiosk, the
``khiw`` command run by the office's administrator on the server).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from khiw.clock import resolve
from khiw.engine import eventlog, lookup
from khiw.errors import AccountLocked, AuthFailed, NotFound, PermissionDenied
from khiw.models import EventKind, Office, Role, Staff
from khiw.models.ids import StaffId

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against for an unknown username, so that it costs the same time as a known
    one. Made on first use, not at import: hashing takes a tenth of a second, and every
    ``khiw`` command imports this module."""
    return _hasher.hash("not-a-pin")


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
    # argon2 is the slow part (0.1 s, seconds on a busy PC): it runs before this transaction
    # starts, so that it holds no lock (SQLite's write lock, a PostgreSQL row) and is never
    # idle long enough for the server's idle-in-transaction timeout to cut it off.
    stored = _stored_hash(session, username)
    right = pin_matches(stored or _dummy_hash(), pin) and stored is not None
    try:
        account = lookup.staff(session, username)
    except NotFound:
        raise AuthFailed(username) from None
    right = right and account.pin_hash == stored  # not a PIN changed by `khiw init` meanwhile
    rules = lookup.policy(session.get_one(Office, account.office_id))
    if account.locked_until is not None and account.locked_until > now:
        raise AccountLocked(username, account.locked_until)
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


def _stored_hash(session: Session, username: str) -> str | None:
    """The account's PIN hash, read on a connection of its own that is closed at once.

    The session's transaction has not started yet (it starts at its first statement), so
    nothing of it is held while the caller checks the PIN. A session bound to a connection
    (already in a transaction) is read directly.
    """
    query = select(Staff.pin_hash).where(Staff.username == username, Staff.active)
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return session.execute(query).scalar_one_or_none()
    with bind.execution_options(khiw_write=False).connect() as conn:
        return conn.execute(query).scalar_one_or_none()


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
