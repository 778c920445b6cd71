"""Voice packs, checked by ear's stand-in: synthetic packs of tones, one known frequency per
phrase, joined by the announcer; the output is decoded back into phrases and pauses."""

from __future__ import annotations

import json
import logging
import wave
import zipfile
from pathlib import Path

import numpy as np
import pytest

from khiw.config import KhiwConfig, load_config
from khiw.speech.announcer import GAP_SECONDS, Announcement, Announcer
from khiw.speech.chime import chime
from khiw.speech.output import FileOutput, SilentOutput
from khiw.speech.pcm import RATE, Pcm, to_wav
from khiw.speech.phrases import check_pack, needed_phrases, office_pack
from khiw.speech.placeholder import tone, tone_frequencies, write_placeholder_pack
from khiw.speech.voicepack import FADE, GROUP_GAP, TARGET_RMS, WORD_GAP, Manifest, VoicePackError, load_pack, prepared, write_pack
from khiw.speech.voices import PackVoice, VoiceError, choose_voice
from tests.fixtures import EXAMPLE

SILENT = 30  # sample magnitude below which the output counts as a pause


def example(**display: object) -> KhiwConfig:
    cfg = load_config(EXAMPLE)
    return cfg.model_copy(update={"display": cfg.display.model_copy(update=display)})


def full_pack(folder: Path, cfg: KhiwConfig | None = None, *, extra: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> tuple[Path, dict[str, float]]:
    """A tone pack with every phrase ``cfg`` needs (and ``extra``), less ``drop``."""
    phrases = [p for p in [*needed_phrases(cfg or example(), polite="ค่ะ"), *extra] if p not in drop]
    write_placeholder_pack(folder, phrases, polite="" if "ค่ะ" in drop else "ค่ะ")
    return folder, tone_frequencies([*phrases, *(() if "ค่ะ" in drop else ("ค่ะ",))])


def decode(clip: Pcm, tones: dict[str, float]) -> list[tuple[str, float, float]]:
    """(phrase, start second, end second) of each tone in ``clip``, in order."""
    samples = np.frombuffer(clip.data, dtype="<i2").astype(np.float64)
    loud = np.abs(samples) > SILENT
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    bounds = [int(e) + 1 for e in edges]
    if loud[0]:
        bounds.insert(0, 0)
    if loud[-1]:
        bounds.append(len(samples))
    runs: list[tuple[int, int]] = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        if runs and (start - runs[-1][1]) < 0.02 * clip.rate:  # a zero crossing inside a tone
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    by_hz = {hz: phrase for phrase, hz in tones.items()}
    out = []
    for start, end in runs:
        part = samples[start:end]
        spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part))))
        hz = float(np.fft.rfftfreq(len(part), 1 / clip.rate)[int(np.argmax(spectrum))])
        nearest = min(by_hz, key=lambda f: abs(f - hz))
        assert abs(nearest - hz) < 10, f"a sound at {hz:.0f} Hz is no phrase's tone"
        out.append((by_hz[nearest], float(start / clip.rate), float(end / clip.rate)))
    return out


def said(pack_dir: Path, tones: dict[str, float], announcement: Announcement, **options: object) -> tuple[list[tuple[str, float, float]], Pcm]:
    announcer = Announcer(voice=PackVoice(load_pack(pack_dir)), output=SilentOutput(), chime=False, volume=1.0, **options)  # type: ignore[arg-type]
    try:
        clip = announcer.render(announcement)
    finally:
        announcer.close()
    return decode(clip, tones), clip


