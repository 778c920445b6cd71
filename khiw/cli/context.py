"""What every command shares: the database, the office and the local configuration file."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khiw.errors import KhiwError

if TYPE_CHECKING:  # imported where used: ``khiw --help`` loads neither pydantic nor SQLAlchemy
    from khiw.config import KhiwConfig
    from khiw.db import Database
    from khiw.models.ids import StaffId

ENV_PIN = "KHIW_PIN"


class PinNeeded(KhiwError):
    """``--staff`` was given where no PIN can be asked for (no terminal, no ``KHIW_PIN``)."""

    exit_code = 2


@dataclass
class Context:
    """Built from the global options; opens the database only when a command needs it."""

    db_url: str | None
    office: str | None
    config_path: Path | None
    as_json: bool = False
    _db: Database | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        from khiw.config import default_config_path

        path = getattr(args, "config", None) or default_config_path()
        return cls(getattr(args, "db", None), getattr(args, "office", None), Path(path) if path else None, bool(getattr(args, "json", False)))

    @cached_property
    def config(self) -> KhiwConfig | None:
        """The local ``khiw.toml`` if one is given or installed (device settings live there)."""
        from khiw.config import load_config

        return load_config(self.config_path) if self.config_path else None

    def database(self, *, check: bool = True, station: str | None = None) -> Database:
        """The database; ``check`` first makes sure ``khiw init`` has been run on it.

        A ``station`` (``board``, ``counter``, ``kiosk``) names its connection ``khiw-<station>``
        and holds one: its operation runner runs every transaction on it, on one thread, and
        LISTENs for changes on it between them (:mod:`khiw.qt.runner`).
        """
        if self._db is None:
            from khiw.db import Database

            if station is None:
                self._db = Database(self.db_url)
            else:
                self._db = Database(self.db_url, application_name=f"khiw-{station}", connections=1)
            if check:
                self._db.check_schema()
        return self._db

    def staff_id(self, username: str | None) -> StaffId | None:
        """The id of ``--staff USER`` once USER's PIN is checked, or None (the system itself).

        The hash-chained log records the staff member as the actor, so the command must prove
        it is them: the PIN comes from ``$KHIW_PIN`` (scripts) or a prompt, and counts towards
        the lockout like a wrong PIN at a counter; a locked account is refused. Without
        ``--staff`` the command is the office administrator's, logged as the system.
        """
        if not username:
            return None
        from khiw.engine.auth import authenticate

        pin = os.environ.get(ENV_PIN)
        if pin is None:
            if not sys.stdin.isatty():
                raise PinNeeded(f"--staff {username} needs {username}'s PIN: set {ENV_PIN} or run in a terminal")
            pin = getpass.getpass(f"PIN for {username}: ")
        return self.database().run(authenticate, username=username, pin=pin).staff_id

    def emit(self, payload: Any, human: str) -> None:
        """Print JSON for scripts (``--json``) or one readable line for people."""
        if self.as_json:
            json.dump(payload, sys.stdout, ensure_ascii=False, indent=None, default=_default)
            sys.stdout.write("\n")
        else:
            print(human)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
