"""The executive summary: what an executive reads first, as plain Thai sentences with numbers.

Every sentence answers one question a นายก or ปลัด asks: how many citizens, were they served
within our published standard times, which services were not, how long did people wait, was
the queue fair, are citizens satisfied, and is it better or worse than before. The specialist
measures (Jain, Gini, RAQFM, P90) are explained on a later page, one plain sentence each.
"""

from __future__ import annotations

from dataclasses import dataclass

from khiw.metrics.figures import ServiceRow, TicketFigures
from khiw.reports.data import Report
from khiw.reports.tables import minutes, show

STANDARD_GOAL = 0.8  # a service is flagged when fewer than 80 % were served within its standard

SPECIALIST = (
    (
        "เวลารอ P90",
        "ผู้รับบริการ 9 ใน 10 คนรอไม่เกินเวลานี้ ยิ่งใกล้ค่ามัธยฐานยิ่งดี เพราะแปลว่าไม่มีกลุ่มที่ต้องรอนานผิดปกติ",
    ),
    (
        "ดัชนีความเท่าเทียมของ Jain",
        "วัดว่าผู้รับบริการแต่ละคนรอนานเทียบกับมาตรฐานของงานบริการของตนใกล้เคียงกันเพียงใด "
        "ค่า 1 คือทุกคนเท่ากัน ค่าตั้งแต่ 0.5 ขึ้นไปถือว่าดี (คิวทั่วไปที่ผู้มาไม่สม่ำเสมอได้ราว 0.5)",
    ),
    (
        "สัมประสิทธิ์จีนีของเวลารอ",
        "วัดความเหลื่อมล้ำของเวลารอระหว่างผู้รับบริการ ค่า 0 คือทุกคนรอเท่ากัน ยิ่งต่ำยิ่งดี "
        "คิวที่มีผู้มาไม่สม่ำเสมอมักอยู่ราว 0.3 ถึง 0.5",
    ),
    (
        "RAQFM (ความเป็นธรรมของลำดับการให้บริการ)",
        "บอกเป็นนาทีว่าแต่ละกลุ่มได้รับบริการก่อน (ค่าบวก) หรือหลัง (ค่าลบ) ส่วนแบ่งที่ควรได้ "
        "ช่องทางพิเศษควรเป็นบวก และผู้รับบริการทั่วไปควรใกล้ศูนย์",
    ),
)


@dataclass(frozen=True)
class Fact:
    """One summary figure, typed for a spreadsheet: a Thai label, a value and its kind."""

    label: str
    value: object
    kind: str = "int"


def _min(seconds: float | None) -> str:
    """Minutes to one decimal; an hour or more as hours and whole minutes (240.9 นาที reads
    slower than 4 ชั่วโมง 1 นาที)."""
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{minutes(seconds):,.1f} นาที"
    hours, rest = divmod(round(seconds / 60), 60)
    return f"{hours:,} ชั่วโมง {rest} นาที" if rest else f"{hours:,} ชั่วโมง"


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f}%"


def headline(report: Report) -> list[tuple[str, str]]:
    """Big numbers for the top of the summary: (label, value)."""
    t = report.figures.totals
    return [
        ("ผู้มารับบริการ (ราย)", show(t.visits, "int")),
        ("ให้บริการเสร็จสิ้น", show(t.served, "int")),
        ("รอเรียกคิว (มัธยฐาน)", _min(t.wait_s.median)),
        ("ทันเวลามาตรฐาน", _pct(t.standard_met)),
    ]


def missed_standard(report: Report) -> list[ServiceRow]:
    """Services below the goal share within their standard, worst first."""
    rows = [r for r in report.figures.by_service if r.standard_met is not None and r.standard_met < STANDARD_GOAL]
    return sorted(rows, key=lambda r: r.standard_met or 0.0)


