"""Voices, outputs and the queue: real espeak-ng speech rendered to WAV files, in call order."""

from __future__ import annotations

import logging
import threading
import wave
from array import array
from pathlib import Path

import pytest

from khiw.speech.announcer import Announcement, Announcer
from khiw.speech.chime import chime
from khiw.speech.output import FileOutput, PlayerOutput, SilentOutput, SoundDeviceOutput
from khiw.speech.pcm import Pcm
from khiw.speech.voices import EspeakVoice, VoiceError, choose_voice

ESPEAK = EspeakVoice.find()
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng with a Thai voice is not installed (scripts/debian-packages.txt)")


def rms(clip: Pcm) -> float:
    samples = array("h")
    samples.frombytes(clip.data)
    return (sum(s * s for s in samples) / max(len(samples), 1)) ** 0.5


class Spoken:
    """Collects what the announcer reports, and lets a test wait for a count."""

    def __init__(self) -> None:
        self.items: list[tuple[Announcement, Pcm]] = []
        self._cond = threading.Condition()

    def __call__(self, announcement: Announcement, clip: Pcm) -> None:
        with self._cond:
            self.items.append((announcement, clip))
            self._cond.notify_all()

    def wait_for(self, count: int, timeout: float = 20) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.items) >= count, timeout), f"only {len(self.items)} of {count} spoken"


class BrokenVoice:
    name = "broken"

    def render(self, text: str, lang: str) -> Pcm:
        raise VoiceError("no voice today")


@needs_espeak
class TestEspeakVoice:
    def test_the_thai_sentence_renders_as_audible_speech_of_plausible_length(self) -> None:
        assert ESPEAK is not None
        clip = ESPEAK.render("หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม", "th")
        assert 2.5 < clip.seconds < 15
        assert rms(clip) > 500

    def test_longer_text_takes_longer(self) -> None:
        assert ESPEAK is not None
        short = ESPEAK.render("หมายเลข เอ หนึ่ง", "th")
        long = ESPEAK.render("หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม", "th")
        assert long.seconds > short.seconds + 1

    def test_espeak_only_when_asked_for(self) -> None:
        assert isinstance(choose_voice("espeak", qt=lambda: None).voice, EspeakVoice)
        assert choose_voice("auto", qt=lambda: None).voice is None


class TestChooseVoice:
    def test_chime_and_none_use_no_voice(self) -> None:
        assert choose_voice("chime").voice is None
        assert choose_voice("none").voice is None

    def test_auto_without_a_pack_takes_a_qt_thai_voice(self) -> None:
        qt = BrokenVoice()
        assert choose_voice("auto", qt=lambda: qt).voice is qt
        assert choose_voice("espeak", qt=lambda: qt).voice is not qt

    def test_asking_for_qt_without_it_falls_back_to_the_chime_and_says_so(self) -> None:
        choice = choose_voice("qt", qt=lambda: None)
        assert choice.voice is None
        assert choice.description == "chime and visible call only: voice = qt; no Qt Thai voice"


