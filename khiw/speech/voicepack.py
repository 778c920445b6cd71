"""Recorded voice packs: short clips of a real person, joined into the call.

espeak-ng's Thai is not understood in a waiting room; a person's voice is. A pack is a folder
(or a zip of one) holding WAV clips and ``manifest.json``::

    {"format": 1, "name": "อบต.ท่าสะอ้าน", "speaker": "คุณมาลี", "licence": "CC-BY-4.0",
     "sample_rate": 22050, "polite": "ค่ะ", "placeholder": false,
     "clips": [{"phrase": "หมายเลข", "file": "th-001.wav"}, ...]}

Each clip says one phrase (:mod:`khiw.speech.text` lists them). At load every clip is checked
(16-bit WAV, a sane rate), resampled to the manifest's rate if it differs (a clip copied from
another recording session), trimmed of silence, brought to one loudness and given short
fades, so that clips recorded on different days join without jumps or clicks.
"""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from khiw.speech.pcm import RATE, Pcm, from_wav, resampled, silence, to_wav
from khiw.speech.text import Sentence

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MIN_RATE, MAX_RATE = 8000, 48000  # below 8 kHz speech is muffled past understanding
WORD_GAP = 0.06  # seconds between the words of a group ("เอ ศูนย์ หนึ่ง สอง")
GROUP_GAP = 0.28  # between groups ("หมายเลข" | code | "เชิญที่ช่องบริการ" | number)
TARGET_RMS = 0.1  # -20 dBFS: every clip as loud as the others
PEAK = 0.9
FADE = 0.01  # 10 ms in and out: no click where two clips meet
SILENT_PEAK = 0.01  # a take never louder than this (-40 dBFS) heard nothing
NOISE_FLOOR, TRIM_FRACTION = 0.004, 0.05  # quieter than both at either end is room noise, not speech
TRIM_KEEP = 0.02  # seconds kept before the first and after the last sound


