"""Where the recorder's sound comes from: the PC's microphone, or a WAV file standing in for it.

QtMultimedia would need PySide6-Addons (about 160 MB) on every board PC for a task done once
per office, so the microphone is read with ``sounddevice`` (PortAudio; its Windows and macOS
wheels carry PortAudio, Debian needs ``libportaudio2``), imported only when recording starts.
A PC without a microphone (or a test) records from a WAV file instead: each take is the
file's next stretch of sound, as if a person said one phrase per press of the button.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from khiw.speech.pcm import Pcm, from_wav

RATE = 22050
TAKE_GAP = 0.3  # seconds of silence that separate two takes in a stand-in WAV file
QUIET = 0.02


class MicrophoneError(Exception):
    """No microphone can be opened; the message says why and what to install."""


class Microphone(Protocol):
    """Records between :meth:`start` and :meth:`stop`."""

    name: str

    def start(self) -> None: ...

    def stop(self) -> Pcm: ...


class SoundDeviceMicrophone:
    """The default input device through PortAudio, mono 16-bit at :data:`RATE`."""

    def __init__(self, rate: int = RATE) -> None:
        try:
            import sounddevice
        except (ImportError, OSError) as err:
            raise MicrophoneError(f"cannot use the microphone ({err}); on Debian install libportaudio2, or record from a WAV file with --from-wav") from None
        self._sd = sounddevice
        self.rate = rate
        try:
            self.name = str(sounddevice.query_devices(kind="input")["name"])
        except (sounddevice.PortAudioError, ValueError) as err:
            raise MicrophoneError(f"this PC has no microphone ({err}); record from a WAV file with --from-wav") from None
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()
        self._stream: Any = None

    def start(self) -> None:
        self._chunks = []
        stream = self._sd.InputStream(samplerate=self.rate, channels=1, dtype="int16", callback=self._take)
        stream.start()
        self._stream = stream

    def stop(self) -> Pcm:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
        with self._lock:
            return Pcm(self.rate, b"".join(self._chunks))

    def _take(self, data: np.ndarray, _frames: int, _time: object, _status: object) -> None:
        with self._lock:  # PortAudio's thread
            self._chunks.append(data.astype("<i2").tobytes())


class WavFileMicrophone:
    """Takes from a WAV file: each :meth:`stop` returns the next stretch of sound in it
    (with the silence around it, as a real take has), cycling back to the start."""

    def __init__(self, path: Path) -> None:
        self.name = f"WAV file {path.name}"
        self.clip = from_wav(path.read_bytes())
        self.takes = _takes(self.clip)
        if not self.takes:
            raise MicrophoneError(f"{path} holds no sound to record")
        self._next = 0

    def start(self) -> None:
        """Nothing to open: the file is already read."""

    def stop(self) -> Pcm:
        start, end = self.takes[self._next % len(self.takes)]
        self._next += 1
        return Pcm(self.clip.rate, self.clip.data[2 * start : 2 * end])


def _takes(clip: Pcm) -> list[tuple[int, int]]:
    """(first, last) frame of each stretch of sound, padded with half the gap of silence."""
    samples = np.abs(np.frombuffer(clip.data, dtype="<i2").astype(np.float64) / 32768)
    loud = np.flatnonzero(samples > QUIET)
    if not loud.size:
        return []
    gap = int(TAKE_GAP * clip.rate)
    breaks = np.flatnonzero(np.diff(loud) > gap)
    starts = [loud[0], *loud[breaks + 1]]
    ends = [*loud[breaks], loud[-1]]
    pad = gap // 2
    return [(max(0, int(s) - pad), min(len(samples), int(e) + pad)) for s, e in zip(starts, ends, strict=True)]
