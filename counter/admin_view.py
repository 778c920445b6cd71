"""The supervisor's "จัดการ" tab: staff and PINs, services, counters, the office.

Self-contained like the report and plan views: it needs the window's
:class:`~khiw.qt.runner.OperationRunner`, who is acting and which office. Every save is an
engine operation (:mod:`khiw.engine.admin`) that checks the role, validates with
``khiw.toml``'s rules and records who changed what; this view only shows the form, sends the
fields that changed with the values they had, and puts each refusal beside its field. The
other stations (kiosk, board, other counters) see a saved change through the change feed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter.admin_form import L, EditForm, Field
from counter.labels import CONTEXT as LABELS, ROLES
from khiw.config import KhiwConfig
from khiw.engine import Role
from khiw.engine.admin import (
    SettingsChanged,
    add_staff,
    office_settings,
    reset_pin,
    unlock_staff,
    update_counter,
    update_office,
    update_service,
    update_staff,
)
from khiw.errors import InvalidSettings, StaleEdit
from khiw.messages import describe
from khiw.qt.runner import OperationRunner

OK_COLOUR, ERROR_COLOUR = "#2E7D32", "#B71C1C"
SHEET = """
QLineEdit { font-size: 17px; padding: 4px 8px; }
QLabel, QCheckBox, QComboBox, QListWidget, QPushButton { font-size: 17px; }
QPushButton { padding: 6px 16px; }
"""


class Section(QWidget):
    """The records of one kind in a list, the picked one's form beside it, Save below."""

    def __init__(self, view: AdminView, fields: list[Field], *, key: str = "", key_fields: tuple[str, ...] = (), listed: bool = True) -> None:
        super().__init__()
        self.view = view
        self.key = key  # the field that names a record (username, code, number)
        self.pending: str | None = None  # the record to pick at the next refresh (one just added)
        self.records: list[tuple[str, dict[str, Any]]] = []
        self.list = QListWidget()
        self.list.setFixedWidth(340)
        self.list.setVisible(listed)
        self.form = EditForm(fields, key_fields=key_fields)
        self.save = QPushButton()
        self.save.setObjectName("bigButton")
        self.message = QLabel()
        self.message.setObjectName("adminMessage")
        self.message.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save)
        self.buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addLayout(self.buttons)
        right.addWidget(self.message)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 12, 14, 12)
        row.setSpacing(18)
        row.addWidget(self.list)
        row.addLayout(right, 1)
        self.list.currentRowChanged.connect(self._picked)
        self.save.clicked.connect(self.submit)

    def show_records(self, records: list[tuple[str, dict[str, Any]]], *, reload: bool = False) -> None:
        """Refill the list, keeping the picked record; its form reloads only when asked (after
        a save or a refusal), so that typing in progress is never thrown away by a refresh."""
        keep = self.list.currentRow()
        self.records = records
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([text for text, _ in records])
        if records:
            row = min(max(keep, 0), len(records) - 1)
            added = [i for i, (_, values) in enumerate(records) if self.pending is not None and str(values.get(self.key)) == self.pending]
            if added:
                row, reload, self.pending = added[0], True, None
            self.list.setCurrentRow(row)
            if reload or keep < 0:
                self.form.load(records[row][1])
        self.list.blockSignals(False)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.records):
            self.form.load(self.records[row][1])
            self.say("")

    def current(self) -> dict[str, Any]:
        return self.records[self.list.currentRow()][1] if self.records else {}

    def submit(self) -> None:
        """Send the changed fields (nothing to send: say so)."""
        changes = self.form.changes()
        if not changes:
            self.say(self.tr("ไม่มีการเปลี่ยนแปลง"))
            return
        self.send(changes, {name: self.form.was.get(name) for name in changes})

    def send(self, changes: dict[str, Any], was: dict[str, Any]) -> None:
        raise NotImplementedError

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR if error else OK_COLOUR}; font-weight: 700;")

    def retranslate(self) -> None:
        self.save.setText(self.tr("บันทึก"))
        self.form.retranslate()


