"""``khiw.engine.upsert``: one ``INSERT … ON CONFLICT`` for both databases, in each one's dialect."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from khiw.db import Database
from khiw.engine import upsert
from khiw.models import DayNumber, Service

DAY = date(2026, 1, 5)


def _put(session: Session, last: int) -> int:
    """Write ``last`` as the first service's number of DAY, whether its row exists or not."""
    service_id = session.execute(select(Service.id).order_by(Service.id).limit(1)).scalar_one()
    statement = upsert.insert(session, DayNumber).values(service_id=service_id, day=DAY, last=last)
    statement = statement.on_conflict_do_update(index_elements=[DayNumber.service_id, DayNumber.day], set_={"last": statement.excluded.last})
    session.execute(statement)
    return session.execute(select(DayNumber.last).where(DayNumber.service_id == service_id, DayNumber.day == DAY)).scalar_one()


class TestUpsert:
    def test_it_inserts_the_row_then_overwrites_it_with_the_new_values(self, office: Database) -> None:
        assert office.run(_put, 5) == 5
        assert office.run(_put, 2) == 2
        with office.read() as s:
            assert len(s.execute(select(DayNumber).where(DayNumber.day == DAY)).all()) == 1

    def test_it_is_built_in_the_sessions_own_dialect(self, office: Database) -> None:
        with office.read() as s:
            statement = upsert.insert(s, DayNumber)
        assert type(statement).__module__.startswith(f"sqlalchemy.dialects.{office.url.get_backend_name()}.")
