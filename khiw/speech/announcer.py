"""The announcement queue: one clip at a time, in the order the calls were made.

Several counters may call within the same second; each call is queued and rendered and played
by one worker thread, so announcements never talk over each other and none is dropped. The
caller never waits: :meth:`Announcer.say` returns at once, whatever the voice or the device.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from khiw.speech.chime import chime
from khiw.speech.output import AudioOutput
from khiw.speech.pcm import Pcm, joined, scaled
from khiw.speech.text import announcement_en, announcement_th, spoken_en
from khiw.speech.voices import Speaker, Voice, VoiceError

log = logging.getLogger(__name__)

GAP_SECONDS = 0.35  # between the chime, the sentences and their repetitions


@dataclass(frozen=True, slots=True)
class Announcement:
    """One call (or recall) to announce; ``event_id`` is the call's event."""

    event_id: int
    code: str
    counter: int
    recall: bool = False

    @property
    def th(self) -> str:
        return announcement_th(self.code, self.counter)

    @property
    def en(self) -> str:
        return announcement_en(self.code, self.counter)


class Announcer:
    """Speaks queued announcements one after another on its own thread.

    ``voice`` None: the chime alone (if ``chime``). A :class:`Speaker` (Qt's voice) says the
    sentences itself after the chime has played. ``repeat``: how many times the sentence is
    said; ``english``: each Thai sentence is followed by the English one. ``on_spoken`` is
    called on the worker thread after each announcement was played (or found silent), with the
    announcement and the clip that went to the output.
    """

    def __init__(
        self,
        *,
        voice: Voice | Speaker | None,
        output: AudioOutput,
        chime: bool = True,
        volume: float = 0.8,
        repeat: int = 1,
        english: bool = False,
        on_spoken: Callable[[Announcement, Pcm], None] | None = None,
    ) -> None:
        self.voice = voice
        self.output = output
        self.chime = chime
        self.volume = volume
        self.repeat = repeat
        self.english = english
        self.on_spoken = on_spoken
        self._queue: queue.Queue[Announcement | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="khiw-announcer", daemon=True)
        self._thread.start()

    def say(self, announcement: Announcement) -> None:
        """Queue ``announcement``; it is played after every one queued before it."""
        self._queue.put(announcement)

    def sentences(self, announcement: Announcement) -> list[tuple[str, str]]:
        """(text, language) pairs in the order they are said."""
        one = [(announcement.th, "th")]
        if self.english:
            one.append((spoken_en(announcement.code, announcement.counter), "en"))
        return one * self.repeat

    def render(self, announcement: Announcement) -> Pcm:
        """The whole clip: chime, then the sentence(s) ``repeat`` times, at the volume.

        With a :class:`Speaker` the clip is the chime alone; the speaker says the sentences.
        """
        parts = [chime()] if self.chime else []
        if self.voice is not None and not isinstance(self.voice, Speaker):
            try:
                parts.extend(self.voice.render(text, lang) for text, lang in self.sentences(announcement))
            except VoiceError as err:
                log.warning("%s; announcing %s with the chime alone", err, announcement.code)
                parts = parts[:1] if self.chime else []
        return scaled(joined(parts, gap=GAP_SECONDS), self.volume)

    def close(self) -> None:
        """Stop after the clip playing now; queued announcements are dropped."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._thread.join(timeout=15)

    def _loop(self) -> None:
        while (announcement := self._queue.get()) is not None:
            try:
                clip = self.render(announcement)
                if clip.frames:
                    self.output.play(clip)
                if isinstance(self.voice, Speaker):
                    for text, lang in self.sentences(announcement):
                        self.voice.speak(text, lang, self.volume)
            except Exception:  # one bad announcement must not silence the board for the day
                log.exception("announcing %s failed", announcement.code)
                clip = joined([])
            if self.on_spoken is not None:
                self.on_spoken(announcement, clip)