class StaffSection(Section):
    """Accounts: add, rename, role, switch off; a PIN typed by the staff member or a one-time
    PIN shown once; unlock."""

    def __init__(self, view: AdminView) -> None:
        roles = tuple((str(r), ROLES[r]) for r in Role)
        fields = [
            Field("username", L["username"]),
            Field("display_name", L["display_name"]),
            Field("role", L["role"], "choice", roles, context=LABELS),
            Field("active", L["active"], "bool"),
        ]
        super().__init__(view, fields, key="username", key_fields=("username",))
        self.new = QPushButton()
        self.one_time = QPushButton()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setFixedWidth(150)
        self.set_pin = QPushButton()
        self.unlock = QPushButton()
        for widget in (self.new, self.one_time, self.pin, self.set_pin, self.unlock):
            self.buttons.insertWidget(self.buttons.count() - 1, widget)
        self.adding = False
        self.new.clicked.connect(self.start_new)
        self.one_time.clicked.connect(lambda: self._pin(None))
        self.set_pin.clicked.connect(lambda: self._pin(self.pin.text().strip()))
        self.unlock.clicked.connect(lambda: self.view.run(self, unlock_staff, username=self.current().get("username")))

    def _picked(self, row: int) -> None:
        self.adding = False
        super()._picked(row)

    def start_new(self) -> None:
        """An empty form whose username may be typed; Save adds the account."""
        self.adding = True
        self.list.clearSelection()
        self.form.load({"role": Role.STAFF, "active": True}, new=True)
        self.say(self.tr("กรอกชื่อผู้ใช้และชื่อที่แสดง แล้วกดบันทึก ระบบจะออก PIN ใช้ครั้งเดียวให้"))

    def submit(self) -> None:
        if not self.adding:
            super().submit()
            return
        f = self.form
        self.view.run(self, add_staff, username=f.value("username"), display_name=f.value("display_name"), role=f.value("role"))

    def send(self, changes: dict[str, Any], was: dict[str, Any]) -> None:
        self.view.run(self, update_staff, username=self.current()["username"], changes=changes, was=was)

    def _pin(self, pin: str | None) -> None:
        if self.current():
            self.view.run(self, reset_pin, username=self.current()["username"], pin=pin or None)
            self.pin.clear()

    def retranslate(self) -> None:
        super().retranslate()
        self.new.setText(self.tr("เพิ่มเจ้าหน้าที่ใหม่"))
        self.one_time.setText(self.tr("ออก PIN ใช้ครั้งเดียว"))
        self.pin.setPlaceholderText(self.tr("PIN ใหม่"))
        self.set_pin.setText(self.tr("ตั้ง PIN ที่พิมพ์"))
        self.unlock.setText(self.tr("ปลดล็อกบัญชี"))


class ServiceSection(Section):
    """Names, letter, the published standard time, daily cap, hours, unit and steps; switch off."""

    def __init__(self, view: AdminView) -> None:
        fields = [
            Field("prefix", L["prefix"]),
            Field("name_th", L["name_th"]),
            Field("name_en", L["name_en"]),
            Field("standard_minutes", L["standard_minutes"]),
            Field("daily_cap", L["daily_cap"], "optional", hint=L["hint_none"]),
            Field("opens", L["opens"], "optional", hint=L["hint_time"]),
            Field("closes", L["closes"], "optional", hint=L["hint_time"]),
            Field("unit_th", L["unit_th"]),
            Field("steps_th", L["steps_th"], "lines"),
            Field("active", L["service_active"], "bool"),
        ]
        super().__init__(view, fields, key="code")

    def send(self, changes: dict[str, Any], was: dict[str, Any]) -> None:
        self.view.run(self, update_service, code=self.current()["code"], changes=changes, was=was)


class CounterSection(Section):
    """A counter's name, its services in order (main first), open or closed for the day."""

    def __init__(self, view: AdminView) -> None:
        fields = [
            Field("name", L["name"]),
            Field("services", L["services"], "list", hint=L["hint_codes"]),
            Field("active", L["counter_active"], "bool"),
        ]
        super().__init__(view, fields, key="number")

    def send(self, changes: dict[str, Any], was: dict[str, Any]) -> None:
        self.view.run(self, update_counter, number=self.current()["number"], changes=changes, was=was)


class OfficeSection(Section):
    """The office's names, opening hours, the ticket's footer and the priority lane."""

    def __init__(self, view: AdminView) -> None:
        fields = [
            Field("name_th", L["office_name_th"]),
            Field("name_en", L["office_name_en"]),
            Field("opens", L["opens"], "optional", hint=L["hint_time"]),
            Field("closes", L["closes"], "optional", hint=L["hint_time"]),
            Field("footer_th", L["footer_th"]),
            Field("footer_en", L["footer_en"]),
            Field("priority_lane", L["priority_lane"], "bool"),
        ]
        super().__init__(view, fields, listed=False)

    def send(self, changes: dict[str, Any], was: dict[str, Any]) -> None:
        self.view.run(self, update_office, changes=changes, was=was)


