"""Alembic environment: the engine comes from ``khiw.migrate`` (or a URL for autogenerate)."""

from alembic import context
from sqlalchemy import create_engine

from khiw.models import Base
from khiw.models.ticket import declare_partial_indexes

declare_partial_indexes()  # autogenerate must see them (they are declared on demand)

config = context.config
engine = config.attributes.get("engine") or create_engine(
    config.get_main_option("sqlalchemy.url")
)

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Stations' statements are cut off after a minute and an idle transaction after 5 s
        # (khiw.db.PG_TIMEOUTS); building an index over years of events may take longer, runs
        # once, and on a busy PC the pause between two migration steps may exceed 5 s.
        connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        connection.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
