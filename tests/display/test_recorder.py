"""``khiw voice record``: a WAV file stands in for the microphone; the pack the window writes
is played back by the announcer in the same test, phrase by phrase."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from display.recorder import RecorderWindow
from khiw.config import load_config
from khiw.speech.announcer import Announcement, Announcer
from khiw.speech.capture import WavFileMicrophone
from khiw.speech.output import FileOutput, SilentOutput
from khiw.speech.pcm import Pcm, to_wav
from khiw.speech.phrases import check_pack, needed_phrases
from khiw.speech.placeholder import tone, tone_frequencies
from khiw.speech.voicepack import load_pack
from khiw.speech.voices import PackVoice
from tests.fixtures import EXAMPLE
from tests.speech.test_voicepack import decode

RATE = 22050


def speaking(phrases: list[str], tones: dict[str, float]) -> bytes:
    """A WAV of someone saying each phrase (a tone) with a second of room silence between."""
    pause = bytes(2 * RATE)
    return to_wav(Pcm(RATE, pause + pause.join(tone(tones[p], 0.4, RATE, 0.4).data for p in phrases) + pause))


def test_record_every_phrase_listen_redo_save_and_the_announcer_plays_the_pack(qtbot: QtBot, tmp_path: Path) -> None:
    cfg = load_config(EXAMPLE)
    phrases = [*needed_phrases(cfg), "ค่ะ"]
    tones = tone_frequencies(phrases)
    # The "speaker" says the first phrase twice (a redo), then every phrase in order.
    wav = tmp_path / "mic.wav"
    wav.write_bytes(speaking([phrases[0], *phrases], tones))
    played = FileOutput(tmp_path / "listened")
    window = RecorderWindow(needed_phrases(cfg), tmp_path / "voice", microphone=WavFileMicrophone(wav), output=played, office_name="อบต.ท่าสะอ้าน")
    qtbot.addWidget(window)
    window.show()
    assert window.phrases == phrases and window.phrase.text() == "หมายเลข"
    window.speaker.setText("คุณมาลี")
    for i, phrase in enumerate(phrases):
        assert window.phrase.text() == phrase
        takes = 2 if i == 0 else 1
        for _ in range(takes):
            assert window.record_button.text() in ("อัดเสียง", "อัดใหม่")
            qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
            assert window.record_button.text() == "หยุด"
            qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
        take = window.clips[phrase]
        assert 0.4 <= take.seconds < 0.5  # a second of silence either side trimmed away
        if i == 0:
            qtbot.mouseClick(window.listen_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: len(played.written) == 1, timeout=5000)
        if i < len(phrases) - 1:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.missing() == []
    with qtbot.waitSignal(window.saved, timeout=5000):
        qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert "ครบทุกวลี" in window.status.text()

    pack = load_pack(tmp_path / "voice")
    assert pack.manifest.speaker == "คุณมาลี" and pack.manifest.polite == "ค่ะ" and not pack.manifest.placeholder
    assert check_pack(pack, cfg).complete
    announcer = Announcer(voice=PackVoice(pack), output=SilentOutput(), chime=False, volume=1.0)
    try:
        clip = announcer.render(Announcement(1, "B012", 3))
    finally:
        announcer.close()
    assert [p for p, _, _ in decode(clip, tones)] == ["หมายเลข", "บี", "ศูนย์", "หนึ่ง", "สอง", "เชิญที่ช่องบริการ", "สาม", "ค่ะ"]


def test_a_silent_take_is_refused_and_an_existing_pack_is_continued(qtbot: QtBot, tmp_path: Path) -> None:
    cfg = load_config(EXAMPLE)
    tones = tone_frequencies([*needed_phrases(cfg), "ค่ะ"])
    wav = tmp_path / "mic.wav"
    wav.write_bytes(speaking(["หมายเลข"], tones))
    first = RecorderWindow(needed_phrases(cfg), tmp_path / "voice", microphone=WavFileMicrophone(wav), output=SilentOutput())
    qtbot.addWidget(first)
    first.toggle_record()
    first.toggle_record()
    first.save()
    assert "ยังขาด" in first.status.text()

    class Hush:
        name = "a microphone in an empty room"

        def start(self) -> None:
            pass

        def stop(self) -> Pcm:
            return Pcm(RATE, (np.random.default_rng(1).normal(0, 50, RATE)).astype("<i2").tobytes())

    again = RecorderWindow(needed_phrases(cfg), tmp_path / "voice", microphone=Hush(), output=SilentOutput(), existing=load_pack(tmp_path / "voice"))
    qtbot.addWidget(again)
    assert again.record_button.text() == "อัดใหม่"  # หมายเลข is already in the pack
    again.go(1)
    again.toggle_record()
    again.toggle_record()
    assert "ไม่ได้ยินเสียง" in again.status.text() and "เอ" not in again.clips
