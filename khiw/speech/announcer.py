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
from khiw.speech.pcm import Pcm, joined, scaled, silence
from khiw.speech.text import CallKind, Sentence, announcement_en, announcement_th, call_en, call_th
from khiw.speech.voicepack import GROUP_GAP
from khiw.speech.voices import PackVoice, Speaker, Voice, VoiceError

log = logging.getLogger(__name__)

GAP_SECONDS = 0.35  # between the chime and the first sentence
LANGUAGE_GAP = 2 * GROUP_GAP  # between the Thai sentence and the English one

AnyVoice = Voice | Speaker | PackVoice


@dataclass(frozen=True, slots=True)
class Announcement:
    """One call, recall or transferred ticket's call to announce; ``event_id`` is the call's event.

    ``transferred_from``: the code on the paper the citizen holds when the ticket was
    transferred from another service, said as well so they recognise their call.
    """

    event_id: int
    code: str
    counter: int
    recall: bool = False
    transferred_from: str | None = None

    @property
    def kind(self) -> CallKind:
        if self.recall:
            return CallKind.RECALL
        return CallKind.TRANSFER if self.transferred_from else CallKind.CALL

    @property
    def th(self) -> str:
        return announcement_th(self.code, self.counter)

    @property
    def en(self) -> str:
        return announcement_en(self.code, self.counter)


class Announcer:
    """Speaks queued announcements one after another on its own thread.

    ``voice`` None: the chime alone (if ``chime``). A :class:`PackVoice` joins recorded clips;
    an announcement it cannot say whole (a missing clip) is said by ``fallback`` instead, or
    by the chime alone. A :class:`Speaker` (Qt's voice) says the sentences itself after the
    chime has played. ``repeat``: how many times the sentence is said, ``repeat_gap`` seconds
    apart; ``english``: each Thai sentence is followed by the English one. ``quiet()`` True
    (quiet hours) plays at ``quiet_volume`` (0: the call is only shown). ``on_start`` and
    ``on_spoken`` are called on the worker thread when an announcement starts and after it
    was played (or found silent), ``on_spoken`` with the clip that went to the output.
    """

    def __init__(
        self,
        *,
        voice: AnyVoice | None,
        output: AudioOutput,
        fallback: Voice | Speaker | None = None,
        chime: bool = True,
        volume: float = 0.8,
        repeat: int = 1,
        repeat_gap: float = 1.0,
        english: bool = False,
        quiet: Callable[[], bool] | None = None,
        quiet_volume: float = 0.0,
        on_start: Callable[[Announcement], None] | None = None,
        on_spoken: Callable[[Announcement, Pcm], None] | None = None,
    ) -> None:
        self.voice = voice
        self.fallback = fallback
        self.output = output
        self.chime = chime
        self.volume = volume
        self.repeat = repeat
        self.repeat_gap = repeat_gap
        self.english = english
        self.quiet = quiet
        self.quiet_volume = quiet_volume
        self.on_start = on_start
        self.on_spoken = on_spoken
        self._queue: queue.Queue[Announcement | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="khiw-announcer", daemon=True)
        self._thread.start()

    def say(self, announcement: Announcement) -> None:
        """Queue ``announcement``; it is played after every one queued before it."""
        self._queue.put(announcement)

    def sentences(self, announcement: Announcement, *, polite: str = "") -> list[Sentence]:
        """One round of what is said: the Thai sentence, then the English one if enabled."""
        a = announcement
        one = [call_th(a.code, a.counter, kind=a.kind, transferred_from=a.transferred_from, polite=polite)]
        if self.english:
            one.append(call_en(a.code, a.counter, kind=a.kind, transferred_from=a.transferred_from))
        return one

    def render(self, announcement: Announcement) -> Pcm:
        """The whole clip: chime, then the sentence(s) ``repeat`` times, at the volume.

        With a :class:`Speaker` the clip is the chime alone; the speaker says the sentences.
        """
        return self._render(announcement)[0]

    def close(self) -> None:
        """Stop after the clip playing now; queued announcements are dropped."""
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(None)
        self._thread.join(timeout=15)

    def _volume(self) -> float:
        """The volume now: ``quiet_volume`` during quiet hours."""
        return self.quiet_volume if self.quiet is not None and self.quiet() else self.volume

    def _render(self, announcement: Announcement) -> tuple[Pcm, Speaker | None]:
        volume = self._volume()
        if volume <= 0:
            return joined([]), None
        speech: list[Pcm] = []
        speaker: Speaker | None = None
        for voice in (self.voice, self.fallback):
            if voice is None:
                break
            if isinstance(voice, Speaker):
                speaker = voice
                break
            try:
                speech = self._speech(voice, announcement)
                break
            except VoiceError as err:
                log.warning("%s; announcing %s with %s", err, announcement.code, _name(self.fallback) if voice is self.voice else "the chime alone")
        parts = [chime()] if self.chime else []
        for i, one in enumerate(speech):
            if parts:
                parts.append(silence(GAP_SECONDS if i == 0 else self.repeat_gap))
            parts.append(one)
        clip = joined(parts)
        return scaled(clip, volume), speaker

    def _speech(self, voice: Voice | PackVoice, announcement: Announcement) -> list[Pcm]:
        """One clip per round (``repeat`` of them); raises :class:`VoiceError` before any
        sound is made if the voice cannot say the whole Thai sentence. A pack without the
        English phrases still says the whole Thai call (the English one is left out)."""
        if isinstance(voice, PackVoice):
            sentences = self.sentences(announcement, polite=voice.polite)
            try:
                one = voice.render_sentences(sentences, sentence_gap=LANGUAGE_GAP)
            except VoiceError as err:
                if len(sentences) == 1:
                    raise
                one = voice.render_sentences(sentences[:1], sentence_gap=LANGUAGE_GAP)
                log.warning("%s; announcing %s in Thai only", err, announcement.code)
        else:
            one = joined([voice.render(s.text, s.lang) for s in self.sentences(announcement)], gap=LANGUAGE_GAP)
        return [one] * self.repeat

    def _loop(self) -> None:
        while (announcement := self._queue.get()) is not None:
            if self.on_start is not None:
                self.on_start(announcement)
            try:
                clip, speaker = self._render(announcement)
                if clip.frames:
                    self.output.play(clip)
                if speaker is not None:
                    for _ in range(self.repeat):
                        for sentence in self.sentences(announcement):
                            speaker.speak(sentence.text, sentence.lang, self._volume())
            except Exception:  # one bad announcement must not silence the board for the day
                log.exception("announcing %s failed", announcement.code)
                clip = joined([])
            if self.on_spoken is not None:
                self.on_spoken(announcement, clip)


def _name(voice: object) -> str:
    return f"the {getattr(voice, 'name', '')} voice" if voice is not None else "the chime alone"
