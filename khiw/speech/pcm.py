"""Mono 16-bit PCM clips and WAV files (``wave``, ``array``, and numpy where speed counts).

Every voice delivers a :class:`Pcm`; joining, volume and resampling happen here so that the
chime, Thai and English parts of one announcement become one clip played in one go.
"""

from __future__ import annotations

import io
import sys
import wave
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

RATE = 22050  # espeak-ng's own rate: its speech is never resampled


@dataclass(frozen=True, slots=True)
class Pcm:
    """Signed 16-bit little-endian mono samples at ``rate`` Hz."""

    rate: int
    data: bytes

    @property
    def frames(self) -> int:
        return len(self.data) // 2

    @property
    def seconds(self) -> float:
        return self.frames / self.rate


def _samples(data: bytes) -> array[int]:
    out = array("h")
    out.frombytes(data)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _bytes(samples: array[int]) -> bytes:
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def from_samples(values: Iterable[float], rate: int = RATE) -> Pcm:
    """A clip from floats in -1.0…1.0 (clipped)."""
    return Pcm(rate, _bytes(array("h", (int(max(-1.0, min(1.0, v)) * 32767) for v in values))))


def silence(seconds: float, rate: int = RATE) -> Pcm:
    return Pcm(rate, bytes(2 * int(seconds * rate)))


def scaled(clip: Pcm, volume: float) -> Pcm:
    """``clip`` at ``volume`` (0.0 silent … 1.0 as rendered).

    With numpy: a whole announcement is scaled in well under a millisecond, which counts
    on the way from a call to its first sound (bench/display.py).
    """
    if volume >= 1.0:
        return clip
    samples = np.frombuffer(clip.data, dtype="<i2")
    return Pcm(clip.rate, (samples * volume).astype("<i2").tobytes())


def resampled(clip: Pcm, rate: int) -> Pcm:
    """``clip`` at another sample rate (linear interpolation: speech needs no better)."""
    if clip.rate == rate or clip.frames == 0:
        return Pcm(rate, clip.data)
    src = _samples(clip.data)
    count = max(1, round(clip.frames * rate / clip.rate))
    step = (len(src) - 1) / max(count - 1, 1)
    out = array("h")
    for i in range(count):
        pos = i * step
        j = int(pos)
        frac = pos - j
        nxt = src[j + 1] if j + 1 < len(src) else src[j]
        out.append(int(src[j] + (nxt - src[j]) * frac))
    return Pcm(rate, _bytes(out))


def joined(parts: Iterable[Pcm], *, gap: float = 0.0, rate: int = RATE) -> Pcm:
    """The parts one after another at ``rate``, with ``gap`` seconds of silence between them."""
    pause = silence(gap, rate).data
    chunks = [resampled(p, rate).data for p in parts]
    return Pcm(rate, pause.join(chunks))


def to_wav(clip: Pcm) -> bytes:
    """The clip as a complete WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(clip.rate)
        out.writeframes(clip.data)
    return buffer.getvalue()


def from_wav(blob: bytes) -> Pcm:
    """A 16-bit WAV (mono or stereo, mixed down) as a clip.

    Streamed WAVs (espeak-ng ``--stdout``) carry a bogus length in the header, so the data is
    read to the end of the bytes rather than trusted to the header's frame count.
    """
    with wave.open(io.BytesIO(blob), "rb") as src:
        if src.getsampwidth() != 2:
            raise ValueError(f"only 16-bit WAV is supported, not {8 * src.getsampwidth()}-bit")
        channels, rate = src.getnchannels(), src.getframerate()
        data = src.readframes(len(blob))
    data = data[: len(data) - len(data) % (2 * channels)]
    if channels == 1:
        return Pcm(rate, data)
    samples = _samples(data)
    mono = array("h", (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)))
    return Pcm(rate, _bytes(mono))