class VoicePackError(Exception):
    """A pack cannot be used at all (no manifest, an unreadable clip); the message says which."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClipEntry(_Strict):
    phrase: Annotated[str, Field(min_length=1)]
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.\-]+\.wav$")]


class Manifest(_Strict):
    """``manifest.json``: who speaks, under which licence, and which file says which phrase."""

    format: int = 1
    name: str = ""
    speaker: str = ""
    licence: Annotated[str, Field(min_length=1)]
    sample_rate: Annotated[int, Field(ge=MIN_RATE, le=MAX_RATE)]
    polite: str = ""  # ค่ะ or ครับ, said at the end of the Thai call when present
    placeholder: bool = False  # generated tones, not speech: says so wherever the pack is named
    clips: list[ClipEntry]


@dataclass(frozen=True)
class VoicePack:
    """A loaded pack: its manifest, its clips ready to join (at :data:`pcm.RATE`), and notes
    about what was fixed at load (resampled clips)."""

    source: Path
    manifest: Manifest
    clips: Mapping[str, Pcm]
    notes: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        """How the board and ``khiw voice check`` name it."""
        kind = "placeholder voice pack (tones, not speech)" if self.manifest.placeholder else "voice pack"
        who = f", speaker {self.manifest.speaker}" if self.manifest.speaker else ""
        return f"{kind} {self.manifest.name or self.source.name!r}{who} ({len(self.clips)} clips) at {self.source}"

    def missing(self, phrases: Iterable[str]) -> list[str]:
        """The phrases (in order, once each) that this pack has no clip for."""
        return [p for p in dict.fromkeys(phrases) if p not in self.clips]


def load_pack(path: Path) -> VoicePack:
    """Read and prepare the pack at ``path`` (a folder or a ``.zip``)."""
    files = _Files(path)
    try:
        raw = json.loads(files.read(MANIFEST))
        manifest = Manifest.model_validate(raw)
    except FileNotFoundError:
        raise VoicePackError(f"{path}: no {MANIFEST}: not a voice pack") from None
    except (ValueError, ValidationError) as err:
        raise VoicePackError(f"{path}/{MANIFEST} is not valid: {_first_error(err)}") from None
    clips: dict[str, Pcm] = {}
    notes: list[str] = []
    for entry in manifest.clips:
        try:
            clip = from_wav(files.read(entry.file))
        except FileNotFoundError:
            raise VoicePackError(f"{path}: clip {entry.file} for {entry.phrase!r} is listed but missing") from None
        except (ValueError, EOFError) as err:
            raise VoicePackError(f"{path}: clip {entry.file} for {entry.phrase!r} is not a 16-bit WAV file: {err}") from None
        if not MIN_RATE <= clip.rate <= MAX_RATE:
            raise VoicePackError(f"{path}: clip {entry.file} is recorded at {clip.rate} Hz; use {MIN_RATE}-{MAX_RATE} Hz (ideally {manifest.sample_rate})")
        if clip.rate != manifest.sample_rate:
            notes.append(f"{entry.file} is at {clip.rate} Hz, not the pack's {manifest.sample_rate} Hz: resampled")
        clips[entry.phrase] = prepared(clip)
    for note in notes:
        log.warning("%s: %s", path, note)
    return VoicePack(path, manifest, clips, tuple(notes))


def trimmed(clip: Pcm) -> Pcm:
    """``clip`` without the silence (room noise) before and after the phrase; empty if
    nothing in it is louder than room noise."""
    samples = _floats(clip)
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    if peak < SILENT_PEAK:
        return Pcm(clip.rate, b"")
    loud = np.flatnonzero(np.abs(samples) > max(NOISE_FLOOR, TRIM_FRACTION * peak))
    keep = int(TRIM_KEEP * clip.rate)
    return _pcm(samples[max(0, loud[0] - keep) : loud[-1] + keep + 1], clip.rate)


def prepared(clip: Pcm, rate: int = RATE) -> Pcm:
    """``clip`` at ``rate``, trimmed of silence, at the common loudness, with short fades."""
    samples = _floats(trimmed(resampled(clip, rate)))
    rms = float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0
    if rms > 0:
        samples = samples * TARGET_RMS / rms
        peak = float(np.max(np.abs(samples)))
        if peak > PEAK:
            samples = samples * PEAK / peak
    fade = min(int(FADE * rate), samples.size // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, endpoint=False)
        samples[:fade] *= ramp
        samples[-fade:] *= ramp[::-1]
    return _pcm(samples, rate)


def render(pack: VoicePack, sentences: Iterable[Sentence], *, sentence_gap: float) -> Pcm:
    """The sentences joined from clips: :data:`WORD_GAP` within a group, :data:`GROUP_GAP`
    between groups, ``sentence_gap`` between sentences. Raises :class:`KeyError` naming the
    missing phrases before joining anything, so a call is never cut off mid-sentence."""
    sentences = list(sentences)
    missing = pack.missing(w for s in sentences for w in s.words)
    if missing:
        raise KeyError(missing)
    parts: list[bytes] = []
    for i, sentence in enumerate(sentences):
        if i:
            parts.append(silence(sentence_gap).data)
        for j, group in enumerate(sentence.phrases):
            if j:
                parts.append(silence(GROUP_GAP).data)
            for k, phrase in enumerate(group):
                if k:
                    parts.append(silence(WORD_GAP).data)
                parts.append(pack.clips[phrase].data)
    return Pcm(RATE, b"".join(parts))


def write_pack(folder: Path, manifest: Manifest, clips: Mapping[str, Pcm]) -> Path:
    """Write ``clips`` (phrase → audio) and the manifest into ``folder``; returns the folder.

    File names are numbered ASCII (``th-001.wav``) so the pack zips and copies anywhere.
    """
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for i, (phrase, clip) in enumerate(clips.items(), start=1):
        name = f"{'en' if phrase.isascii() else 'th'}-{i:03d}.wav"
        (folder / name).write_bytes(to_wav(resampled(clip, manifest.sample_rate)))
        entries.append(ClipEntry(phrase=phrase, file=name))
    final = manifest.model_copy(update={"clips": entries})
    (folder / MANIFEST).write_text(json.dumps(final.model_dump(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return folder


class _Files:
    """Reads a pack's files from a folder or a zip alike."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: dict[str, bytes] | None
        if path.is_file() and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                # A zip of the folder holds "voice/manifest.json"; a zip of its contents, "manifest.json".
                root = next((n[: -len(MANIFEST)] for n in names if n.endswith(MANIFEST) and n.count("/") <= 1), "")
                self._zip = {n[len(root) :]: archive.read(n) for n in names if n.startswith(root) and not n.endswith("/")}
        elif path.is_dir():
            self._zip = None
        else:
            raise VoicePackError(f"no voice pack at {path} (a folder or a .zip)")

    def read(self, name: str) -> bytes:
        if self._zip is None:
            return (self.path / name).read_bytes()
        if name not in self._zip:
            raise FileNotFoundError(name)
        return self._zip[name]


def _first_error(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(err)


def _floats(clip: Pcm) -> np.ndarray:
    return np.frombuffer(clip.data, dtype="<i2").astype(np.float64) / 32768.0


def _pcm(samples: np.ndarray, rate: int) -> Pcm:
    return Pcm(rate, (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes())
