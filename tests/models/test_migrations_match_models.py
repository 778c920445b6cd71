"""The models and the migrations describe the same schema (Alembic's ``check``, on both databases).

A table declared outside ``khiw.models`` (as ``report_days`` once was) or a column changed
in a model without a migration makes Alembic's comparison report a difference: autogenerate
would then propose dropping or altering it in the next migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from khiw.db import Database
from khiw.models import Base
from khiw.models.ticket import declare_partial_indexes
from tests.fixtures import new_database, pg_problem, pg_schema_url


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = new_database(f"sqlite:///{tmp_path / 'khiw.db'}")
        yield db
        db.dispose()
        return
    if pg_problem():
        pytest.skip(pg_problem())
    with pg_schema_url() as url:
        db = new_database(url)
        yield db
        db.dispose()


def test_the_migrated_schema_is_the_models_schema(migrated: Database) -> None:
    declare_partial_indexes()  # declared on demand, so that loading the models loads no dialect
    with migrated.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_report_days_is_declared_with_the_models() -> None:
    assert "report_days" in Base.metadata.tables
