"""``INSERT … ON CONFLICT``, built for the session's database, loading only that dialect.

SQLite and PostgreSQL spell the upsert alike, but SQLAlchemy gives each its own ``insert``
construct. Importing PostgreSQL's dialect (and the async driver modules it pulls in) costs
tens of milliseconds that ``khiw issue`` on a SQLite office should not pay (issue #11), so
each dialect is imported only when its database is the one in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite


def insert(session: Session, table: Any) -> postgresql.Insert | sqlite.Insert:
    """``insert(table)`` of the session's dialect: it has ``on_conflict_do_update`` and ``excluded``."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)
