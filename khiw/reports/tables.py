"""The report's tables as data: Thai and English headings, and how each cell is read and shown.

The PDF, the XLSX workbook and the supervisor view all draw these same tables, so a figure
has one name and one format everywhere. Durations are shown in minutes, shares in percent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khiw.thaidate import WEEKDAYS
from khiw.vocabulary import PRIORITY_NAMES

PRIORITY_TH = {p.value: name.th for p, name in PRIORITY_NAMES.items()}
PAUSE_TH = {"lunch": "พักกลางวัน", "meeting": "ประชุม", "other": "อื่น ๆ"}


@dataclass(frozen=True)
class Column:
    """One column: headings, a getter on the row dict, and its kind (text, int, min, pct, h, num)."""

    th: str
    en: str
    get: Callable[[dict[str, Any]], Any]
    kind: str = "int"


@dataclass(frozen=True)
class Table:
    """A titled table over one list in the report's figures."""

    key: str
    title_th: str
    title_en: str
    columns: tuple[Column, ...]
    rows: Callable[[dict[str, Any]], list[dict[str, Any]]]


def minutes(value: float | None) -> float | None:
    """Seconds to minutes (None stays None)."""
    return None if value is None else value / 60.0


def show(value: Any, kind: str) -> str:
    """A cell as text: minutes to one decimal, shares as percent, missing as an en dash."""
    if value is None:
        return "–"
    if kind == "int":
        return f"{int(value):,}"
    if kind in ("min", "h", "num"):
        return f"{float(value):,.1f}" if kind != "num" else f"{float(value):,.2f}"
    if kind == "pct":
        return f"{100 * float(value):.1f}%"
    return str(value)


def _stat(block: str, stat: str) -> Callable[[dict[str, Any]], Any]:
    return lambda r: minutes(r[block][stat])


OUTCOMES = (
    Column("ให้บริการเสร็จ", "Served", lambda r: r["served"]),
    Column("ไม่มาแสดงตน", "No-show", lambda r: r["no_show"]),
    Column("ส่งต่อ", "Transferred", lambda r: r["transferred"]),
    Column("ยกเลิก", "Cancelled", lambda r: r["cancelled"]),
)
TIMES = (
    Column("รอ เฉลี่ย", "Wait mean (min)", _stat("wait_s", "mean"), "min"),
    Column("รอ มัธยฐาน", "Wait median", _stat("wait_s", "median"), "min"),
    Column("รอ P90", "Wait p90", _stat("wait_s", "p90"), "min"),
    Column("รอ นานสุด", "Wait max", _stat("wait_s", "max"), "min"),
    Column("เดินถึงช่อง (มัธยฐาน)", "Walk-up median", _stat("walkup_s", "median"), "min"),
    Column("ให้บริการ เฉลี่ย", "Service mean", _stat("service_s", "mean"), "min"),
    Column("ให้บริการ มัธยฐาน", "Service median", _stat("service_s", "median"), "min"),
    Column("ให้บริการ P90", "Service p90", _stat("service_s", "p90"), "min"),
    Column("รอไม่เกินเป้าหมาย", "Wait within target", lambda r: r["wait_within_target"], "pct"),
    Column("ทันเวลามาตรฐาน", "Within standard", lambda r: r["standard_met"], "pct"),
)
COUNTER_TIME = (
    Column("ชั่วโมง ปฏิบัติงาน", "Signed-in h", lambda r: r["signed_in_h"], "h"),
    Column("พักกลางวัน ชม.", "Lunch h", lambda r: r["paused_h"]["lunch"], "h"),
    Column("ประชุม ชม.", "Meeting h", lambda r: r["paused_h"]["meeting"], "h"),
    Column("พักอื่น ชม.", "Other pause h", lambda r: r["paused_h"]["other"], "h"),
    Column("อัตรา การใช้งาน", "Utilisation", lambda r: r["utilisation"], "pct"),
    Column("ราย/ชม. เปิดช่อง", "Served per open h", lambda r: r["served_per_open_hour"], "num"),
    Column("ข้ามคิวไม่มีเหตุอันควร", "Unjustified overtakes", lambda r: r["unjustified"]),
)

