"""The two-note chime ("ding-dong") before every announcement, synthesised, not shipped.

It turns heads before the sentence starts, and it is what the board plays alone when no Thai
voice is installed, so a call is never silent while a sound card exists.
"""

from __future__ import annotations

import math
from functools import cache

from khiw.speech.pcm import RATE, Pcm, from_samples

# (start second, frequency Hz, length seconds): E5 then C5, a major third down.
NOTES = ((0.0, 659.25, 0.9), (0.45, 523.25, 1.2))
PARTIALS = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))  # (frequency multiple, loudness): a soft bell
PEAK = 0.6


@cache
def chime(rate: int = RATE) -> Pcm:
    """About 1.65 s of chime at ``rate``."""
    length = max(start + seconds for start, _, seconds in NOTES)
    frames = int(length * rate)
    mix = [0.0] * frames
    norm = sum(level for _, level in PARTIALS)
    for start, freq, seconds in NOTES:
        first = int(start * rate)
        for i in range(int(seconds * rate)):
            t = i / rate
            envelope = min(1.0, t / 0.008) * math.exp(-3.2 * t / seconds)  # 8 ms attack, bell decay
            tone = sum(level * math.sin(2 * math.pi * freq * mult * t) for mult, level in PARTIALS) / norm
            if first + i < frames:
                mix[first + i] += PEAK * envelope * tone
    return from_samples(mix, rate)