class TestAnnouncer:
    @needs_espeak
    def test_file_backend_writes_a_wav_per_announcement_chime_then_speech(self, tmp_path: Path) -> None:
        out = FileOutput(tmp_path)
        spoken = Spoken()
        announcer = Announcer(voice=ESPEAK, output=out, volume=1.0, on_spoken=spoken)
        try:
            announcer.say(Announcement(7, "A012", 3))
            spoken.wait_for(1)
        finally:
            announcer.close()
        [path] = out.written
        with wave.open(str(path)) as w:
            seconds = w.getnframes() / w.getframerate()
        assert path.stat().st_size > 50_000
        assert chime().seconds + 2.5 < seconds < chime().seconds + 15
        assert spoken.items[0][0].th == "หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม"

    @needs_espeak
    def test_repeat_and_english_lengthen_the_clip(self) -> None:
        plain = Announcer(voice=ESPEAK, output=SilentOutput())
        twice = Announcer(voice=ESPEAK, output=SilentOutput(), repeat=2, english=True)
        try:
            one = plain.render(Announcement(1, "A012", 3))
            more = twice.render(Announcement(1, "A012", 3))
        finally:
            plain.close()
            twice.close()
        speech = one.seconds - chime().seconds
        assert more.seconds > one.seconds + 1.5 * speech

    def test_volume_scales_the_clip(self) -> None:
        loud = Announcer(voice=None, output=SilentOutput(), volume=1.0)
        quiet = Announcer(voice=None, output=SilentOutput(), volume=0.25)
        try:
            ratio = rms(quiet.render(Announcement(1, "A001", 1))) / rms(loud.render(Announcement(1, "A001", 1)))
        finally:
            loud.close()
            quiet.close()
        assert 0.23 < ratio < 0.27

    def test_five_announcements_at_once_play_in_order_none_lost(self, tmp_path: Path) -> None:
        out = FileOutput(tmp_path)
        spoken = Spoken()
        announcer = Announcer(voice=ESPEAK, output=out, on_spoken=spoken)
        calls = [Announcement(10 + i, f"A00{i + 1}", i % 4 + 1) for i in range(5)]
        try:
            for call in calls:
                announcer.say(call)
            spoken.wait_for(5)
        finally:
            announcer.close()
        assert [a for a, _ in spoken.items] == calls
        assert [p.name for p in out.written] == [f"announcement-000{i}.wav" for i in range(1, 6)]

    def test_a_failing_voice_still_chimes_and_the_queue_goes_on(self, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
        spoken = Spoken()
        announcer = Announcer(voice=BrokenVoice(), output=FileOutput(tmp_path), on_spoken=spoken)
        try:
            with caplog.at_level(logging.WARNING):
                announcer.say(Announcement(1, "A001", 1))
                announcer.say(Announcement(2, "A002", 2))
                spoken.wait_for(2)
        finally:
            announcer.close()
        assert [clip.seconds for _, clip in spoken.items] == [chime().seconds] * 2
        assert "chime alone" in caplog.text

    def test_voice_none_and_no_chime_is_silent_but_still_reported(self, tmp_path: Path) -> None:
        out = FileOutput(tmp_path)
        spoken = Spoken()
        announcer = Announcer(voice=None, chime=False, output=out, on_spoken=spoken)
        try:
            announcer.say(Announcement(1, "A001", 1))
            spoken.wait_for(1)
        finally:
            announcer.close()
        assert out.written == [] and spoken.items[0][1].frames == 0


class SayingSpeaker:
    """Stands in for Qt's voice (PySide6-Addons is not installed here): notes what it says."""

    name = "qt"

    def __init__(self, out: FileOutput) -> None:
        self.out = out
        self.said: list[tuple[str, str, float, int]] = []

    def speak(self, text: str, lang: str, volume: float) -> bool:
        self.said.append((text, lang, volume, len(self.out.written)))
        return True


class TestAnnouncerWithASpeaker:
    def test_the_chime_plays_first_then_the_speaker_says_each_sentence(self, tmp_path: Path) -> None:
        out = FileOutput(tmp_path)
        speaker = SayingSpeaker(out)
        spoken = Spoken()
        announcer = Announcer(voice=speaker, output=out, volume=0.5, repeat=2, english=True, on_spoken=spoken)
        try:
            announcer.say(Announcement(1, "A012", 3))
            spoken.wait_for(1)
        finally:
            announcer.close()
        th = "หมายเลข เอ ศูนย์ หนึ่ง สอง เชิญที่ช่องบริการ สาม"
        en = "Number A 0 1 2, please go to counter 3"
        assert speaker.said == [(th, "th", 0.5, 1), (en, "en", 0.5, 1)] * 2
        assert abs(spoken.items[0][1].seconds - chime().seconds) < 0.01


class TestPlayerOutput:
    def test_a_failing_player_goes_silent_with_one_log_line_and_does_not_raise(self, caplog: pytest.LogCaptureFixture) -> None:
        player = PlayerOutput(("false",), retry_seconds=60)
        with caplog.at_level(logging.WARNING):
            assert player.play(chime()) is False
            assert player.play(chime()) is False
        assert caplog.text.count("announcements are silent") == 1

    def test_a_working_player_plays_and_recovers_after_a_retry(self, caplog: pytest.LogCaptureFixture) -> None:
        player = PlayerOutput(("false",), retry_seconds=0)
        assert player.play(chime()) is False
        player.command = ("true",)
        with caplog.at_level(logging.WARNING):
            assert player.play(chime()) is True
        assert "works again" in caplog.text


class TestSoundDeviceOutput:
    """PortAudio, the output on PCs without a Linux sound player (Windows, macOS)."""

    def test_without_an_output_device_it_goes_silent_with_one_log_line(self, caplog: pytest.LogCaptureFixture) -> None:
        output = SoundDeviceOutput.find()
        if output is None:
            pytest.skip("the PortAudio library (Debian libportaudio2) is not installed")
        if output._sd.query_hostapis() and any(d["max_output_channels"] for d in output._sd.query_devices()):
            pytest.skip("this machine has a sound card: the silent path cannot be reached")
        with caplog.at_level(logging.WARNING):
            assert output.play(chime()) is False
            assert output.play(chime()) is False
        assert caplog.text.count("announcements are silent") == 1
