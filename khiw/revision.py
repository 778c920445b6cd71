"""Whether a database is at the schema this Khiw ships, without loading Alembic.

Every command checks this before it runs; Alembic (and Mako with it) costs a tenth of a
second to import, which ``khiw issue`` or ``khiw call`` in a script should not pay. The
shipped head is read from the migration files' ``revision``/``down_revision`` lines (the
tests check it against Alembic's own answer), the database's from ``alembic_version``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

VERSIONS = Path(__file__).with_name("migrations") / "versions"
_LINE = re.compile(r'^(revision|down_revision)\s*(?::[^=]*)?=\s*["\']([^"\']+)["\']', re.MULTILINE)


@cache
def shipped_head() -> str | None:
    """The one revision no shipped migration revises (None if there are none)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        for key, value in _LINE.findall(path.read_text(encoding="utf-8")):
            (revisions if key == "revision" else revised).add(value)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def database_revision(conn: Connection) -> str | None:
    """The revision recorded in the database (None before ``khiw init``)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
