"""Alembic environment: the engine comes from ``khiw.migrate`` (or a URL for autogenerate)."""

from alembic import context
from sqlalchemy import create_engine

from khiw.models import Base

config = context.config
engine = config.attributes.get("engine") or create_engine(
    config.get_main_option("sqlalchemy.url")
)

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Stations' statements are cut off after a minute (khiw.db.PG_TIMEOUTS); building an
        # index over years of events may take longer, and runs once.
        connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