def sentences(report: Report) -> list[str]:
    """The executive summary, one plain Thai sentence per question."""
    f = report.figures
    t = f.totals
    out = [
        f"{_during(report.period.label_th)} มีประชาชนมารับบริการ {t.visits:,} ราย ให้บริการเสร็จสิ้น {t.served:,} ราย"
        + (f" (ส่งต่อไปงานอื่น {t.transferred:,} ครั้ง นับเป็นการมาครั้งเดียว)" if t.transferred else ""),
    ]
    if t.standard_met is not None:
        out.append(f"ให้บริการเสร็จภายในระยะเวลามาตรฐานที่ประกาศไว้ {_pct(t.standard_met)} ของผู้รับบริการ")
    missed = missed_standard(report)
    if missed:
        out.append(
            f"งานบริการที่ทันเวลามาตรฐานต่ำกว่า {STANDARD_GOAL:.0%} ควรเร่งแก้ไข (เรียงจากต่ำที่สุด):\n" + "\n".join(f"– {_miss(r)}" for r in missed)
        )
    elif t.standard_met is not None:
        out.append(f"ทุกงานบริการให้บริการทันเวลามาตรฐานตั้งแต่ {STANDARD_GOAL:.0%} ขึ้นไป")
    if t.wait_s.n:
        out.append(
            f"ครึ่งหนึ่งของผู้รับบริการรอเรียกคิวไม่เกิน {_min(t.wait_s.median)} ผู้ที่รอนานที่สุดรอ {_min(t.wait_s.max)} "
            f"และรอไม่เกิน {report.wait_target_minutes} นาที {_pct(t.wait_within_target)}"
        )
    if t.never_called:
        out.append(
            f"มีผู้ออกจากคิวก่อนได้รับการเรียก {t.never_called:,} ราย (ยกเลิก {t.cancelled:,} หมดอายุ {t.expired:,}) "
            "ซึ่งนับรวมในเวลารอแล้ว"
        )
    out.append(_fairness_sentence(report))
    out.append(satisfaction_sentence(report))
    out.append(_change_sentence(report))
    return out


def satisfaction_sentence(report: Report) -> str:
    """Respondents, the response rate, and the overall mean, percentage and level (ITA form)."""
    sat = report.figures.satisfaction
    if sat.total is None:
        return "ยังไม่มีผลการประเมินความพึงพอใจในช่วงนี้"
    m = sat.total.overall
    rate = f" (ร้อยละ {100 * sat.response_rate:.1f} ของผู้ได้รับบริการเสร็จสิ้น {sat.served:,} ราย)" if sat.response_rate is not None else ""
    return (
        f"ผู้ตอบแบบประเมินความพึงพอใจ {sat.respondents:,} ราย{rate} "
        f"ความพึงพอใจภาพรวมเฉลี่ย {m.mean:.2f} จาก 5 คะแนน (ร้อยละ {m.percent:.1f}) อยู่ในระดับ{m.level.name_th}"
    )


def _during(label: str) -> str:
    """"ในรอบ ๖ เดือนแรก …", "ในเดือนพฤศจิกายน …", "ในวันที่ 20 …", "ระหว่างวันที่ 2 … – 13 …"."""
    if "–" in label:
        return f"ระหว่างวันที่ {label}"
    return f"ในวันที่ {label}" if label[:1].isdigit() else f"ใน{label}"


def _miss(r: ServiceRow) -> str:
    """One flagged service: its share within the standard and how far it was from it."""
    how = [f"มาตรฐาน {r.standard_minutes} นาที"]
    if r.service_s.median is not None:
        how.append(f"ใช้จริงมัธยฐาน {_min(r.service_s.median)}")
    if r.standard_missed_waiting:
        how.append(f"ออกจากคิวโดยไม่ได้รับบริการ {r.standard_missed_waiting:,} ราย")
    return f"{r.name_th} {_pct(r.standard_met)} ({' '.join(how)})"


def _fairness_sentence(report: Report) -> str:
    o = report.figures.fairness.overtakes
    listed = o.out_of_order_list
    without = [c for c in listed if not c.reason.strip()]
    rule = f"การเรียกก่อนตามกติกาช่องทางพิเศษ {o.by_rule_calls:,} ครั้ง" if o.by_rule_calls else ""
    if not listed:
        return "ความเป็นธรรม: ไม่พบการเรียกคิวข้ามลำดับ" + (f" ({rule})" if rule else "")
    where: dict[str, int] = {}
    for call in listed:
        name = call.counter_name or (f"ช่อง {call.counter}" if call.counter else "ไม่ระบุช่อง")
        where[name] = where.get(name, 0) + 1
    places = ", ".join(f"{name} {count} ครั้ง" for name, count in sorted(where.items(), key=lambda kv: -kv[1]))
    head = "ไม่พบการข้ามคิวโดยไม่มีเหตุผล" if not without else f"พบการข้ามคิวโดยไม่มีเหตุผล {len(without):,} ครั้ง"
    return f"ความเป็นธรรม: {head} มีการเรียกคิวนอกลำดับ {len(listed):,} ครั้ง ({places})" + (f" และ{rule}" if rule else "")