class TestJoinedCall:
    def test_the_call_plays_each_phrase_in_order_and_12_is_sip_then_song(self, tmp_path: Path) -> None:
        pack, tones = full_pack(tmp_path / "pack", extra=("สิบ",))
        phrases, _ = said(pack, tones, Announcement(1, "A012", 12))
        assert [p for p, _, _ in phrases] == ["หมายเลข", "เอ", "ศูนย์", "หนึ่ง", "สอง", "เชิญที่ช่องบริการ", "สิบ", "สอง", "ค่ะ"]

    @pytest.mark.parametrize(
        ("counter", "words"),
        [(1, ["หนึ่ง"]), (10, ["สิบ"]), (11, ["สิบ", "เอ็ด"]), (20, ["ยี่สิบ"]), (21, ["ยี่สิบ", "เอ็ด"]), (35, ["สาม", "สิบ", "ห้า"]), (101, ["หนึ่ง", "ร้อย", "หนึ่ง"])],
    )
    def test_counter_numbers_are_said_as_thai_numbers(self, tmp_path: Path, counter: int, words: list[str]) -> None:
        cfg = example()
        cfg = cfg.model_copy(update={"counters": [c.model_copy(update={"number": counter}) for c in cfg.counters[:1]]})
        pack, tones = full_pack(tmp_path / "pack", cfg)
        phrases, _ = said(pack, tones, Announcement(1, "B001", counter))
        assert [p for p, _, _ in phrases][-len(words) - 1 : -1] == words

    def test_short_pauses_inside_a_group_longer_between_groups_and_the_exact_length(self, tmp_path: Path) -> None:
        pack, tones = full_pack(tmp_path / "pack")
        phrases, clip = said(pack, tones, Announcement(1, "A012", 3))
        gaps = [round(b[1] - a[2], 3) for a, b in zip(phrases, phrases[1:], strict=False)]
        # หมายเลข | เอ ศูนย์ หนึ่ง สอง | เชิญที่ช่องบริการ | สาม | ค่ะ
        expected = [GROUP_GAP, WORD_GAP, WORD_GAP, WORD_GAP, GROUP_GAP, GROUP_GAP, GROUP_GAP]
        for got, want in zip(gaps, expected, strict=True):
            assert abs(got - want) < 2 * FADE + 0.005, (gaps, expected)
        loaded = load_pack(pack)
        length = sum(loaded.clips[p].seconds for p, _, _ in phrases) + sum(expected)
        assert abs(clip.seconds - length) < 0.005

    def test_the_chime_comes_first_and_repeats_are_apart_by_the_gap(self, tmp_path: Path) -> None:
        pack, tones = full_pack(tmp_path / "pack")
        voice = PackVoice(load_pack(pack))
        once = Announcer(voice=voice, output=SilentOutput(), volume=1.0)
        twice = Announcer(voice=voice, output=SilentOutput(), volume=1.0, repeat=2, repeat_gap=1.5)
        try:
            one, two = once.render(Announcement(1, "A012", 3)), twice.render(Announcement(1, "A012", 3))
        finally:
            once.close()
            twice.close()
        speech = one.seconds - chime().seconds - GAP_SECONDS
        assert speech > 2
        assert abs(two.seconds - (chime().seconds + GAP_SECONDS + 2 * speech + 1.5)) < 0.002
        assert one.data.startswith(chime().data)

    def test_recall_transfer_and_english_use_the_same_clips(self, tmp_path: Path) -> None:
        pack, tones = full_pack(tmp_path / "pack", example(english=True), extra=("สิบ", "twelve"))
        recall, _ = said(pack, tones, Announcement(2, "A012", 3, recall=True))
        assert [p for p, _, _ in recall][:3] == ["เรียกซ้ำ", "หมายเลข", "เอ"]
        moved, _ = said(pack, tones, Announcement(3, "B004", 2, transferred_from="A012"))
        assert [p for p, _, _ in moved] == [
            "หมายเลข", "บี", "ศูนย์", "ศูนย์", "สี่", "ส่งต่อจาก", "หมายเลข", "เอ", "ศูนย์", "หนึ่ง", "สอง", "เชิญที่ช่องบริการ", "สอง", "ค่ะ",
        ]  # fmt: skip
        both, _ = said(pack, tones, Announcement(4, "C007", 12), english=True)
        assert [p for p, _, _ in both][9:] == ["number", "C", "zero", "zero", "seven", "please go to counter", "twelve"]

    def test_every_clip_is_brought_to_one_loudness_with_silent_edges(self) -> None:
        for level in (0.02, 0.3, 0.9):
            clip = prepared(tone(500, level=level))
            samples = np.frombuffer(clip.data, dtype="<i2").astype(np.float64) / 32768
            assert abs(np.sqrt(np.mean(samples**2)) - TARGET_RMS) < 0.01
            assert abs(samples[0]) < 0.001 and abs(samples[-1]) < 0.02  # faded: no click at a join

    def test_silence_around_a_recorded_phrase_is_trimmed(self) -> None:
        quiet = Pcm(RATE, bytes(2 * RATE))
        padded = Pcm(RATE, quiet.data + prepared(tone(500, 0.4)).data + quiet.data)
        assert prepared(padded).seconds < 0.5


