"""The report's tables as data: Thai and English headings, and how each cell is read and shown.

The PDF, the XLSX workbook and the supervisor view all draw these same tables, so a figure
has one name and one format everywhere. Durations are shown in minutes, shares in percent.
Each table has at most eight columns, so it fits a portrait A4 page at 10 pt: a wide subject
(a service, a counter) is split into two tables, counts and times. Names are Thai; a code
(service code, username) is a secondary column beside the name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from khiw.metrics.figures import Figures
from khiw.metrics.satisfaction import GroupResult, Measure
from khiw.models.survey import SurveyDimension
from khiw.reports.vocabulary import PRIORITY_TH
from khiw.thaidate import WEEKDAYS

MAX_COLUMNS = 9


@dataclass(frozen=True)
class Column:
    """One column: headings, a getter on the row, its kind (text, code, int, min, pct, h, num)."""

    th: str
    en: str
    get: Callable[[Any], Any]
    kind: str = "int"


@dataclass(frozen=True)
class Table:
    """A titled table over one list of rows in the report's figures.

    ``sheet`` is its short, whole-word name for a workbook tab (Excel allows 31 characters);
    ``specialist`` tables go after the plain ones in the PDF.
    """

    key: str
    title_th: str
    title_en: str
    sheet: str
    columns: tuple[Column, ...]
    rows: Callable[[Figures], Sequence[Any]]
    specialist: bool = False
    tab: str = ""  # tables sharing one tab in the supervisor's view ("": a tab of its own, named by ``sheet``)


def minutes(value: float | None) -> float | None:
    """Seconds to minutes (None stays None)."""
    return None if value is None else value / 60.0


def show(value: Any, kind: str) -> str:
    """A cell as text: minutes to one decimal, shares as percent, missing as an en dash."""
    if value is None:
        return "–"
    if kind in ("text", "code"):
        return str(value)
    if kind == "int":
        return f"{int(value):,}"
    number = float(value)
    if kind in ("min", "h"):
        return f"{0.0 if abs(number) < 0.05 else number:,.1f}"  # never "-0.0"
    if kind == "num":
        return f"{0.0 if abs(number) < 0.005 else number:,.2f}"
    return f"{100 * number:.1f}%"  # pct


def _min(attr: str, stat: str) -> Callable[[Any], Any]:
    return lambda r: minutes(getattr(getattr(r, attr), stat))


SERVICE_NAME = Column("งานบริการ", "Service", lambda r: r.name_th, "text")
SERVICE_CODE = Column("รหัส", "Code", lambda r: r.service, "code")
SERVED = Column("เสร็จสิ้น", "Served", lambda r: r.served)
NO_SHOW = Column("ไม่มาแสดงตน", "No-show", lambda r: r.no_show)
TRANSFERRED = Column("ส่งต่อ", "Transferred", lambda r: r.transferred)
LEFT = Column("ยกเลิก/หมดอายุ", "Cancelled or expired", lambda r: r.never_called)
WAIT_MEDIAN = Column("รอ (มัธยฐาน)", "Wait median (min)", _min("wait_s", "median"), "min")
WAIT_LONGEST = Column("รอนานสุด", "Wait max (min)", _min("wait_s", "max"), "min")
SERVICE_MEDIAN = Column("ให้บริการ (มัธยฐาน)", "Service median (min)", _min("service_s", "median"), "min")
WITHIN_TARGET = Column("รอไม่เกินเป้าหมาย", "Wait within target", lambda r: r.wait_within_target, "pct")
WITHIN_STANDARD = Column("ทันเวลามาตรฐาน", "Within standard", lambda r: r.standard_met, "pct")
CALLED = Column("เรียกคิว", "Called", lambda r: r.called)


def _people(key: str, who_th: str, who_en: str, name: Column, code: Column | None, rows: Callable[[Figures], Sequence[Any]], sheet: str) -> tuple[Table, Table]:
    """The two tables of counters or staff: what they did, and their counter time."""
    head = (name, code) if code else (name,)
    work = Table(
        f"{key}",
        f"ผลการให้บริการ{who_th}",
        f"{who_en}: work",
        sheet,
        (*head, CALLED, SERVED, NO_SHOW, TRANSFERRED, SERVICE_MEDIAN, WITHIN_STANDARD),
        rows,
        tab=sheet,
    )
    time = Table(
        f"{key}_time",
        f"เวลาปฏิบัติงาน{who_th}",
        f"{who_en}: counter time",
        f"{sheet} เวลา",
        (
            *head,
            Column("ปฏิบัติงาน (ชม.)", "Signed-in h", lambda r: r.signed_in_h, "h"),
            Column("พักกลางวัน (ชม.)", "Lunch h", lambda r: r.paused_h.lunch, "h"),
            Column("ประชุม/อื่น (ชม.)", "Meeting or other h", lambda r: r.paused_h.meeting + r.paused_h.other, "h"),
            Column("อัตราการใช้งาน", "Utilisation", lambda r: r.utilisation, "pct"),
            Column("ราย/ชม.", "Served per open h", lambda r: r.served_per_open_hour, "num"),
            Column("เรียกนอกลำดับ", "Out-of-order calls", lambda r: r.out_of_order_calls),
        ),
        rows,
        tab=sheet,
    )
    return work, time


SERVICE_COUNTS = Table(
    "by_service",
    "จำนวนผู้รับบริการ แยกตามงานบริการ",
    "By service: counts",
    "งานบริการ",
    (
        SERVICE_NAME,
        SERVICE_CODE,
        Column("บัตรคิว", "Tickets", lambda r: r.issued),
        Column("ผู้รับบริการ", "Visits", lambda r: r.visits),
        SERVED,
        NO_SHOW,
        TRANSFERRED,
        LEFT,
    ),
    lambda f: f.by_service,
    tab="งานบริการ",
)
SERVICE_TIMES = Table(
    "by_service_times",
    "เวลารอและเวลาให้บริการ แยกตามงานบริการ",
    "By service: times",
    "เวลารอ",
    (
        SERVICE_NAME,
        Column("มาตรฐาน (นาที)", "Standard (min)", lambda r: r.standard_minutes),
        WAIT_MEDIAN,
        Column("รอ (P90)", "Wait p90 (min)", _min("wait_s", "p90"), "min"),
        WAIT_LONGEST,
        SERVICE_MEDIAN,
        WITHIN_TARGET,
        WITHIN_STANDARD,
    ),
    lambda f: f.by_service,
    tab="งานบริการ",
)
COUNTER_NAME = Column("ช่องบริการ", "Counter", lambda r: r.name or f"ช่อง {r.counter}", "text")
COUNTER_WORK, COUNTER_TIME = _people("by_counter", "รายช่องบริการ", "By counter", COUNTER_NAME, None, lambda f: f.by_counter, "ช่องบริการ")
STAFF_WORK, STAFF_TIME = _people(
    "by_staff",
    "รายเจ้าหน้าที่",
    "By staff member",
    Column("เจ้าหน้าที่", "Staff", lambda r: r.name, "text"),
    Column("ชื่อผู้ใช้", "Username", lambda r: r.staff, "code"),
    lambda f: f.by_staff,
    "เจ้าหน้าที่",
)
_TIME_COLUMNS = (
    Column("บัตรคิว", "Tickets", lambda r: r.issued),
    SERVED,
    WAIT_MEDIAN,
    WITHIN_TARGET,
    Column("ชม.ที่เปิดช่อง", "Open counter-h", lambda r: r.open_h, "h"),
    Column("อัตราการใช้งาน", "Utilisation", lambda r: r.utilisation, "pct"),
    Column("ราย/ชม.", "Served per open h", lambda r: r.served_per_open_hour, "num"),
)
BY_HOUR = Table(
    "by_hour",
    "แยกตามช่วงเวลาของวัน",
    "By hour of day",
    "รายชั่วโมง",
    (Column("ช่วงเวลา", "Hour", lambda r: f"{r.hour:02d}:00–{r.hour + 1:02d}:00", "text"), *_TIME_COLUMNS),
    lambda f: f.by_hour,
)
BY_WEEKDAY = Table(
    "by_weekday",
    "แยกตามวันในสัปดาห์",
    "By weekday",
    "รายวัน",
    (Column("วัน", "Weekday", lambda r: WEEKDAYS[r.weekday], "text"), *_TIME_COLUMNS),
    lambda f: f.by_weekday,
)
BY_PRIORITY = Table(
    "priority_waits",
    "เวลารอของช่องทางพิเศษเทียบกับผู้รับบริการทั่วไป",
    "Wait by priority class",
    "ช่องทางพิเศษ",
    (
        Column("กลุ่ม", "Class", lambda r: PRIORITY_TH.get(r.priority, r.priority), "text"),
        Column("รหัส", "Code", lambda r: r.priority, "code"),
        Column("จำนวน", "Tickets", lambda r: r.n),
        Column("รอเฉลี่ย (นาที)", "Wait mean (min)", lambda r: minutes(r.mean), "min"),
        Column("รอ (มัธยฐาน)", "Wait median (min)", lambda r: minutes(r.median), "min"),
        Column("รอ (P90)", "Wait p90 (min)", lambda r: minutes(r.p90), "min"),
        Column("ต่างจากทั่วไป (นาที)", "Mean minus normal (min)", lambda r: minutes(r.mean_minus_normal_s), "min"),
    ),
    lambda f: f.fairness.priority_waits,
)
OUT_OF_ORDER = Table(
    "out_of_order",
    "การเรียกคิวนอกลำดับ พร้อมเหตุผล",
    "Calls out of order",
    "เรียกนอกลำดับ",
    (
        Column("บัตรคิว", "Ticket", lambda r: r.ticket, "text"),
        Column("งานบริการ", "Service", lambda r: r.service_name_th or "–", "text"),
        Column("ช่องบริการ", "Counter", lambda r: r.counter_name or (f"ช่อง {r.counter}" if r.counter else "–"), "text"),
        Column("เจ้าหน้าที่", "Staff", lambda r: r.staff_name or "–", "text"),
        Column("ข้ามไป (คิว)", "Overtook", lambda r: r.overtook),
        Column("เหตุผล", "Reason", lambda r: r.reason, "text"),
    ),
    lambda f: f.fairness.overtakes.out_of_order_list,
)
RAQFM = Table(
    "raqfm",
    "ดัชนีความเป็นธรรม RAQFM แยกตามงานบริการ",
    "RAQFM by service pool",
    "RAQFM",
    (
        Column("งานบริการ", "Service", lambda r: r.name_th, "text"),
        Column("รหัส", "Code", lambda r: r.service, "code"),
        Column("จำนวน", "Customers", lambda r: r.n),
        Column("D ทั่วไป (นาที)", "Mean D normal (min)", lambda r: minutes(r.mean_d_s.get("none")), "min"),
        Column("D ช่องทางพิเศษ (นาที)", "Mean D priority (min)", lambda r: minutes(r.mean_d_priority_s), "min"),
        Column("Var(D) (นาที²)", "Var(D) (min²)", lambda r: r.var_d_s2 / 3600.0, "num"),
    ),
    lambda f: f.fairness.raqfm.pools,
    specialist=True,
)
# The satisfaction section in the ITA form (khiw.metrics.satisfaction): per dimension and
# overall, then by service, counter and staff member, then the comments (executives only).
SHORT_DIMENSION_TH = {
    SurveyDimension.PROCESS: "ขั้นตอน",
    SurveyDimension.STAFF: "เจ้าหน้าที่",
    SurveyDimension.FACILITIES: "สิ่งอำนวยความสะดวก",
    SurveyDimension.OUTCOME: "ผลการให้บริการ",
}


def _dimension_rows(f: Figures) -> list[tuple[str, Measure | None]]:
    """(Thai name, measure) of each dimension, then ภาพรวม (overall)."""
    total = f.satisfaction.total
    if total is None:
        return []
    return [*((dim.name_th, m) for dim, m in total.dimensions), ("ภาพรวม", total.overall)]


def _mean_of(dim: SurveyDimension) -> Callable[[GroupResult], float | None]:
    return lambda g: next((m.mean for d, m in g.dimensions if d is dim and m is not None), None)


def _measure(get: Callable[[Measure], Any]) -> Callable[[tuple[str, Measure | None]], Any]:
    return lambda r: None if r[1] is None else get(r[1])


SATISFACTION = Table(
    "satisfaction",
    "ผลการประเมินความพึงพอใจ รายด้านและภาพรวม",
    "Satisfaction by dimension",
    "ความพึงพอใจ",
    (
        Column("ด้าน", "Dimension", lambda r: r[0], "text"),
        Column("จำนวนคำตอบ", "Answers", _measure(lambda m: m.n)),
        Column("x̄", "Mean (1-5)", _measure(lambda m: m.mean), "num"),
        Column("S.D.", "S.D.", _measure(lambda m: m.sd), "num"),
        Column("ร้อยละ", "Percent", _measure(lambda m: m.percent / 100), "pct"),
        Column("ระดับความพึงพอใจ", "Level", _measure(lambda m: m.level.name_th), "text"),
    ),
    _dimension_rows,
    tab="ความพึงพอใจ",
)
# The admin tab's sections and fields in Thai (the event records the English keys).
SETTING_SECTIONS = {"staff": "เจ้าหน้าที่", "services": "งานบริการ", "counters": "ช่องบริการ", "office": "สำนักงาน"}
SETTING_FIELDS = {
    "display_name": "ชื่อที่แสดง",
    "role": "บทบาท",
    "active": "ใช้งาน",
    "pin": "รหัส PIN",
    "locked_until": "ล็อกถึง",
    "name": "ชื่อ",
    "name_th": "ชื่อ (ไทย)",
    "name_en": "ชื่อ (อังกฤษ)",
    "prefix": "อักษรนำหน้า",
    "standard_minutes": "เวลามาตรฐาน (นาที)",
    "daily_cap": "บัตรคิวสูงสุดต่อวัน",
    "order": "ลำดับ",
    "opens": "เวลาเปิด",
    "closes": "เวลาปิด",
    "services": "งานบริการ",
    "steps_th": "ขั้นตอน",
    "unit_th": "ผู้รับผิดชอบ",
    "unit_en": "ผู้รับผิดชอบ (อังกฤษ)",
    "steps_en": "ขั้นตอน (อังกฤษ)",
    "footer_th": "ข้อความท้ายบัตร (ไทย)",
    "footer_en": "ข้อความท้ายบัตร (อังกฤษ)",
    "priority_lane": "ช่องทางพิเศษ",
}
SETTINGS_CHANGES = Table(
    "settings_changes",
    "การเปลี่ยนแปลงการตั้งค่าของสำนักงานในช่วงนี้",
    "Changes to the office's settings",
    "การตั้งค่า",
    (
        Column("เมื่อ", "When", lambda r: r.at_local, "text"),
        Column("ผู้แก้ไข", "By", lambda r: r.staff_name or "ระบบ", "text"),
        Column("หมวด", "Section", lambda r: SETTING_SECTIONS.get(r.section, r.section), "text"),
        Column("รายการ", "Item", lambda r: r.key, "text"),
        Column("สิ่งที่แก้", "Field", lambda r: SETTING_FIELDS.get(r.field, r.field), "text"),
        Column("เดิม", "Old", lambda r: r.old, "text"),
        Column("ใหม่", "New", lambda r: r.new, "text"),
    ),
    lambda f: f.settings_changes,
)


def _by_group(key: str, who_th: str, who_en: str, name_th: str, name_en: str, rows: Callable[[Figures], Sequence[GroupResult]], sheet: str) -> Table:
    """The mean of each dimension and overall for each service, counter or staff member."""
    return Table(
        key,
        f"ผลการประเมินความพึงพอใจ {who_th}",
        f"Satisfaction {who_en}",
        sheet,
        (
            Column(name_th, name_en, lambda g: g.label, "text"),
            Column("ผู้ตอบ", "Respondents", lambda g: g.respondents),
            *(Column(SHORT_DIMENSION_TH[dim], dim.name_en, _mean_of(dim), "num") for dim in SurveyDimension),
            Column("ภาพรวม x̄", "Overall mean", lambda g: g.overall.mean, "num"),
            Column("ระดับ", "Level", lambda g: g.overall.level.name_th, "text"),
        ),
        rows,
        tab="ความพึงพอใจ",
    )


SATISFACTION_BY_SERVICE = _by_group("satisfaction_service", "แยกตามงานบริการ", "by service", "งานบริการ", "Service", lambda f: f.satisfaction.by_service, "พึงพอใจ งานบริการ")
SATISFACTION_BY_COUNTER = _by_group("satisfaction_counter", "แยกตามช่องบริการ", "by counter", "ช่องบริการ", "Counter", lambda f: f.satisfaction.by_counter, "พึงพอใจ ช่องบริการ")
SATISFACTION_BY_STAFF = _by_group("satisfaction_staff", "แยกตามเจ้าหน้าที่", "by staff member", "เจ้าหน้าที่", "Staff", lambda f: f.satisfaction.by_staff, "พึงพอใจ เจ้าหน้าที่")


def _comment_rows(f: Figures) -> list[tuple[int, str, str]]:
    """(number, Thai service name, text) of each comment, oldest first."""
    names = {g.key: g.label for g in f.satisfaction.by_service}
    return [(n, names.get(c.service_code, c.service_code), c.text.strip()) for n, c in enumerate(f.satisfaction.comments, start=1)]


SATISFACTION_COMMENTS = Table(
    "satisfaction_comments",
    "ความคิดเห็นและข้อเสนอแนะของผู้รับบริการ (สำหรับผู้บริหาร)",
    "Comments (for executives only)",
    "ข้อเสนอแนะ",
    (
        Column("ที่", "No.", lambda r: r[0]),
        Column("งานบริการ", "Service", lambda r: r[1], "text"),
        Column("ความคิดเห็น", "Comment", lambda r: r[2], "text"),
    ),
    _comment_rows,
    tab="ความพึงพอใจ",
)
SATISFACTION_TABLES = (SATISFACTION, SATISFACTION_BY_SERVICE, SATISFACTION_BY_COUNTER, SATISFACTION_BY_STAFF, SATISFACTION_COMMENTS)

TABLES = (
    SERVICE_COUNTS,
    SERVICE_TIMES,
    COUNTER_WORK,
    COUNTER_TIME,
    STAFF_WORK,
    STAFF_TIME,
    BY_HOUR,
    BY_WEEKDAY,
    BY_PRIORITY,
    OUT_OF_ORDER,
    *SATISFACTION_TABLES,
    SETTINGS_CHANGES,
    RAQFM,
)


def rows_of(table: Table, figures: Figures, hours: range | None = None) -> Sequence[Any]:
    """The table's rows; for the hour table only ``hours`` (the office's opening hours and
    any hour that had tickets), so a counter signed in after closing adds no empty row."""
    rows = table.rows(figures)
    if table is BY_HOUR and hours is not None:
        rows = [r for r in rows if r.hour in hours or r.issued]
    return rows


def cells(table: Table, figures: Figures, hours: range | None = None) -> list[list[str]]:
    """The table's rows as display text."""
    return [[show(col.get(row), col.kind) for col in table.columns] for row in rows_of(table, figures, hours)]


def values(table: Table, figures: Figures, hours: range | None = None) -> list[list[Any]]:
    """The table's rows as numbers (minutes, fractions) for spreadsheets."""
    return [[col.get(row) for col in table.columns] for row in rows_of(table, figures, hours)]
