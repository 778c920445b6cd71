"""Board voices for tests: test tones instead of speech, and a sound card the test holds."""

from __future__ import annotations

import threading
from pathlib import Path

from khiw.config import load_config
from khiw.speech.output import FileOutput
from khiw.speech.pcm import Pcm
from khiw.speech.phrases import needed_phrases
from khiw.speech.placeholder import write_placeholder_pack
from khiw.speech.voicepack import load_pack
from khiw.speech.voices import PackVoice, VoiceChoice
from tests.fixtures import EXAMPLE


class GatedOutput(FileOutput):
    """A sound card that takes as long as the test says: each clip is written as a WAV, then
    ``play`` returns only when the test calls :meth:`release` (the clip "has been heard")."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self._gate = threading.Semaphore(0)

    def play(self, clip: Pcm) -> bool:
        super().play(clip)
        return self._gate.acquire(timeout=30)

    def release(self) -> None:
        self._gate.release()


def tone_voice(folder: Path) -> VoiceChoice:
    """A voice pack of test tones for the example office's phrases, written under ``folder``."""
    pack = write_placeholder_pack(folder, needed_phrases(load_config(EXAMPLE)))
    return VoiceChoice(PackVoice(load_pack(pack)), None, "test tones")
