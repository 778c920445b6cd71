"""The executive summary: the handful of figures an executive reads first, in Thai."""

from __future__ import annotations

from typing import Any

from khiw.reports.data import Report
from khiw.reports.tables import minutes, show


def _min(value: float | None) -> str:
    return "–" if value is None else f"{minutes(value):,.1f} นาที"


def headline(report: Report) -> list[tuple[str, str]]:
    """Big numbers for the top of the summary: (label, value)."""
    t = report.figures["totals"]
    return [
        ("บัตรคิวทั้งหมด", show(t["issued"], "int")),
        ("ให้บริการเสร็จ", show(t["served"], "int")),
        ("เวลารอ (มัธยฐาน)", _min(t["wait_s"]["median"])),
        ("ทันเวลามาตรฐาน", show(t["standard_met"], "pct")),
    ]


def summary_lines(report: Report) -> list[tuple[str, Any]]:
    """(label, value) rows of the one-page executive summary."""
    f = report.figures
    t, fair = f["totals"], f["fairness"]
    over = fair["overtakes"]
    sat = f["satisfaction"]["totals"]
    satisfaction = (
        f"{sat['mean']:.2f} จาก 5 ({sat['responses']:,} ราย, ตอบ {show(sat['rate'], 'pct')})"
        if sat["responses"]
        else "ยังไม่มีผลการประเมิน"
    )
    return [
        ("รายงานผลการให้บริการ (ระบบบัตรคิว)", ""),
        ("หน่วยงาน", report.office_name_th),
        ("ช่วงเวลา", report.period.label_th),
        ("ตั้งแต่วันที่", report.period.range_th),
        ("บัตรคิวที่ออกทั้งหมด", show(t["issued"], "int")),
        ("ให้บริการเสร็จสิ้น", show(t["served"], "int")),
        ("ไม่มาแสดงตน", show(t["no_show"], "int")),
        ("ส่งต่อไปบริการอื่น", show(t["transferred"], "int")),
        ("ยกเลิก / หมดอายุ (ไม่ได้เรียก)", f"{show(t['cancelled'], 'int')} / {show(t['expired'], 'int')}"),
        ("เวลารอ มัธยฐาน / เฉลี่ย / P90", f"{_min(t['wait_s']['median'])} / {_min(t['wait_s']['mean'])} / {_min(t['wait_s']['p90'])}"),
        ("เวลาให้บริการ มัธยฐาน / เฉลี่ย", f"{_min(t['service_s']['median'])} / {_min(t['service_s']['mean'])}"),
        (f"รอไม่เกิน {report.wait_target_minutes} นาที (เป้าหมาย)", show(t["wait_within_target"], "pct")),
        ("ให้บริการทันเวลามาตรฐานที่ประกาศ", show(t["standard_met"], "pct")),
        ("การเรียกข้ามคิวโดยไม่มีเหตุอันควร", f"{show(over['unjustified'], 'int')} ครั้ง จากการเรียกคิว {show(over['calls'], 'int')} ครั้ง"),
        ("การข้ามคิวที่มีเหตุอันควร (ช่องทางพิเศษ / ส่งต่อ)", f"{show(over['justified'], 'int')} ครั้ง"),
        ("การเรียกคิวนอกลำดับ (พร้อมเหตุผล)", f"{show(over['out_of_order_calls'], 'int')} ครั้ง"),
        ("อัตราการใช้งานช่องบริการ", show(t["utilisation"], "pct")),
        ("ผู้รับบริการต่อชั่วโมงที่เปิดช่อง", show(t["served_per_open_hour"], "num")),
        ("ดัชนีความเท่าเทียมของเวลารอระหว่างงานบริการ (Jain)", show(fair["jain_service_mean_wait"], "num")),
        ("สัมประสิทธิ์จีนีของเวลารอ", show(fair["gini_wait"], "num")),
        ("ความพึงพอใจ", satisfaction),
    ]
