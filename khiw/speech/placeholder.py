"""A generated placeholder pack: one tone per phrase, so the joining can be seen and tested.

Nothing here pretends to be speech: the manifest says ``placeholder: true``, its name says
"placeholder", and the board's start-up line calls it "placeholder voice pack (tones, not
speech)". The demo office ships one so the mechanism is visible before anyone records;
tests use one because a tone's frequency tells which phrase was played where.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from khiw.speech.pcm import Pcm
from khiw.speech.voicepack import Manifest, write_pack

RATE = 16000
BASE_HZ, STEP_HZ = 300.0, 40.0
SECONDS = 0.3


def tone_frequencies(phrases: Sequence[str]) -> dict[str, float]:
    """The tone of each phrase: 300 Hz, 340 Hz, … in the order given."""
    return {p: BASE_HZ + STEP_HZ * i for i, p in enumerate(dict.fromkeys(phrases))}


def tone(frequency: float, seconds: float = SECONDS, rate: int = RATE, level: float = 0.3) -> Pcm:
    """A plain sine tone."""
    t = np.arange(int(seconds * rate)) / rate
    return Pcm(rate, (level * np.sin(2 * np.pi * frequency * t) * 32767).astype("<i2").tobytes())


def write_placeholder_pack(folder: Path, phrases: Sequence[str], *, polite: str = "ค่ะ", rate: int = RATE) -> Path:
    """Write a tone pack for ``phrases`` (plus ``polite``) into ``folder``."""
    wanted = [*phrases, polite] if polite and polite not in phrases else list(phrases)
    clips = {p: tone(f, rate=rate) for p, f in tone_frequencies(wanted).items()}
    manifest = Manifest(
        name="placeholder",
        speaker="none: generated tones",
        licence="CC0-1.0",
        sample_rate=rate,
        polite=polite,
        placeholder=True,
        clips=[],
    )
    return write_pack(folder, manifest, clips)