def _change_sentence(report: Report) -> str:
    before, now = report.previous, report.figures.totals
    label = report.previous_period.label_th if report.previous_period else "ช่วงก่อนหน้า"
    if before is None or before.visits == 0:
        return f"ไม่มีข้อมูลของช่วงก่อนหน้า ({label}) ให้เปรียบเทียบ"
    change = (now.visits - before.visits) / before.visits
    parts = [f"ผู้รับบริการ{'เพิ่มขึ้น' if change >= 0 else 'ลดลง'} {abs(change):.0%} ({before.visits:,} → {now.visits:,} ราย)"]
    if before.wait_s.median is not None and now.wait_s.median is not None:
        parts.append(f"เวลารอมัธยฐาน {_min(before.wait_s.median)} → {_min(now.wait_s.median)}")
    if before.standard_met is not None and now.standard_met is not None:
        parts.append(f"ทันเวลามาตรฐาน {_pct(before.standard_met)} → {_pct(now.standard_met)}")
    return f"เทียบกับช่วงก่อนหน้า ({label}): " + " ".join(parts)


def facts(report: Report) -> list[Fact]:
    """The summary's figures, typed (numbers, shares, minutes) for the workbook's summary sheet."""
    t: TicketFigures = report.figures.totals
    o = report.figures.fairness.overtakes
    sat = report.figures.satisfaction
    overall = None if sat.total is None else sat.total.overall
    fair = report.figures.fairness
    return [
        Fact("ผู้มารับบริการ (ราย)", t.visits),
        Fact("บัตรคิวที่ออกทั้งหมด (ใบ)", t.issued),
        Fact("ให้บริการเสร็จสิ้น", t.served),
        Fact("ไม่มาแสดงตน", t.no_show),
        Fact("ส่งต่อไปบริการอื่น", t.transferred),
        Fact("ยกเลิก", t.cancelled),
        Fact("หมดอายุ", t.expired),
        Fact("ออกจากคิวก่อนได้รับการเรียก (นับรวมในเวลารอ)", t.never_called),
        Fact("เวลารอ มัธยฐาน (นาที)", minutes(t.wait_s.median), "min"),
        Fact("เวลารอ เฉลี่ย (นาที)", minutes(t.wait_s.mean), "min"),
        Fact("เวลารอ P90 (นาที)", minutes(t.wait_s.p90), "min"),
        Fact("เวลารอ นานที่สุด (นาที)", minutes(t.wait_s.max), "min"),
        Fact("เวลาให้บริการ มัธยฐาน (นาที)", minutes(t.service_s.median), "min"),
        Fact(f"รอไม่เกิน {report.wait_target_minutes} นาที", t.wait_within_target, "pct"),
        Fact("ทันเวลามาตรฐานที่ประกาศ", t.standard_met, "pct"),
        Fact("การเรียกคิวนอกลำดับ (ครั้ง)", o.out_of_order_calls),
        Fact("คิวที่ถูกข้ามโดยการเรียกนอกลำดับ", o.out_of_order),
        Fact("คิวที่ถูกเรียกก่อนตามกติกาช่องทางพิเศษ", o.by_rule),
        Fact("การเรียกคิวทั้งหมด (ครั้ง)", o.calls),
        Fact("อัตราการใช้งานช่องบริการ", t.utilisation, "pct"),
        Fact("ผู้รับบริการต่อชั่วโมงที่เปิดช่อง", t.served_per_open_hour, "num"),
        Fact("ดัชนีความเท่าเทียมของ Jain (ต่อผู้รับบริการ เทียบมาตรฐาน)", fair.jain_citizens, "num"),
        Fact("สัมประสิทธิ์จีนีของเวลารอ", fair.gini_wait, "num"),
        Fact("ผู้ตอบแบบประเมินความพึงพอใจ (ราย)", sat.respondents),
        Fact("อัตราการตอบแบบประเมิน (ต่อผู้ได้รับบริการเสร็จสิ้น)", sat.response_rate, "pct"),
        Fact("ความพึงพอใจภาพรวม x̄ (1-5)", None if overall is None else overall.mean, "num"),
        Fact("ความพึงพอใจภาพรวม S.D.", None if overall is None else overall.sd, "num"),
        Fact("ความพึงพอใจภาพรวม ร้อยละ", None if overall is None else overall.percent / 100, "pct"),
        Fact("ระดับความพึงพอใจภาพรวม", None if overall is None else overall.level.name_th, "text"),
    ]
