"""The board's voice: the speech announcer built from ``[display]``, its news as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from khiw.config import DisplayConfig
from khiw.engine.board import BoardCall
from khiw.qt.tts import find_qt_speaker
from khiw.speech.announcer import Announcement, Announcer
from khiw.speech.output import AudioOutput, SilentOutput, system_output
from khiw.speech.pcm import Pcm
from khiw.speech.voices import Speaker, Voice, choose_voice


class BoardVoice(QObject):
    """Announces calls in order on the speech thread.

    Signals:
        spoken(Announcement): an announcement was played (or found no sound card), in order.
    """

    spoken = Signal(object)

    def __init__(
        self,
        settings: DisplayConfig,
        *,
        output: AudioOutput | None = None,
        voice: Voice | Speaker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if voice is None:
            voice = choose_voice(settings.voice, qt=find_qt_speaker)
        if output is None:
            output = SilentOutput() if settings.voice == "none" else system_output()
        self.announcer = Announcer(
            voice=voice,
            output=output,
            chime=settings.voice != "none",
            volume=settings.volume,
            repeat=settings.repeat,
            english=settings.english,
            on_spoken=self._relay,
        )

    def announce(self, call: BoardCall) -> None:
        """Queue the announcement of ``call`` (a recall is announced like a call)."""
        self.announcer.say(Announcement(call.event_id, call.ticket_code, call.counter_number, call.recall))

    def close(self) -> None:
        self.announcer.close()

    def _relay(self, announcement: Announcement, _clip: Pcm) -> None:
        self.spoken.emit(announcement)  # from the speech thread: queued to the GUI thread
