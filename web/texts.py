"""Every word the web pages show, Thai first and English second, in one place."""

from __future__ import annotations

from typing import Literal

Lang = Literal["th", "en"]

_TEXTS: dict[str, tuple[str, str]] = {
    "site": ("ระบบบัตรคิว", "Queue"),
    "toggle": ("English", "ภาษาไทย"),
    "your_ticket": ("บัตรคิวของท่าน", "Your ticket"),
    "service": ("บริการ", "Service"),
    "issued": ("รับบัตรเมื่อ", "Issued at"),
    "ahead": ("รออีก {n} คิว", "{n} ahead of you"),
    "next": ("ท่านเป็นคิวถัดไป", "You are next"),
    "wait": ("เวลารอโดยประมาณ {n} นาที", "Estimated wait {n} min"),
    "please_wait": ("กรุณารอเรียกคิว", "Please wait to be called"),
    "sound": ("เปิดเสียงเตือนเมื่อถึงคิว", "Sound an alert when called"),
    "stay_near": ("หน้านี้จะแจ้งเมื่อถึงคิวของท่าน", "This page will tell you when it is your turn"),
    "called": ("ถึงคิวของท่านแล้ว", "It is your turn"),
    "go_to_label": ("เชิญที่ช่องบริการ", "Please go to counter"),
    "serving": ("กำลังให้บริการที่ช่องบริการ {n}", "Being served at counter {n}"),
    "done": ("ให้บริการเสร็จสิ้นแล้ว ขอบคุณที่ใช้บริการ", "Your service is finished. Thank you."),
    "no_show": ("ท่านไม่มาแสดงตนเมื่อถูกเรียกคิว", "You did not come when your number was called"),
    "no_show_help": (
        "หากท่านยังอยู่ที่สำนักงาน กรุณาแจ้งเจ้าหน้าที่ที่ช่องบริการ เจ้าหน้าที่นำคิวของท่านกลับเข้าคิวเดิมได้ภายในวันนี้",
        "If you are still here, tell the staff at a counter: they can put you back in your place today.",
    ),
    "transferred": ("ท่านถูกส่งต่อไปยังบริการอื่น", "You were sent on to another service"),
    "new_ticket": ("หมายเลขคิวใหม่ของท่าน {code}", "Your new number is {code}"),
    "open_new": ("ดูคิวใหม่", "Follow your new ticket"),
    "cancelled": ("บัตรคิวนี้ถูกยกเลิกแล้ว", "This ticket was cancelled"),
    "expired": ("บัตรคิวนี้หมดอายุแล้ว (สิ้นวันให้บริการ)", "This ticket expired at the end of the service day"),
    "take_new": ("หากต้องการรับบริการ กรุณากดรับบัตรคิวใหม่ที่ตู้", "To be served, please take a new ticket at the kiosk"),
    "survey": ("แบบประเมินความพึงพอใจ", "Satisfaction survey"),
    "survey_intro": ("โปรดให้คะแนนการให้บริการครั้งนี้ (ใช้เวลาไม่ถึง 30 วินาที)", "Please rate today's service (under 30 seconds)"),
    "comment": ("ข้อเสนอแนะ (ถ้ามี)", "Comments (optional)"),
    "send": ("ส่งแบบประเมิน", "Send"),
    "thanks": ("ขอบคุณสำหรับการประเมิน ความเห็นของท่านช่วยให้เราปรับปรุงบริการ", "Thank you for your answer: it helps us improve."),
    "already": ("ท่านได้ประเมินบัตรคิวนี้แล้ว ขอบคุณค่ะ", "This ticket's survey has already been answered. Thank you."),
    "survey_closed": ("แบบประเมินของบัตรคิวนี้ปิดแล้ว", "This ticket's survey is closed"),
    "survey_until": ("ประเมินได้ถึง {when}", "Open until {when}"),
    "survey_missing": ("กรุณาเลือกคำตอบให้ครบทุกข้อ", "Please answer every question"),
    "survey_refused": ("ไม่สามารถบันทึกได้ กรุณาเปิดหน้านี้จาก QR Code อีกครั้ง", "Could not save: please open this page from the QR code again"),
    "too_many": ("ส่งบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่", "Too many attempts: please wait a moment and try again"),
    "not_found": ("ไม่พบบัตรคิว", "Ticket not found"),
    "not_found_help": ("กรุณาสแกน QR Code บนบัตรคิวอีกครั้ง", "Please scan the QR code on your ticket again"),
    "unavailable": ("ระบบขัดข้องชั่วคราว", "Temporarily unavailable"),
    "unavailable_help": ("กรุณาลองใหม่อีกครั้งในอีกสักครู่", "Please try again shortly"),
    "updated": ("ข้อมูลล่าสุดเมื่อ", "Updated at"),
    "public_title": ("ขั้นตอนและระยะเวลาการให้บริการ", "Services, steps and standard times"),
    "hours": ("เวลาทำการ {opens}–{closes} น.", "Open {opens}–{closes}"),
    "service_hours": ("รับบัตรคิว {opens}–{closes} น.", "Tickets {opens}–{closes}"),
    "waiting_now": ("รอคิวขณะนี้ {n} คน", "{n} waiting now"),
    "closed_now": ("ปิดให้บริการขณะนี้", "Closed now"),
    "standard": ("ระยะเวลาให้บริการ (มาตรฐาน) {n} นาที", "Standard time {n} min"),
    "steps": ("ขั้นตอนการให้บริการ", "Steps"),
    "fee": ("ค่าธรรมเนียม", "Fee"),
    "documents": ("เอกสารที่ต้องใช้", "Documents to bring"),
    "unit": ("ผู้รับผิดชอบ", "Responsible unit"),
    "counters": ("ช่องบริการ {list}", "Counter {list}"),
    "results": ("ผลการให้บริการและความพึงพอใจ", "Service use and satisfaction"),
    "served": ("ผู้รับบริการ {n} ราย", "{n} citizens served"),
    "within": ("แล้วเสร็จภายในเวลามาตรฐาน {p}%", "{p}% within the standard time"),
    "respondents": ("ผู้ตอบแบบประเมิน {n} ราย", "{n} survey answers"),
    "too_few": ("ผู้ตอบแบบประเมินยังไม่ถึง 5 ราย จึงยังไม่แสดงผล", "Fewer than 5 answers so far: not shown"),
    "dimension": ("ด้าน", "Dimension"),
    "mean": ("ค่าเฉลี่ย", "Mean"),
    "percent": ("ร้อยละ", "%"),
    "level": ("ระดับ", "Level"),
    "overall": ("ภาพรวม", "Overall"),
    "by_service": ("แยกตามงานบริการ", "By service"),
    "api": ("ข้อมูลสำหรับนักพัฒนา (JSON API)", "For developers (JSON API)"),
}

SCALE: tuple[tuple[int, str, str], ...] = (
    (5, "มากที่สุด", "Excellent"),
    (4, "มาก", "Good"),
    (3, "ปานกลาง", "Fair"),
    (2, "น้อย", "Poor"),
    (1, "น้อยที่สุด", "Very poor"),
)

def lang_of(value: str | None) -> Lang:
    """``en`` if asked for, else Thai (the default everywhere)."""
    return "en" if value == "en" else "th"


class Texts:
    """``t("ahead", n=3)`` in one language; Jinja templates get an instance as ``t``."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._index = 1 if lang == "en" else 0

    def __call__(self, key: str, **values: object) -> str:
        return _TEXTS[key][self._index].format(**values)

    def pick(self, th: str, en: str) -> str:
        """``en`` in English when there is one, else the Thai."""
        return en if self.lang == "en" and en else th
