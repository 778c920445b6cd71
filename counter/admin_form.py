"""One record's edit form in the "จัดการ" tab: a field per row, its problem in red beside it.

The form knows nothing of the rules: it sends what was typed, and the engine validates with
``khiw.toml``'s rules (one set of rules) and names the fields it refuses, which the form shows
next to each field (:meth:`EditForm.show_problems`). ``was`` is what the record held when it
was loaded; only the fields that differ from it are sent, each with its old value, so that an
edit made meanwhile by someone else is caught by the engine, never silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from enum import Enum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from khiw.errors import SettingProblem
from khiw.messages import problem_text

CONTEXT = "Admin"
ERROR_COLOUR = "#B71C1C"


@dataclass(frozen=True, slots=True)
class Field:
    """A form row: ``kind`` is ``text``, ``optional`` (empty means none), ``list`` (comma
    separated), ``lines`` (one item per line), ``bool`` or ``choice`` (``choices``: value →
    label to translate)."""

    name: str
    label: str
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    context: str = CONTEXT  # where the choices' names are translated


def tr(text: str) -> str:
    """Translate a text marked with ``QT_TRANSLATE_NOOP("Admin", …)``."""
    return QCoreApplication.translate(CONTEXT, text)


def shown(value: Any) -> str:
    """How a stored value reads in a text field (and is compared with what was typed)."""
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


class EditForm(QWidget):
    """The fields of one record; ``key_fields`` are editable only for a new record."""

    def __init__(self, fields: Iterable[Field], *, key_fields: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.key_fields = key_fields
        self.inputs: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.was: dict[str, Any] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        for row, f in enumerate(self.fields.values()):
            widget: QWidget
            if f.kind == "bool":
                widget = QCheckBox()
            elif f.kind == "lines":
                widget = QPlainTextEdit()
                widget.setFixedHeight(84)
                widget.setTabChangesFocus(True)
            elif f.kind == "choice":
                widget = QComboBox()
                for value, _ in f.choices:
                    widget.addItem("", value)
            else:
                widget = QLineEdit()
                widget.setMinimumWidth(420)
            widget.setObjectName(f"field_{f.name}")
            label, error = QLabel(), QLabel()
            error.setObjectName(f"error_{f.name}")
            error.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 700;")
            error.setWordWrap(True)
            error.setMinimumWidth(260)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | (Qt.AlignmentFlag.AlignTop if f.kind == "lines" else Qt.AlignmentFlag.AlignVCenter))
            grid.addWidget(widget, row, 1)
            grid.addWidget(error, row, 2)
            self.inputs[f.name], self.labels[f.name], self.errors[f.name] = widget, label, error
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.retranslate()

    def retranslate(self) -> None:
        for name, f in self.fields.items():
            self.labels[name].setText(tr(f.label))
            widget = self.inputs[name]
            if isinstance(widget, QComboBox):
                for i, (_, text) in enumerate(f.choices):
                    widget.setItemText(i, QCoreApplication.translate(f.context, text))
            elif isinstance(widget, QLineEdit):
                widget.setPlaceholderText(tr(f.hint) if f.hint else "")

    def load(self, values: Mapping[str, Any], *, new: bool = False) -> None:
        """Show a record (``new``: an empty one, whose key fields may be typed)."""
        self.was = {name: values.get(name) for name in self.fields}
        for name, f in self.fields.items():
            widget, value = self.inputs[name], values.get(name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(shown(value))))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("\n".join(value or []))
            elif isinstance(widget, QLineEdit):
                widget.setText(shown(value))
                widget.setReadOnly(name in self.key_fields and not new)
        self.clear_problems()

    def value(self, name: str) -> Any:
        """What the field holds now, as the engine takes it."""
        widget, kind = self.inputs[name], self.fields[name].kind
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QPlainTextEdit):
            return [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
        assert isinstance(widget, QLineEdit)
        text = widget.text().strip()
        if kind == "optional":
            return text or None
        if kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()]
        return text

    def changes(self) -> dict[str, Any]:
        """The fields that differ from what was loaded."""
        out = {}
        for name, f in self.fields.items():
            now = self.value(name)
            if f.kind == "bool":
                differs = now != bool(self.was.get(name))
            elif f.kind == "list":
                differs = [s.upper() for s in now] != [str(s).upper() for s in self.was.get(name) or []]
            elif f.kind == "lines":
                differs = now != list(self.was.get(name) or [])
            else:
                differs = shown(now) != shown(self.was.get(name))
            if differs:
                out[name] = now
        return out

    def show_problems(self, problems: Iterable[SettingProblem], lang: str) -> list[SettingProblem]:
        """Put each problem beside its field; returns those that belong to no field here."""
        self.clear_problems()
        elsewhere = []
        for p in problems:
            label = self.errors.get(p.field)
            if label is None:
                elsewhere.append(p)
                continue
            th, en = problem_text(p)
            label.setText(en if lang == "en" else th)
        return elsewhere

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.clear()

    def problem(self, name: str) -> str:
        """The problem shown beside ``name`` (tests read the form through this)."""
        return self.errors[name].text()


# Field labels, collected by pyside6-lupdate under the "Admin" context.
L = {
    "username": QT_TRANSLATE_NOOP("Admin", "ชื่อผู้ใช้"),
    "display_name": QT_TRANSLATE_NOOP("Admin", "ชื่อที่แสดง"),
    "role": QT_TRANSLATE_NOOP("Admin", "บทบาท"),
    "active": QT_TRANSLATE_NOOP("Admin", "ใช้งาน"),
    "prefix": QT_TRANSLATE_NOOP("Admin", "อักษรนำหน้าคิว"),
    "name_th": QT_TRANSLATE_NOOP("Admin", "ชื่อ (ไทย)"),
    "name_en": QT_TRANSLATE_NOOP("Admin", "ชื่อ (อังกฤษ)"),
    "standard_minutes": QT_TRANSLATE_NOOP("Admin", "ระยะเวลามาตรฐาน (นาที)"),
    "daily_cap": QT_TRANSLATE_NOOP("Admin", "จำนวนคิวสูงสุดต่อวัน"),
    "opens": QT_TRANSLATE_NOOP("Admin", "เวลาเปิด"),
    "closes": QT_TRANSLATE_NOOP("Admin", "เวลาปิด"),
    "unit_th": QT_TRANSLATE_NOOP("Admin", "หน่วยงานที่รับผิดชอบ"),
    "steps_th": QT_TRANSLATE_NOOP("Admin", "ขั้นตอนการให้บริการ (บรรทัดละขั้น)"),
    "service_active": QT_TRANSLATE_NOOP("Admin", "เปิดให้บริการ"),
    "name": QT_TRANSLATE_NOOP("Admin", "ชื่อช่องบริการ"),
    "services": QT_TRANSLATE_NOOP("Admin", "งานบริการ (เรียงตามลำดับ)"),
    "counter_active": QT_TRANSLATE_NOOP("Admin", "เปิดใช้วันนี้"),
    "office_name_th": QT_TRANSLATE_NOOP("Admin", "ชื่อหน่วยงาน (ไทย)"),
    "office_name_en": QT_TRANSLATE_NOOP("Admin", "ชื่อหน่วยงาน (อังกฤษ)"),
    "footer_th": QT_TRANSLATE_NOOP("Admin", "ท้ายบัตรคิว (ไทย)"),
    "footer_en": QT_TRANSLATE_NOOP("Admin", "ท้ายบัตรคิว (อังกฤษ)"),
    "priority_lane": QT_TRANSLATE_NOOP("Admin", "เปิดช่องทางพิเศษ"),
    "hint_time": QT_TRANSLATE_NOOP("Admin", "เช่น 08:30 (ว่าง = ตามเวลาทำการ)"),
    "hint_none": QT_TRANSLATE_NOOP("Admin", "ว่าง = ไม่จำกัด"),
    "hint_codes": QT_TRANSLATE_NOOP("Admin", "รหัสงานบริการ เช่น TAX, INF"),
}
