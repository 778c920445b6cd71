"""Thai line breaking (khiw.linebreak): only between words, at every width, for the office's names.

The same function breaks the ticket's lines, the kiosk's and board's labels and the PDF's
cells; here it is measured in character cells (marks above and below take none).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khiw.config import load_config
from khiw.linebreak import cells, chunks, register_words, with_break_hints, words, wrap

CONFIG = load_config(Path(__file__).resolve().parents[1] / "examples" / "khiw.toml")
PLACES = ("ท่าสะอ้าน", "บางปะกง", "ฉะเชิงเทรา", "หนองน้ำใส", "บ้านใหม่")

NAMES = (
    CONFIG.office.name_th,
    *(s.name_th for s in CONFIG.services),
    "ท่าสะอ้าน", "อำเภอบางปะกง", "จังหวัดฉะเชิงเทรา", "ตำบลท่าสะอ้าน อำเภอบางปะกง", "หมู่บ้านหนองน้ำใส",
    "เทศบาลตำบลบ้านใหม่", "เบี้ยยังชีพผู้พิการ", "เบี้ยยังชีพคนพิการ", "ผู้สูงอายุ", "ผู้พิการ", "สตรีมีครรภ์",
    "พระภิกษุสงฆ์ / สามเณร", "ช่องทางพิเศษ", "ไม่ต้องรอ", "ประมาณ 10 นาที", "รออีก 5 คิว", "เวลารอโดยประมาณ 15 นาที",
    "กรุณารอเรียกคิว", "เชิญที่ช่องบริการ 2", "กดรับบัตรคิว", "สแกน QR Code เพื่อประเมินความพึงพอใจ",
    "ขอรับเงินอุดหนุนเด็กแรกเกิด", "ชำระค่าธรรมเนียมเก็บขยะ", "ขออนุญาตประกอบกิจการ", "จดทะเบียนพาณิชย์",
    "ขอข้อมูลข่าวสาร", "แจ้งเหตุเดือดร้อน", "ขอใช้น้ำประปา", "ชำระค่าน้ำประปา", "ชำระภาษีป้าย", "ขอหนังสือรับรอง",
    "ยื่นคำร้องทั่วไป", "กองคลัง", "กองช่าง", "สำนักปลัด", "ศูนย์ข้อมูลข่าวสาร", "ร้องทุกข์", "ทั่วไป", "เบี้ยยังชีพ",
    "กำลังให้บริการ", "พักกลางวัน", "ระยะเวลาให้บริการ 15 นาที", "เสร็จสิ้น", "ไม่มาแสดงตน", "ส่งต่อไปบริการอื่น",
    "ผู้สูงอายุรอประมาณ 10 นาที ไม่ต้องรอนาน", "รับเรื่องร้องทุกข์ทั่วไป",
)
# Words of those names that must always stay whole (each fits the narrowest line, 8 cells).
WORDS = (
    "ทั่วไป", "เบี้ยยังชีพ", "ผู้สูงอายุ", "ผู้พิการ", "ร้องทุกข์", "ท่าสะอ้าน", "ไม่ต้องรอ", "10 นาที", "15 นาที", "5 คิว",
    "ร้องเรียน", "ทะเบียน", "ราษฎร", "ภาษี", "ที่ดิน", "อนุญาต", "ก่อสร้าง", "อาคาร", "สอบถาม", "ติดต่อ", "บางปะกง",
    "ประเมิน", "บัตรคิว", "ช่องบริการ", "แรกเกิด", "ประปา", "สตรีมีครรภ์", "ให้บริการ", "พักกลางวัน",
    "เสร็จสิ้น", "ตำบล", "อำเภอ", "จังหวัด", "หนองน้ำใส", "บ้านใหม่", "เทศบาล", "พาณิชย์", "กิจการ", "เดือดร้อน",
)


@pytest.fixture(scope="module", autouse=True)
def office_words() -> None:
    register_words([CONFIG.office.name_th, *(s.name_th for s in CONFIG.services), *PLACES])


def test_there_are_enough_names() -> None:
    assert len(NAMES) >= 50 and all(cells(w) <= 8 for w in WORDS)


@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_broken_at_any_width(name: str) -> None:
    for width in range(8, 41):
        lines = wrap(name, width, cells)
        assert all(cells(line) <= width for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == name.replace(" ", ""), (width, lines)
        for word in WORDS:
            if word in name:
                assert any(word in line for line in lines), (word, width, lines)


def test_chunks_give_the_text_back_and_keep_a_number_with_its_unit() -> None:
    text = "ผู้สูงอายุรอประมาณ 10 นาที (ไม่ต้องรอ)"
    parts = chunks(text)
    assert "".join(parts) == text
    assert "10 นาที" in parts and "(ไม่ต้องรอ)" in parts and "ผู้สูงอายุ" in parts


def test_an_office_name_is_broken_into_its_words_when_it_does_not_fit() -> None:
    assert wrap(CONFIG.office.name_th, 10, cells) == ["องค์การ", "บริหาร", "ส่วนตำบล", "ท่าสะอ้าน"]


def test_qt_hints_mark_the_same_boundaries() -> None:
    assert with_break_hints("เบี้ยยังชีพผู้สูงอายุ 10 นาที").split("\u200b") == ["เบี้ยยังชีพ", "ผู้สูงอายุ 10 นาที"]


def test_a_word_registered_later_changes_a_text_already_cut() -> None:
    text = "สำนักงานเขตบ้านโป่งน้อยใหม่"  # cut once (and remembered) before its place is known
    assert "โป่งน้อยใหม่" not in words(text)
    register_words(["โป่งน้อยใหม่"])
    assert "โป่งน้อยใหม่" in words(text)