BY_SERVICE = Table(
    "by_service",
    "สรุปรายงานบริการ",
    "By service",
    (
        Column("งานบริการ", "Service", lambda r: f"{r['prefix']} {r['name_th']}", "text"),
        Column("มาตรฐาน นาที", "Standard (min)", lambda r: r["standard_minutes"]),
        Column("ออกบัตรคิว", "Issued", lambda r: r["issued"]),
        *OUTCOMES,
        Column("หมดอายุ", "Expired", lambda r: r["expired"]),
        *TIMES,
    ),
    lambda f: f["by_service"],
)
BY_COUNTER = Table(
    "by_counter",
    "รายช่องบริการ",
    "By counter",
    (
        Column("ช่องบริการ", "Counter", lambda r: r["counter"]),
        Column("เรียกคิว", "Called", lambda r: r["called"]),
        *OUTCOMES,
        *TIMES[:1],
        *TIMES[6:8],
        TIMES[9],
        *COUNTER_TIME,
    ),
    lambda f: f["by_counter"],
)
BY_STAFF = Table(
    "by_staff",
    "รายเจ้าหน้าที่",
    "By staff member",
    (Column("เจ้าหน้าที่", "Staff", lambda r: r["name"], "text"), *BY_COUNTER.columns[1:]),
    lambda f: f["by_staff"],
)
BY_HOUR = Table(
    "by_hour",
    "รายชั่วโมง",
    "By hour of day",
    (
        Column("ช่วงเวลา", "Hour", lambda r: f"{r['hour']:02d}:00–{r['hour'] + 1:02d}:00", "text"),
        Column("ออกบัตรคิว", "Issued", lambda r: r["issued"]),
        *OUTCOMES[:2],
        *TIMES[:3],
        TIMES[6],
        TIMES[8],
        TIMES[9],
        Column("ชั่วโมง เปิดช่อง", "Open counter-h", lambda r: r["open_h"], "h"),
        Column("อัตรา การใช้งาน", "Utilisation", lambda r: r["utilisation"], "pct"),
        Column("ราย/ชม. เปิดช่อง", "Served per open h", lambda r: r["served_per_open_hour"], "num"),
    ),
    lambda f: f["by_hour"],
)
BY_WEEKDAY = Table(
    "by_weekday",
    "รายวันในสัปดาห์",
    "By weekday",
    (Column("วัน", "Weekday", lambda r: WEEKDAYS[r["weekday"]], "text"), *BY_HOUR.columns[1:]),
    lambda f: f["by_weekday"],
)
BY_PRIORITY = Table(
    "priority_waits",
    "เวลารอตามกลุ่มผู้รับบริการ (ช่องทางพิเศษ)",
    "Wait by priority class",
    (
        Column("กลุ่ม", "Class", lambda r: PRIORITY_TH.get(r["priority"], r["priority"]), "text"),
        Column("จำนวน", "Called", lambda r: r["n"]),
        Column("รอเฉลี่ย (นาที)", "Wait mean (min)", lambda r: minutes(r["mean"]), "min"),
        Column("รอ P90", "Wait p90", lambda r: minutes(r["p90"]), "min"),
        Column("ต่างจากทั่วไป (นาที)", "Mean minus normal (min)", lambda r: minutes(r["mean_minus_normal_s"]), "min"),
    ),
    lambda f: f["fairness"]["priority_waits"],
)
RAQFM = Table(
    "raqfm",
    "ดัชนีความเป็นธรรม RAQFM รายงานบริการ",
    "RAQFM by service pool",
    (
        Column("งานบริการ", "Service", lambda r: r["service"], "text"),
        Column("จำนวน", "Customers", lambda r: r["n"]),
        Column("D เฉลี่ย ทั่วไป (นาที)", "Mean D normal (min)", lambda r: minutes(r["mean_d_s"].get("none")), "min"),
        Column("D เฉลี่ย ช่องทางพิเศษ (นาที)", "Mean D priority (min)", lambda r: minutes(r["mean_d_priority_s"]), "min"),
        Column("Var(D) (นาที²)", "Var(D) (min²)", lambda r: r["var_d_s2"] / 3600.0, "num"),
    ),
    lambda f: f["fairness"]["raqfm"]["pools"],
)
OUT_OF_ORDER = Table(
    "out_of_order",
    "การเรียกคิวนอกลำดับ",
    "Calls out of order",
    (
        Column("บัตรคิว", "Ticket", lambda r: r["ticket"], "text"),
        Column("ช่องบริการ", "Counter", lambda r: r["counter"]),
        Column("เจ้าหน้าที่", "Staff", lambda r: r["staff"] or "–", "text"),
        Column("ข้ามไป", "Overtook", lambda r: r["overtook"]),
        Column("ไม่มีเหตุอันควร", "Unjustified", lambda r: r["unjustified"]),
        Column("เหตุผล", "Reason", lambda r: r["reason"], "text"),
    ),
    lambda f: f["fairness"]["overtakes"]["out_of_order"],
)
SATISFACTION = Table(
    "satisfaction",
    "ผลการประเมินความพึงพอใจ รายงานบริการ",
    "Satisfaction by service",
    (
        Column("งานบริการ", "Service", lambda r: r["service"], "text"),
        Column("ผู้ตอบ", "Responses", lambda r: r["responses"]),
        Column("อัตราการตอบ", "Response rate", lambda r: r["rate"], "pct"),
        Column("คะแนนเฉลี่ย (1-5)", "Mean score", lambda r: r["mean"], "num"),
        *(Column(f"{k} คะแนน", f"Score {k}", lambda r, k=k: r["distribution"][k - 1]) for k in range(1, 6)),
    ),
    lambda f: f["satisfaction"]["by_service"],
)

TABLES = (BY_SERVICE, BY_COUNTER, BY_STAFF, BY_HOUR, BY_WEEKDAY, BY_PRIORITY, RAQFM, OUT_OF_ORDER, SATISFACTION)


def cells(table: Table, figures: dict[str, Any]) -> list[list[str]]:
    """The table's rows as display text."""
    return [[show(col.get(row), col.kind) for col in table.columns] for row in table.rows(figures)]


def values(table: Table, figures: dict[str, Any]) -> list[list[Any]]:
    """The table's rows as numbers (minutes, fractions) for spreadsheets."""
    return [[col.get(row) for col in table.columns] for row in table.rows(figures)]