class AdminView(QWidget):
    """The four sections in tabs. ``actor`` and ``lang`` are asked at each use.

    Signals:
        loaded(object): the office's settings (a ``KhiwConfig``) were read and shown.
        saved(object): an edit was saved (a :class:`~khiw.engine.admin.SettingsChanged`).
        refused(object): an edit was refused (the engine's error); nothing was saved.
    """

    loaded = Signal(object)
    saved = Signal(object)
    refused = Signal(object)

    def __init__(self, runner: OperationRunner, *, actor: Callable[[], int | None], office: str | None, lang: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.actor, self.office, self.lang = runner, actor, office, lang
        self.settings: KhiwConfig | None = None
        self.tabs = QTabWidget()
        self.staff, self.services, self.counters, self.office_section = StaffSection(self), ServiceSection(self), CounterSection(self), OfficeSection(self)
        for section in self.sections:
            self.tabs.addTab(section, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setStyleSheet(SHEET)
        self.retranslate()

    @property
    def sections(self) -> tuple[Section, ...]:
        return (self.staff, self.services, self.counters, self.office_section)

    def refresh(self, *, reload: bool = False) -> None:
        """Read the office's settings again (``reload``: also into the open forms)."""
        self.runner.submit(office_settings, read=True, office=self.office, on_done=lambda cfg: self._show(cfg, reload))

    def _show(self, cfg: KhiwConfig, reload: bool) -> None:
        self.settings = cfg
        self.staff.show_records([(f"{s.display_name} ({s.username})" + ("" if s.active else " ✕"), s.model_dump()) for s in cfg.staff], reload=reload)
        self.services.show_records([(f"{s.prefix}  {s.name_th}" + ("" if s.active else " ✕"), s.model_dump()) for s in cfg.services], reload=reload)
        self.counters.show_records([(f"{c.number}  {c.name}" + ("" if c.active else " ✕"), c.model_dump()) for c in cfg.counters], reload=reload)
        office = {**cfg.office.model_dump(), "footer_th": cfg.ticket.footer_th, "footer_en": cfg.ticket.footer_en, "priority_lane": cfg.policy.priority_lane}
        self.office_section.show_records([(cfg.office.name_th, office)], reload=reload)
        self.loaded.emit(cfg)

    def run(self, section: Section, op: Callable[..., SettingsChanged], **kwargs: Any) -> None:
        """Run an edit for ``section``; its outcome is shown there."""
        actor = self.actor()
        if actor is None:  # signed out meanwhile: None would be the local system itself
            return
        section.form.clear_problems()
        section.say(self.tr("กำลังบันทึก…"))
        self.runner.submit(op, actor=actor, office=self.office, on_done=lambda done: self._done(section, done), on_error=lambda err: self._refused(section, err), **kwargs)

    def _done(self, section: Section, done: SettingsChanged) -> None:
        if done.one_time_pin:
            text = self.tr("PIN ใช้ครั้งเดียวของ {user}: {pin} (แสดงครั้งเดียว จดให้เจ้าหน้าที่)").format(user=done.key, pin=done.one_time_pin)
        elif done.changes:
            text = self.tr("บันทึกแล้ว")
        else:
            text = self.tr("ไม่มีการเปลี่ยนแปลง")
        if isinstance(section, StaffSection) and section.adding:
            section.adding = False
            section.pending = done.key  # show the account just added, beside its one-time PIN
        section.say(text)
        self.refresh(reload=True)
        self.saved.emit(done)

    def _refused(self, section: Section, err: BaseException) -> None:
        lang = self.lang()
        if isinstance(err, InvalidSettings):
            elsewhere = section.form.show_problems(err.problems, lang)
            text = self.tr("ยังไม่ได้บันทึก: กรุณาแก้ไขช่องที่มีข้อความสีแดง")
            if elsewhere:
                text += " (" + describe(InvalidSettings(elsewhere), lang) + ")"
            section.say(text, error=True)
        else:
            section.say(describe(err, lang), error=True)
            if isinstance(err, StaleEdit):
                self.refresh(reload=True)  # show the value someone else saved
        self.refused.emit(err)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("จัดการ"))
        for i, title in enumerate((self.tr("เจ้าหน้าที่"), self.tr("งานบริการ"), self.tr("ช่องบริการ"), self.tr("สำนักงาน"))):
            self.tabs.setTabText(i, title)
        for section in self.sections:
            section.retranslate()
