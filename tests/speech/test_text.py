"""The announcement sentence, word for word (glossary: "หมายเลข … เชิญที่ช่องบริการ …")."""

from __future__ import annotations

import pytest

from khiw.speech.text import (
    announcement_en,
    announcement_th,
    spell_code,
    spoken_en,
    thai_number,
)


class TestAnnouncementText:
    def test_the_glossary_example_exactly(self) -> None:
        assert announcement_th("A012", 3) == "หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม"

    def test_a_two_digit_counter_is_read_as_a_number(self) -> None:
        assert announcement_th("B101", 12) == "หมายเลข บี หนึ่ง ศูนย์ หนึ่ง เชิญที่ช่องบริการ สิบสอง"

    def test_english_sentence_as_written_and_as_spoken(self) -> None:
        assert announcement_en("a012", 3) == "Number A012, please go to counter 3"
        assert spoken_en("A012", 3) == "Number A 0 1 2, please go to counter 3"

    @pytest.mark.parametrize(
        ("code", "spoken"),
        [("C007", "ซี ศูนย์ ศูนย์ เจ็ด"), ("D999", "ดี เก้า เก้า เก้า"), ("E100", "อี หนึ่ง ศูนย์ ศูนย์"),
         ("F045", "เอฟ ศูนย์ สี่ ห้า"), ("G068", "จี ศูนย์ หก แปด"), ("H123", "เอช หนึ่ง สอง สาม"),
         ("AB001", "เอ บี ศูนย์ ศูนย์ หนึ่ง")],
    )  # fmt: skip
    def test_letters_by_their_thai_names_digits_one_by_one(self, code: str, spoken: str) -> None:
        assert spell_code(code) == spoken

    def test_a_character_that_cannot_be_read_is_refused(self) -> None:
        with pytest.raises(ValueError, match="cannot read"):
            spell_code("A-01")


class TestThaiNumber:
    @pytest.mark.parametrize(
        ("n", "words"),
        [(0, "ศูนย์"), (1, "หนึ่ง"), (3, "สาม"), (10, "สิบ"), (11, "สิบเอ็ด"), (12, "สิบสอง"),
         (20, "ยี่สิบ"), (21, "ยี่สิบเอ็ด"), (35, "สามสิบห้า"), (100, "หนึ่งร้อย"), (101, "หนึ่งร้อยหนึ่ง"),
         (110, "หนึ่งร้อยสิบ"), (111, "หนึ่งร้อยสิบเอ็ด"), (220, "สองร้อยยี่สิบ"), (999, "เก้าร้อยเก้าสิบเก้า"),
         (1001, "หนึ่งพันหนึ่ง"), (20_000, "สองหมื่น")],
    )  # fmt: skip
    def test_counter_numbers_as_they_are_said(self, n: int, words: str) -> None:
        assert thai_number(n) == words

    def test_out_of_range(self) -> None:
        with pytest.raises(ValueError):
            thai_number(-1)
