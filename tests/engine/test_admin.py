"""The supervisor's edits of the office: each saved with its event, refused by role, by the
``khiw.toml`` rules, or because someone else changed the record first; the audit still agrees."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlalchemy import select

from khiw.db import Database
from khiw.engine import authenticate, open_counter
from khiw.engine.admin import (
    add_staff,
    office_settings,
    reset_pin,
    unlock_staff,
    update_counter,
    update_office,
    update_service,
    update_staff,
)
from khiw.engine.audit import verify
from khiw.errors import AccountLocked, AuthFailed, InvalidSettings, PermissionDenied, StaleEdit
from khiw.models import Counter, CounterService, Event, EventKind, Office, Role, Service, Staff
from tests.fixtures import MORNING, PINS


def _id(db: Database, username: str) -> int:
    return db.query(lambda s: s.execute(select(Staff.id).where(Staff.username == username)).scalar_one())


def _events(db: Database) -> list[Event]:
    return db.query(lambda s: s.execute(select(Event).where(Event.kind == EventKind.SETTINGS_CHANGED).order_by(Event.id)).scalars().all())


def _audit_ok(db: Database) -> None:
    result = db.query(verify)
    assert result.ok, result.problem


@pytest.fixture
def boss(office: Database) -> int:
    return _id(office, "wanida")


class TestStaff:
    def test_add_staff_with_a_one_time_pin_that_signs_in(self, office: Database, boss: int) -> None:
        done = office.run(add_staff, actor=boss, username="nok", display_name="นก ใจดี", now=MORNING)
        assert done.one_time_pin and len(done.one_time_pin) == 6
        actor = office.run(authenticate, username="nok", pin=done.one_time_pin, now=MORNING)
        assert actor.role == Role.STAFF and actor.display_name == "นก ใจดี"
        (event,) = _events(office)
        assert event.staff_id == boss and event.data["section"] == "staff" and event.data["key"] == "nok"
        assert event.data["changes"]["display_name"] == {"old": None, "new": "นก ใจดี"}
        assert done.one_time_pin not in str(event.data)
        _audit_ok(office)

    def test_rename_deactivate_and_role_are_recorded_and_audited(self, office: Database, boss: int) -> None:
        was = {"display_name": "สมชาย ใจดี", "active": True}
        office.run(update_staff, actor=boss, username="somchai", changes={"display_name": "สมชาย รักงาน", "active": False}, was=was, now=MORNING)
        row = office.query(lambda s: s.execute(select(Staff).where(Staff.username == "somchai")).scalar_one())
        assert (row.display_name, row.active) == ("สมชาย รักงาน", False)
        assert _events(office)[-1].data["changes"] == {"display_name": {"old": "สมชาย ใจดี", "new": "สมชาย รักงาน"}, "active": {"old": True, "new": False}}
        with pytest.raises(AuthFailed):  # deactivated, never deleted
            office.run(authenticate, username="somchai", pin=PINS["somchai"], now=MORNING)
        _audit_ok(office)

    def test_a_supervisor_cannot_create_or_make_an_admin(self, office: Database, boss: int) -> None:
        with pytest.raises(PermissionDenied):
            office.run(add_staff, actor=boss, username="big", display_name="ผู้ดูแล", role=Role.ADMIN)
        with pytest.raises(PermissionDenied):
            office.run(update_staff, actor=boss, username="somchai", changes={"role": "admin"}, was={"role": "staff"})
        office.run(update_staff, actor=boss, username="somchai", changes={"role": "supervisor"}, was={"role": "staff"})
        assert _events(office)[-1].data["changes"]["role"] == {"old": "staff", "new": "supervisor"}
        _audit_ok(office)

    def test_a_supervisor_cannot_edit_an_admin(self, office: Database, boss: int) -> None:
        office.run(add_staff, actor=None, username="root", display_name="ผู้ดูแลระบบ", role=Role.ADMIN, pin="4321")
        with pytest.raises(PermissionDenied):
            office.run(reset_pin, actor=boss, username="root")

    def test_a_staff_actor_is_refused_every_operation(self, office: Database) -> None:
        clerk = _id(office, "somchai")
        calls = [
            (add_staff, {"username": "x1", "display_name": "x"}),
            (update_staff, {"username": "malee", "changes": {"active": False}, "was": {"active": True}}),
            (reset_pin, {"username": "malee"}),
            (unlock_staff, {"username": "malee"}),
            (update_service, {"code": "TAX", "changes": {"standard_minutes": 5}, "was": {"standard_minutes": 10}}),
            (update_counter, {"number": 1, "changes": {"active": False}, "was": {"active": True}}),
            (update_office, {"changes": {"footer_th": "x"}, "was": {}}),
        ]
        for op, kwargs in calls:
            with pytest.raises(PermissionDenied):
                office.run(op, actor=clerk, **kwargs)
        assert _events(office) == []

    def test_own_account_cannot_be_switched_off(self, office: Database, boss: int) -> None:
        with pytest.raises(InvalidSettings) as err:
            office.run(update_staff, actor=boss, username="wanida", changes={"active": False}, was={"active": True})
        assert err.value.problems[0].field == "active"

    def test_reset_pin_typed_by_the_staff_member_and_unlock(self, office: Database, boss: int) -> None:
        for _ in range(5):
            with pytest.raises((AuthFailed, AccountLocked)):
                office.run(authenticate, username="malee", pin="0000", now=MORNING)
        with pytest.raises(AccountLocked):
            office.run(authenticate, username="malee", pin=PINS["malee"], now=MORNING)
        office.run(unlock_staff, actor=boss, username="malee", now=MORNING)
        assert office.run(authenticate, username="malee", pin=PINS["malee"], now=MORNING).username == "malee"
        done = office.run(reset_pin, actor=boss, username="malee", pin="8642", now=MORNING)
        assert done.one_time_pin is None
        assert office.run(authenticate, username="malee", pin="8642", now=MORNING + timedelta(seconds=1)).username == "malee"
        with pytest.raises(InvalidSettings) as err:
            office.run(reset_pin, actor=boss, username="malee", pin="12")
        assert err.value.problems[0].field == "pin" and err.value.problems[0].code == "pattern"
        _audit_ok(office)


class TestServices:
    def test_standard_time_and_names_change_with_their_event(self, office: Database, boss: int) -> None:
        done = office.run(update_service, actor=boss, code="tax", changes={"standard_minutes": "20", "name_en": "Taxes"}, was={"standard_minutes": 10, "name_en": "Land and building tax payment"}, now=MORNING)
        assert {c.field: (c.old, c.new) for c in done.changes} == {"standard_minutes": (10, 20), "name_en": ("Land and building tax payment", "Taxes")}
        row = office.query(lambda s: s.execute(select(Service).where(Service.code == "TAX")).scalar_one())
        assert (row.standard_minutes, row.name_en) == (20, "Taxes")
        (event,) = _events(office)
        assert event.service_id == row.id and event.staff_id == boss
        _audit_ok(office)

    def test_the_toml_rules_refuse_and_nothing_is_saved(self, office: Database, boss: int) -> None:
        settings = office.query(office_settings)
        other = settings.services[1].prefix
        with pytest.raises(InvalidSettings) as err:
            office.run(
                update_service,
                actor=boss,
                code="TAX",
                changes={"standard_minutes": 999, "prefix": other, "name_th": "ก" * 201},
                was={"standard_minutes": 10, "prefix": "A", "name_th": settings.services[0].name_th},
            )
        fields = {p.field: p.code for p in err.value.problems}
        assert fields == {"standard_minutes": "range", "name_th": "too_long"}  # the model's rules fail first
        with pytest.raises(InvalidSettings) as err:
            office.run(update_service, actor=boss, code="TAX", changes={"prefix": other}, was={"prefix": "A"})
        assert [(p.field, p.code) for p in err.value.problems] == [("prefix", "duplicate")]
        with pytest.raises(InvalidSettings) as err:
            office.run(update_service, actor=boss, code="TAX", changes={"opens": "16:00", "closes": "08:30"}, was={"opens": None, "closes": None})
        assert [(p.field, p.code) for p in err.value.problems] == [("closes", "hours")]
        assert office.query(office_settings) == settings
        assert _events(office) == []

    def test_a_stale_edit_is_refused_with_the_value_now(self, office: Database, boss: int) -> None:
        office.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": 12}, was={"standard_minutes": 10})
        with pytest.raises(StaleEdit) as err:
            office.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": 15}, was={"standard_minutes": 10})
        assert (err.value.field, err.value.current) == ("standard_minutes", 12)
        assert len(_events(office)) == 1

    def test_switched_off_never_deleted(self, office: Database, boss: int) -> None:
        office.run(update_service, actor=boss, code="BLD", changes={"active": False}, was={"active": True})
        assert office.query(lambda s: s.execute(select(Service.active).where(Service.code == "BLD")).scalar_one()) is False


class TestCounters:
    def test_services_order_name_and_closing(self, office: Database, boss: int) -> None:
        office.run(update_counter, actor=boss, number=1, changes={"services": ["inf", "TAX", "REG"], "name": "ช่อง 1"}, was={"services": ["TAX", "INF"], "name": "ช่องบริการ 1 งานคลัง"})
        office.run(update_counter, actor=boss, number=1, changes={"active": False}, was={"active": True})

        def read(s):
            desk = s.execute(select(Counter).where(Counter.number == 1)).scalar_one()
            links = s.execute(select(Service.code).join(CounterService).where(CounterService.counter_id == desk.id).order_by(CounterService.position)).scalars().all()
            return desk.name, desk.active, links

        assert office.query(read) == ("ช่อง 1", False, ["INF", "TAX", "REG"])
        assert [e.data["changes"] for e in _events(office)][1] == {"active": {"old": True, "new": False}}
        _audit_ok(office)

    def test_unknown_service_and_a_counter_in_use(self, office: Database, boss: int) -> None:
        with pytest.raises(InvalidSettings) as err:
            office.run(update_counter, actor=boss, number=2, changes={"services": ["NOPE"]}, was={"services": ["REG", "WEL", "INF"]})
        assert err.value.problems[0].field == "services"
        office.run(open_counter, counter=2, actor=_id(office, "malee"))
        with pytest.raises(InvalidSettings) as err:
            office.run(update_counter, actor=boss, number=2, changes={"active": False}, was={"active": True})
        assert err.value.problems[0].code == "in_use"


class TestOffice:
    def test_hours_footer_and_priority_lane(self, office: Database, boss: int) -> None:
        was = {"opens": None, "closes": None, "footer_th": office.query(office_settings).ticket.footer_th, "priority_lane": True}
        office.run(update_office, actor=boss, changes={"opens": "08:30", "closes": "16:30", "footer_th": "ขอบคุณที่ใช้บริการ", "priority_lane": False}, was=was, now=MORNING)
        row = office.query(lambda s: s.execute(select(Office)).scalar_one())
        assert (row.opens, row.closes, row.ticket["footer_th"], row.policy["priority_lane"]) == (time(8, 30), time(16, 30), "ขอบคุณที่ใช้บริการ", False)
        assert _events(office)[-1].data["changes"]["opens"] == {"old": None, "new": "08:30"}
        with pytest.raises(InvalidSettings) as err:
            office.run(update_office, actor=boss, changes={"closes": "07:00", "footer_en": "x" * 201}, was={"closes": "16:30", "footer_en": row.ticket["footer_en"]})
        assert {p.field for p in err.value.problems} == {"footer_en"}  # the model fails before the cross-check
        _audit_ok(office)

    def test_nothing_changed_writes_no_event(self, office: Database, boss: int) -> None:
        done = office.run(update_office, actor=boss, changes={"priority_lane": True}, was={"priority_lane": True})
        assert done.changes == () and done.event_id is None and _events(office) == []


class TestTwoSupervisorsAtOnce:
    def test_of_many_saves_started_from_the_same_value_exactly_one_lands(self, office: Database, boss: int) -> None:
        """Each save locks the row before checking ``was``: the others see the first one's value."""
        import threading

        gate = threading.Barrier(6)
        outcomes: list[object] = []

        def save(minutes: int) -> None:
            gate.wait()
            try:
                outcomes.append(office.run(update_service, actor=boss, code="TAX", changes={"standard_minutes": minutes}, was={"standard_minutes": 10}))
            except StaleEdit as err:
                outcomes.append(err)

        threads = [threading.Thread(target=save, args=(20 + i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        landed = [o for o in outcomes if not isinstance(o, StaleEdit)]
        assert len(landed) == 1 and len(outcomes) == 6
        winner = landed[0].changes[0].new
        assert all(o.current == winner for o in outcomes if isinstance(o, StaleEdit))
        assert office.query(lambda s: s.execute(select(Service.standard_minutes).where(Service.code == "TAX")).scalar_one()) == winner
        assert len(_events(office)) == 1