class TestFallback:
    def test_a_missing_clip_makes_the_whole_call_fall_back_never_half_said(self, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
        pack, tones = full_pack(tmp_path / "pack", drop=("สิบ",))
        out = FileOutput(tmp_path / "out")
        announcer = Announcer(voice=PackVoice(load_pack(pack)), output=out, volume=1.0)
        try:
            with caplog.at_level(logging.WARNING):
                ok = announcer.render(Announcement(1, "A012", 3))
                fell_back = announcer.render(Announcement(2, "A012", 12))
        finally:
            announcer.close()
        assert fell_back.data == chime().data  # the chime alone: nothing of the pack was played
        assert ok.seconds > chime().seconds + 2
        assert "no clip for สิบ" in caplog.text and "chime alone" in caplog.text

    def test_a_pack_without_english_still_says_the_whole_thai_call(self, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
        pack, tones = full_pack(tmp_path / "pack")  # Thai phrases only
        with caplog.at_level(logging.WARNING):
            phrases, _ = said(pack, tones, Announcement(1, "A012", 3), english=True)
        assert [p for p, _, _ in phrases] == ["หมายเลข", "เอ", "ศูนย์", "หนึ่ง", "สอง", "เชิญที่ช่องบริการ", "สาม", "ค่ะ"]
        assert "no clip for number" in caplog.text and "in Thai only" in caplog.text

    def test_the_render_names_every_missing_phrase(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "pack", drop=("สิบ", "เอ"))
        announcer = Announcer(voice=None, output=SilentOutput())
        try:
            sentences = announcer.sentences(Announcement(1, "A012", 12), polite="ค่ะ")
        finally:
            announcer.close()
        with pytest.raises(VoiceError, match="no clip for เอ, สิบ"):
            PackVoice(load_pack(pack)).render_sentences(sentences, sentence_gap=0.5)


class TestLoading:
    def test_a_zip_of_the_folder_loads_like_the_folder(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "voice")
        archive = tmp_path / "voice.zip"
        with zipfile.ZipFile(archive, "w") as out:
            for file in pack.iterdir():
                out.write(file, f"voice/{file.name}")
        assert load_pack(archive).clips == load_pack(pack).clips

    def test_a_clip_at_another_rate_is_resampled_and_noted(self, tmp_path: Path) -> None:
        manifest = Manifest(licence="CC0-1.0", sample_rate=16000, clips=[])
        write_pack(tmp_path / "p", manifest, {"หมายเลข": tone(500, rate=16000)})
        other = tone(500, rate=44100)
        (tmp_path / "p" / "th-001.wav").write_bytes(to_wav(other))
        pack = load_pack(tmp_path / "p")
        assert pack.notes == ("th-001.wav is at 44100 Hz, not the pack's 16000 Hz: resampled",)
        assert abs(pack.clips["หมายเลข"].seconds - 0.3) < 0.01

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ("rate", "recorded at 4000 Hz; use 8000-48000 Hz"),
            ("8bit", "is not a 16-bit WAV file"),
            ("nofile", "th-001.wav for 'หมายเลข' is listed but missing"),
            ("manifest", "manifest.json is not valid: licence"),
        ],
    )
    def test_a_broken_pack_is_refused_with_a_clear_message(self, tmp_path: Path, change: str, message: str) -> None:
        folder = write_pack(tmp_path / "p", Manifest(licence="CC0-1.0", sample_rate=16000, clips=[]), {"หมายเลข": tone(500)})
        clip = folder / "th-001.wav"
        if change == "rate":
            clip.write_bytes(to_wav(tone(500, rate=4000)))
        elif change == "8bit":
            with wave.open(str(clip), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(1)
                w.setframerate(16000)
                w.writeframes(bytes(1000))
        elif change == "nofile":
            clip.unlink()
        else:
            raw = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            del raw["licence"]
            (folder / "manifest.json").write_text(json.dumps(raw), encoding="utf-8")
        with pytest.raises(VoicePackError, match=message):
            load_pack(folder)


class TestCheck:
    def test_the_office_needs_its_letters_digits_counters_and_the_fixed_phrases(self) -> None:
        need = needed_phrases(example(), polite="ครับ")
        assert need[:2] == ["หมายเลข", "เอ"]
        assert {"บี", "ซี", "ดี", "อี", "เอฟ", "ศูนย์", "เก้า", "เชิญที่ช่องบริการ", "เรียกซ้ำ", "ส่งต่อจาก", "ครับ"} <= set(need)
        assert "สิบ" not in need  # counters 1-4 only
        assert "number" not in need
        assert {"number", "please go to counter", "A", "four"} <= set(needed_phrases(example(english=True)))

    def test_check_lists_the_missing_phrases(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "p", drop=("ซี", "สาม"))
        check = check_pack(load_pack(pack), example())
        assert check.missing == ("ซี", "สาม") and not check.complete
        assert "missing 2 phrase(s): ซี, สาม" in check.lines()

    def test_office_pack_is_found_beside_khiw_toml(self, tmp_path: Path) -> None:
        full_pack(tmp_path / "voice")
        check, problem = office_pack(example(), tmp_path / "khiw.toml")
        assert problem == "" and check is not None and check.complete
        assert office_pack(example(), tmp_path / "elsewhere" / "khiw.toml") == (None, f"none at {tmp_path / 'elsewhere' / 'voice'}")


class TestChooseVoice:
    def test_auto_takes_a_complete_pack(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "p")
        choice = choose_voice("auto", pack=check_pack(load_pack(pack), example()), qt=lambda: None)
        assert isinstance(choice.voice, PackVoice)
        assert choice.description.startswith("placeholder voice pack (tones, not speech)")

    def test_auto_skips_an_incomplete_pack_and_never_takes_espeak(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "p", drop=("ซี",))
        check = check_pack(load_pack(pack), example())
        choice = choose_voice("auto", pack=check, qt=lambda: None)
        assert choice.voice is None
        assert choice.description == "chime and visible call only: no complete voice pack (missing: ซี); no Qt Thai voice"
        assert isinstance(choose_voice("pack", pack=check).voice, PackVoice)  # asked for: used, falls back per call

    def test_auto_takes_a_pack_that_lacks_only_english(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "p")  # Thai only, for an office with english = true
        check = check_pack(load_pack(pack), example(english=True))
        assert not check.complete and check.thai_complete and "number" in check.missing
        choice = choose_voice("auto", pack=check, qt=lambda: None)
        assert isinstance(choice.voice, PackVoice) and "(missing: number, " in choice.description

    def test_chime_and_none(self) -> None:
        assert choose_voice("chime").voice is None
        assert choose_voice("none").description.startswith("silent")


class TestQuietHours:
    def test_during_quiet_hours_the_call_is_only_shown(self, tmp_path: Path) -> None:
        pack, _ = full_pack(tmp_path / "p")
        out = FileOutput(tmp_path / "out")
        quiet = Announcer(voice=PackVoice(load_pack(pack)), output=out, quiet=lambda: True)
        softer = Announcer(voice=PackVoice(load_pack(pack)), output=out, volume=1.0, quiet=lambda: True, quiet_volume=0.25)
        try:
            assert quiet.render(Announcement(1, "A001", 1)).frames == 0
            assert 0 < np.abs(np.frombuffer(softer.render(Announcement(1, "A001", 1)).data, "<i2")).max() < 0.26 * 32767
        finally:
            quiet.close()
            softer.close()
