"""What a person is told when an operation is refused: Thai first, English second.

Every station shows errors through :func:`describe`, so the same refusal reads the same at
the kiosk, the counter and the board. Logs and the CLI use ``str(err)`` (English).
"""

from __future__ import annotations

from khiw import errors as e

_SERVICE_CLOSED = {
    "inactive": ("งานบริการนี้ปิดให้บริการ", "This service is closed"),
    "hours": ("อยู่นอกเวลาให้บริการ", "Outside service hours"),
    "cap": ("บัตรคิววันนี้หมดแล้ว", "Today's tickets are all taken"),
}


def describe(err: BaseException, lang: str = "th") -> str:
    """A short sentence for a screen, in ``lang`` (``th`` or ``en``)."""
    th, en = _pair(err)
    return en if lang == "en" else th


def _pair(err: BaseException) -> tuple[str, str]:
    match err:
        case e.QueueEmpty():
            return "ไม่มีคิวรอ", "Nobody is waiting"
        case e.ServiceClosed(reason=reason):
            return _SERVICE_CLOSED.get(reason, ("ปิดให้บริการ", "Closed"))
        case e.CounterBusy(code=code):
            return f"ยังมีคิว {code} ที่ช่องบริการนี้ กรุณาจบบริการก่อน", f"Ticket {code} is still at this counter; finish it first"
        case e.CounterClosed():
            return "ช่องบริการพักชั่วคราว", "The counter is paused"
        case e.InvalidTransition(code=code):
            return f"ทำรายการกับคิว {code} ไม่ได้ในสถานะนี้", f"Ticket {code} cannot do that now"
        case e.ReasonRequired():
            return "กรุณาระบุเหตุผล", "Please give a reason"
        case e.PermissionDenied():
            return "ไม่มีสิทธิ์ทำรายการนี้", "You are not allowed to do this"
        case e.AuthFailed():
            return "ชื่อผู้ใช้หรือรหัส PIN ไม่ถูกต้อง", "Wrong username or PIN"
        case e.AccountLocked(until=until):
            return f"บัญชีถูกล็อกชั่วคราวจนถึง {until.astimezone().strftime('%H:%M')} น.", f"Account locked until {until.astimezone().strftime('%H:%M')}"
        case e.PriorityNotOffered():
            return "ไม่มีช่องทางพิเศษในขณะนี้", "The priority lane is not available"
        case e.InvalidSettings(problems=problems):
            first = problems[0] if problems else None
            th, en = problem_text(first) if first else ("ข้อมูลไม่ถูกต้อง", "Invalid input")
            return f"ยังไม่ได้บันทึก: {th}", f"Not saved: {en}"
        case e.StaleEdit(current=current):
            return f"มีผู้อื่นแก้ไขรายการนี้ไปแล้ว ค่าปัจจุบันคือ {_shown(current)} กรุณาตรวจสอบแล้วบันทึกอีกครั้ง", f"Someone else changed this meanwhile; it is now {_shown(current)}. Check and save again"
        case e.NotFound(what=what, key=key):
            return f"ไม่พบข้อมูล ({key})", f"Not found: {what} {key}"
        case e.DatabaseUnavailable() | e.SchemaOutdated():
            return "ระบบขัดข้องชั่วคราว กรุณาแจ้งเจ้าหน้าที่", "System temporarily unavailable; please tell staff"
        case _:
            return "เกิดข้อผิดพลาด กรุณาแจ้งเจ้าหน้าที่", "Something went wrong; please tell staff"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(ว่าง)"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def problem_text(problem: e.SettingProblem) -> tuple[str, str]:
    """What a field's problem is, Thai and English, to show beside the field."""
    limit = problem.limit
    match problem.code:
        case "too_long":
            return f"ยาวเกินไป (ไม่เกิน {limit} ตัวอักษร)", f"Too long (at most {limit} characters)"
        case "required":
            return "กรุณากรอกข้อมูล", "Required"
        case "range" if problem.message.startswith("Input should be greater"):
            return f"ต้องไม่น้อยกว่า {limit}", f"At least {limit}"
        case "range":
            return f"ต้องไม่เกิน {limit}", f"At most {limit}"
        case "pattern":
            return "รูปแบบไม่ถูกต้อง", "Wrong format"
        case "number":
            return "ต้องเป็นตัวเลข", "Must be a number"
        case "time":
            return "เวลาไม่ถูกต้อง (เช่น 08:30)", "Not a time (e.g. 08:30)"
        case "duplicate":
            return "ซ้ำกับรายการอื่น", "Already used by another entry"
        case "hours":
            return "เวลาปิดต้องหลังเวลาเปิด", "Closing must be after opening"
        case "in_use":
            return "ช่องบริการนี้มีผู้ใช้งานอยู่ ปิดที่ช่องบริการก่อน", "Someone is signed in to this counter; close it there first"
        case "self":
            return "ปิดหรือเปลี่ยนบทบาทบัญชีของตนเองไม่ได้", "You cannot switch off or change the role of your own account"
        case _:
            return "ค่าไม่ถูกต้อง", f"Invalid: {problem.message}"
