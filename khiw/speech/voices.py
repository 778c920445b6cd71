"""Voices that turn a sentence into PCM, and the choice among them.

A voice renders; it never plays. That keeps every backend behind the same queue, volume and
output, and lets tests render real speech to WAV on a machine without a sound card.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from khiw.speech import voicepack
from khiw.speech.pcm import Pcm, from_wav
from khiw.speech.text import Sentence
from khiw.speech.voicepack import VoicePack

if TYPE_CHECKING:
    from khiw.speech.phrases import PackCheck

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


class PackVoice:
    """A recorded voice pack (:mod:`khiw.speech.voicepack`): joins the clips of each phrase."""

    name = "pack"

    def __init__(self, pack: VoicePack) -> None:
        self.pack = pack

    @property
    def polite(self) -> str:
        """The speaker's polite ending (ค่ะ/ครับ), or "" if the pack has none."""
        return self.pack.manifest.polite

    def render_sentences(self, sentences: Iterable[Sentence], *, sentence_gap: float) -> Pcm:
        """The sentences from clips; :class:`VoiceError` naming every missing phrase if the
        pack cannot say them all (nothing is half-said)."""
        try:
            return voicepack.render(self.pack, sentences, sentence_gap=sentence_gap)
        except KeyError as err:
            raise VoiceError(f"the voice pack has no clip for {', '.join(err.args[0])}") from None


@dataclass(frozen=True)
class VoiceChoice:
    """The board's voice, what says a call the voice cannot say whole, and one line saying
    which voice this is and why (logged at start-up, printed by ``khiw display --check``)."""

    voice: Voice | Speaker | PackVoice | None
    fallback: Voice | Speaker | None
    description: str


def choose_voice(
    setting: str,
    *,
    pack: PackCheck | None = None,
    pack_problem: str = "",
    qt: Callable[[], Voice | Speaker | None] | None = None,
) -> VoiceChoice:
    """The voice for ``DisplayConfig.voice``.

    ``auto``: the office's voice pack if it has every Thai phrase the office needs (missing
    English phrases only leave the English sentence out); else Qt's text-to-speech if the
    platform has a Thai voice (Windows: Microsoft Pattara); else the chime and the visible
    call. espeak-ng is never chosen by ``auto``: its Thai is not understood in a waiting room.
    ``pack``: the pack even if incomplete (a call it cannot say whole gets the Qt voice or the
    chime). ``qt`` and ``espeak`` ask for that engine; if it is missing the board chimes.
    ``chime`` and ``none`` use no voice (``none`` not even the chime).
    """
    qt_voice = qt() if qt is not None and setting in ("auto", "pack", "qt") else None
    if setting in ("auto", "pack") and pack is not None and (pack.thai_complete or setting == "pack"):
        fallback = f"; a call it cannot say whole uses the {qt_voice.name} voice" if qt_voice else ""
        gaps = f" (missing: {', '.join(pack.missing)})" if pack.missing else ""
        return VoiceChoice(PackVoice(pack.pack), qt_voice, f"{pack.pack.label}{gaps}{fallback}")
    why = {
        "auto": "no complete voice pack" + (f" ({pack_problem})" if pack_problem else f" (missing: {', '.join(pack.missing)})" if pack else ""),
        "pack": f"no usable voice pack ({pack_problem or 'none found'})",
        "qt": "voice = qt",
        "espeak": "voice = espeak",
    }.get(setting, "")
    if setting in ("auto", "pack", "qt") and qt_voice is not None:
        return VoiceChoice(qt_voice, None, f"Qt text-to-speech Thai voice ({why})")
    if setting == "espeak":
        espeak = EspeakVoice.find()
        if espeak is not None:
            return VoiceChoice(espeak, None, "espeak-ng Thai voice (voice = espeak)")
    if setting == "none":
        return VoiceChoice(None, None, "silent: the call is only shown (voice = none)")
    if setting == "chime":
        return VoiceChoice(None, None, "chime and visible call only (voice = chime)")
    missing = {"qt": "; no Qt Thai voice", "espeak": "; espeak-ng with a Thai voice is not installed"}.get(setting, "; no Qt Thai voice")
    return VoiceChoice(None, None, f"chime and visible call only: {why}{missing}")
