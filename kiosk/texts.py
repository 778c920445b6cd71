"""Every sentence the kiosk shows, Thai first, English second (words from the glossary)."""

from __future__ import annotations

from khiw.printing import PrintProblem

_TEXTS: dict[str, tuple[str, str]] = {
    "take_ticket": ("กดรับบัตรคิว", "Take a queue ticket"),
    "choose_service": ("แตะงานบริการที่ต้องการ", "Tap the service you need"),
    "language": ("English", "ภาษาไทย"),
    "waiting": ("รอ {n} คิว", "{n} waiting"),
    "wait": ("ประมาณ {m} นาที", "about {m} min"),
    "no_wait": ("ไม่ต้องรอ", "no wait"),
    "standard": ("มาตรฐาน {m} นาที", "Standard time {m} min"),
    "closed": ("ปิดให้บริการ", "Closed"),
    "choose_lane": ("กรุณาเลือกประเภทบัตรคิว", "Choose your ticket type"),
    "priority_lane": ("ช่องทางพิเศษ", "Priority lane"),
    "back": ("ย้อนกลับ", "Back"),
    "your_number": ("หมายเลขคิวของท่าน", "Your queue number"),
    "printing": ("กำลังพิมพ์บัตรคิว…", "Printing your ticket…"),
    "printed": ("กรุณารับบัตรคิวด้านล่าง", "Please take your ticket below"),
    "screen_only": ("กรุณาจำหมายเลขคิว หรือสแกน QR Code เพื่อติดตามคิวบนมือถือ", "Note your number, or scan the QR code to follow your turn on your phone"),
    "kept": ("คิวของท่านยังอยู่ สแกน QR Code เพื่อติดตามคิวบนมือถือ", "Your place is kept: scan the QR code to follow your turn on your phone"),
    "please_wait": ("กรุณารอเรียกคิว", "Please wait to be called"),
    "done": ("ตกลง", "OK"),
    "printer_down": ("เครื่องพิมพ์ไม่พร้อมใช้งาน หมายเลขคิวจะแสดงบนหน้าจอ", "The printer is not ready; your number will be shown on screen"),
    "offline": ("ระบบขัดข้องชั่วคราว กรุณาแจ้งเจ้าหน้าที่", "System temporarily unavailable; please tell staff"),
    "db_waiting": ("ระบบกำลังรอฐานข้อมูล…", "Waiting for the database…"),
    "admin_title": ("สำหรับเจ้าหน้าที่: ใส่รหัสผู้ดูแลเพื่อออกจากโปรแกรม", "Staff only: enter the admin PIN to exit"),
    "admin_wrong": ("รหัสไม่ถูกต้อง", "Wrong PIN"),
    "admin_locked": ("ใส่รหัสผิดหลายครั้ง กรุณารอ {m} นาที", "Too many wrong PINs; wait {m} min"),
    "admin_unset": ("ยังไม่ได้ตั้งรหัสผู้ดูแล (admin_pin_hash ใน khiw.toml)", "No admin PIN is set (admin_pin_hash in khiw.toml)"),
    "admin_delete": ("ลบ", "Delete"),
    "admin_cancel": ("ยกเลิก", "Cancel"),
    "admin_exit": ("ออก", "Exit"),
}

_PRINT_PROBLEMS: dict[PrintProblem, tuple[str, str]] = {
    PrintProblem.PAPER_OUT: ("กระดาษหมด กรุณาแจ้งเจ้าหน้าที่", "The printer is out of paper; please tell staff"),
    PrintProblem.COVER_OPEN: ("ฝาเครื่องพิมพ์เปิดอยู่ กรุณาแจ้งเจ้าหน้าที่", "The printer cover is open; please tell staff"),
    PrintProblem.OFFLINE: ("เครื่องพิมพ์ไม่พร้อมใช้งาน กรุณาแจ้งเจ้าหน้าที่", "The printer is offline; please tell staff"),
    PrintProblem.REFUSED: ("เครื่องพิมพ์ไม่พร้อมใช้งาน กรุณาแจ้งเจ้าหน้าที่", "The printer is offline; please tell staff"),
    PrintProblem.TIMEOUT: ("เครื่องพิมพ์ไม่ตอบสนอง กรุณาแจ้งเจ้าหน้าที่", "The printer does not respond; please tell staff"),
    PrintProblem.ERROR: ("พิมพ์บัตรคิวไม่สำเร็จ กรุณาแจ้งเจ้าหน้าที่", "The ticket could not be printed; please tell staff"),
}

_CLOSED_REASONS = {
    "inactive": ("งดให้บริการวันนี้", "Not offered today"),
    "hours": ("นอกเวลาให้บริการ", "Outside service hours"),
    "cap": ("บัตรคิววันนี้หมดแล้ว", "Today's tickets are all taken"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def text(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang`` (``th`` or ``en``), with ``{placeholders}`` filled."""
    return _pick(_TEXTS[key], lang).format(**values)


def print_problem(problem: PrintProblem, lang: str) -> str:
    """What the citizen is told when the ticket did not print."""
    return _pick(_PRINT_PROBLEMS[problem], lang)


def closed_reason(reason: str, lang: str) -> str:
    """Why a service button is greyed out."""
    return _pick(_CLOSED_REASONS.get(reason, ("ปิดให้บริการ", "Closed")), lang)
