"""Clips and WAV files: what every voice and output exchange."""

from __future__ import annotations

import io
import wave

from khiw.speech.chime import chime
from khiw.speech.pcm import (
    RATE,
    Pcm,
    from_samples,
    from_wav,
    joined,
    resampled,
    scaled,
    silence,
    to_wav,
)


def peak(clip: Pcm) -> int:
    from array import array

    samples = array("h")
    samples.frombytes(clip.data)
    return max((abs(s) for s in samples), default=0)


class TestPcm:
    def test_wav_round_trip(self) -> None:
        clip = from_samples([0.0, 0.5, -0.5, 1.0, -1.0])
        blob = to_wav(clip)
        with wave.open(io.BytesIO(blob)) as w:
            assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()) == (1, 2, RATE, 5)
        assert from_wav(blob) == clip

    def test_a_streamed_wav_with_a_bogus_length_is_read_to_its_end(self) -> None:
        blob = bytearray(to_wav(from_samples([0.1] * 100)))
        blob[40:44] = (0x7FFFFFFF).to_bytes(4, "little")  # the data chunk size, as espeak-ng --stdout writes it
        assert from_wav(bytes(blob)).frames == 100

    def test_stereo_is_mixed_down(self) -> None:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes((1000).to_bytes(2, "little", signed=True) + (3000).to_bytes(2, "little", signed=True))
        clip = from_wav(buffer.getvalue())
        assert (clip.rate, clip.frames, peak(clip)) == (8000, 1, 2000)

    def test_join_resamples_and_puts_gaps_between_parts(self) -> None:
        one = silence(1.0, 11025)
        clip = joined([one, silence(0.5)], gap=0.25)
        assert clip.rate == RATE
        assert abs(clip.seconds - 1.75) < 0.001
        assert resampled(one, RATE).frames == RATE

    def test_volume_scales_the_samples(self) -> None:
        loud = from_samples([1.0, -1.0])
        assert peak(scaled(loud, 0.5)) == 16383
        assert scaled(loud, 1.0) == loud


class TestChime:
    def test_the_chime_is_audible_and_short(self) -> None:
        clip = chime()
        assert 1.2 < clip.seconds < 2.0
        assert 10_000 < peak(clip) < 32_767
