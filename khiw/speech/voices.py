"""Voices that turn a sentence into PCM, and the choice among them.

A voice renders; it never plays. That keeps every backend behind the same queue, volume and
output, and lets tests render real speech to WAV on a machine without a sound card.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from khiw.speech.pcm import Pcm, from_wav

log = logging.getLogger(__name__)


class VoiceError(Exception):
    """A voice could not render a sentence (the announcement falls back to the chime)."""


class Voice(Protocol):
    """Renders ``text`` in ``lang`` (``th`` or ``en``) as a clip."""

    name: str

    def render(self, text: str, lang: str) -> Pcm: ...


@runtime_checkable
class Speaker(Protocol):
    """A voice that can only speak to the sound card itself (Qt's, see ``khiw.qt.tts``).

    :meth:`speak` returns once the sentence was said (False if it could not be).
    """

    name: str

    def speak(self, text: str, lang: str, volume: float) -> bool: ...


class EspeakVoice:
    """espeak-ng (Debian package ``espeak-ng``): offline, small, and it has a Thai voice.

    ``speed`` is in words per minute; slower than espeak's 175 because many listeners are
    elderly and the room echoes.
    """

    name = "espeak"

    def __init__(self, binary: str, *, speed: int = 135, timeout: float = 10.0) -> None:
        self.binary = binary
        self.speed = speed
        self.timeout = timeout

    @classmethod
    def find(cls) -> EspeakVoice | None:
        """The installed espeak-ng if it has a Thai voice, else None."""
        binary = shutil.which("espeak-ng")
        if binary is None:
            return None
        try:
            listing = subprocess.run([binary, "--voices=th"], capture_output=True, text=True, timeout=5, check=True).stdout
        except (OSError, subprocess.SubprocessError) as err:
            log.warning("espeak-ng is installed but does not answer: %s", err)
            return None
        if not any(line.split()[1:2] == ["th"] for line in listing.splitlines()[1:]):
            log.warning("espeak-ng has no Thai voice")
            return None
        return cls(binary)

    def render(self, text: str, lang: str) -> Pcm:
        try:
            done = subprocess.run(
                [self.binary, "-v", lang, "-s", str(self.speed), "--stdout", text],
                capture_output=True,
                timeout=self.timeout,
                check=True,
            )
            return from_wav(done.stdout)
        except (OSError, subprocess.SubprocessError, ValueError, EOFError) as err:
            raise VoiceError(f"espeak-ng could not say {text!r}: {err}") from err


def choose_voice(setting: str, *, qt: Callable[[], Voice | Speaker | None] | None = None) -> Voice | Speaker | None:
    """The voice for ``DisplayConfig.voice``; None means the chime alone.

    ``auto`` takes Qt's text-to-speech when ``qt`` finds a Thai voice there (Windows ships
    one; Linux's Qt speech goes through speech-dispatcher to espeak-ng anyway), else espeak-ng.
    ``qt`` and ``espeak`` ask for one backend; if it is missing the board says so in the log
    and chimes rather than staying silent. ``chime`` and ``none`` use no voice.
    """
    if setting in ("chime", "none"):
        return None
    candidates: list[Callable[[], Voice | Speaker | None]] = []
    if setting in ("auto", "qt") and qt is not None:
        candidates.append(qt)
    if setting in ("auto", "espeak"):
        candidates.append(EspeakVoice.find)
    for find in candidates:
        voice = find()
        if voice is not None:
            log.info("announcements use the %s voice", voice.name)
            return voice
    log.warning("no Thai voice found for voice=%r: announcements are the chime alone", setting)
    return None
