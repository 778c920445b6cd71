"""The board's voice: the speech announcer built from ``[display]``, its news as Qt signals."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from khiw.config import DisplayConfig, KhiwConfig
from khiw.engine.board import BoardCall
from khiw.qt.tts import find_qt_speaker
from khiw.speech.announcer import Announcement, Announcer
from khiw.speech.output import AudioOutput, SilentOutput, system_output
from khiw.speech.pcm import Pcm
from khiw.speech.phrases import office_pack
from khiw.speech.quiet import quiet_clock
from khiw.speech.voices import VoiceChoice, choose_voice

log = logging.getLogger(__name__)


def board_voice_choice(settings: DisplayConfig, config: KhiwConfig | None = None, config_path: Path | None = None) -> VoiceChoice:
    """The voice ``settings.voice`` picks on this PC, with the office's pack if one is needed."""
    check, problem = office_pack(config, config_path, location=settings.voice_pack) if settings.voice in ("auto", "pack") else (None, "")
    return choose_voice(settings.voice, pack=check, pack_problem=problem, qt=find_qt_speaker)


def announcement(call: BoardCall) -> Announcement:
    """What to say for ``call`` (a recall is announced like a call, marked as a recall)."""
    return Announcement(call.event_id, call.ticket_code, call.counter_number, call.recall, call.transferred_from)


class BoardVoice(QObject):
    """Announces calls in order on the speech thread.

    Signals:
        started(Announcement): an announcement begins (the board shows that call large).
        spoken(Announcement): an announcement was played (or found no sound card), in order.
    """

    started = Signal(object)
    spoken = Signal(object)

    def __init__(
        self,
        settings: DisplayConfig,
        *,
        output: AudioOutput | None = None,
        choice: VoiceChoice | None = None,
        config: KhiwConfig | None = None,
        config_path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = choice if choice is not None else board_voice_choice(settings, config, config_path)
        degraded = self.choice.voice is None and settings.voice not in ("chime", "none")
        (log.warning if degraded else log.info)("the board's voice: %s", self.choice.description)
        if output is None:
            output = SilentOutput() if settings.voice == "none" else system_output()
        self.announcer = Announcer(
            voice=self.choice.voice,
            fallback=self.choice.fallback,
            output=output,
            chime=settings.voice != "none",
            volume=settings.volume,
            repeat=settings.repeat,
            repeat_gap=settings.repeat_gap,
            english=settings.english,
            quiet=quiet_clock(settings.quiet_hours),
            quiet_volume=settings.quiet_volume,
            on_start=self.started.emit,  # from the speech thread: queued to the GUI thread
            on_spoken=self._relay,
        )

    def announce(self, call: BoardCall) -> None:
        """Queue the announcement of ``call``."""
        self.announcer.say(announcement(call))

    def close(self) -> None:
        self.announcer.close()

    def _relay(self, said: Announcement, _clip: Pcm) -> None:
        self.spoken.emit(said)  # from the speech thread: queued to the GUI thread
