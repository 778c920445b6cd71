"""Qt's text-to-speech as the board's voice, where the platform has a Thai voice.

Optional: QtTextToSpeech ships in PySide6-Addons (about 160 MB), which Khiw does not
require. It is worth installing where the platform has a good Thai voice of its own (Windows
with the Thai speech pack); on Linux Qt speaks through speech-dispatcher, whose Thai voice is
espeak-ng, which the board already uses directly. PySide6 does not bind
``QTextToSpeech.synthesize``, so this voice speaks to the sound card itself instead of
rendering a clip: :meth:`QtSpeaker.speak` blocks the announcer's thread until the sentence
has been said, which keeps announcements in order and apart.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEventLoop, QLocale, QTimer

log = logging.getLogger(__name__)

SKIPPED_ENGINES = ("mock",)  # Qt's test engine: silent, and has no Thai voice anyway


class QtSpeaker:
    """Speaks with one Qt engine and voice; made on the thread that will call :meth:`speak`."""

    name = "qt"

    def __init__(self, engine: str, voice_name: str, *, timeout: float = 30.0) -> None:
        self.engine = engine
        self.voice_name = voice_name
        self.timeout = timeout
        self._tts: Any = None

    def speak(self, text: str, lang: str, volume: float) -> bool:
        """Say ``text`` and return once it was said (False on an engine error or timeout).

        ``lang`` other than Thai uses the engine's voice for that language if it has one.
        """
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts is None:  # created lazily: it must live on the announcer's thread
            self._tts = QTextToSpeech(self.engine)
        tts = self._tts
        wanted = QLocale.Language.Thai if lang == "th" else QLocale(lang).language()
        voices = [v for v in tts.allVoices(QLocale(wanted)) if v.locale().language() == wanted]
        chosen = next((v for v in voices if v.name() == self.voice_name), voices[0] if voices else None)
        if chosen is None:
            return False
        tts.setVoice(chosen)
        tts.setVolume(volume)
        tts.setRate(-0.15)  # a little slower than normal, for elderly listeners
        loop = QEventLoop()
        started = False

        def on_state(state: QTextToSpeech.State) -> None:
            nonlocal started
            if state == QTextToSpeech.State.Speaking:
                started = True
            elif state == QTextToSpeech.State.Error or (state == QTextToSpeech.State.Ready and started):
                loop.quit()

        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        tts.stateChanged.connect(on_state)
        tts.say(text)
        started = started or tts.state() == QTextToSpeech.State.Speaking
        if tts.state() != QTextToSpeech.State.Error:
            deadline.start(int(self.timeout * 1000))
            loop.exec()  # until said, an error, or the deadline
        deadline.stop()
        tts.stateChanged.disconnect(on_state)
        ok = started and tts.state() == QTextToSpeech.State.Ready
        if not ok:
            log.warning("Qt speech engine %s could not say %r: %s", self.engine, text, tts.errorString() or "timed out")
            tts.stop()
        return ok


def find_qt_speaker(language: QLocale.Language = QLocale.Language.Thai, *, skip: tuple[str, ...] = SKIPPED_ENGINES) -> QtSpeaker | None:
    """A Qt engine and voice for ``language``, or None (PySide6-Addons missing, no such voice)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    for engine in QTextToSpeech.availableEngines():
        if engine in skip:
            continue
        tts = QTextToSpeech(engine)
        if tts.state() == QTextToSpeech.State.Error:
            continue
        voices = [v for v in tts.allVoices(QLocale(language)) if v.locale().language() == language]
        if voices:
            return QtSpeaker(engine, voices[0].name())
    return None
