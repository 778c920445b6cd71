"""Which phrases an office's voice pack must hold, and what a pack lacks.

The list follows the configuration: the letters of the services' prefixes, the ten digits,
every configured counter's number as Thai number words, the fixed phrases of a call, recall
and transfer, the speaker's polite ending, and the English ones when ``english = true``.
``khiw voice check``, ``khiw init`` and ``khiw voice record`` all use this one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from khiw.config import DisplayConfig, KhiwConfig
from khiw.speech import text
from khiw.speech.numbers import DIGITS, EN_ONES, english_number_words, thai_number_words
from khiw.speech.voicepack import VoicePack, VoicePackError, load_pack


def needed_phrases(cfg: KhiwConfig | None, *, polite: str = "") -> list[str]:
    """Every phrase the office's calls can use, in the order a person would record them.

    Without a configuration (a board with no khiw.toml) the letters and counters are unknown:
    the fixed phrases, the digits and counters 1-9 are what any office needs.
    """
    letters = sorted({c for s in cfg.services for c in s.prefix}) if cfg else []
    counters = (sorted({c.number for c in cfg.counters}) if cfg else []) or list(range(1, 10))
    thai = [text.NUMBER, *(text.LETTERS[c] for c in letters), *DIGITS, text.GO_TO_COUNTER]
    thai += [w for n in counters for w in thai_number_words(n)]
    thai += [text.RECALL, text.TRANSFERRED_FROM]
    if polite:
        thai.append(polite)
    if cfg is None or not cfg.display.english:
        return list(dict.fromkeys(thai))
    english = [text.EN_NUMBER, *letters, *EN_ONES[:10], text.EN_GO_TO_COUNTER]
    english += [w for n in counters for w in english_number_words(n)]
    english += [text.EN_RECALL, text.EN_TRANSFERRED_FROM]
    return list(dict.fromkeys(thai + english))


@dataclass(frozen=True, slots=True)
class PackCheck:
    """What ``khiw voice check`` reports: the pack, the phrases it lacks, load notes."""

    pack: VoicePack
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def thai_complete(self) -> bool:
        """Every Thai phrase is there: each call can be said whole in Thai (English phrases,
        all ASCII, only add the English sentence)."""
        return all(p.isascii() for p in self.missing)

    def lines(self) -> list[str]:
        """The report, one line each (English, for the CLI)."""
        out = [self.pack.label, *(f"note: {n}" for n in self.pack.notes)]
        if self.missing:
            out.append(f"missing {len(self.missing)} phrase(s): " + ", ".join(self.missing))
            if self.thai_complete:
                out.append("every Thai call can be said; the English sentence is left out until these are recorded")
            else:
                out.append("calls that need a missing phrase are announced with the fallback voice (or the chime), never half-said")
        else:
            out.append("complete: every phrase this office's calls need is recorded")
        return out


def check_pack(pack: VoicePack, cfg: KhiwConfig | None) -> PackCheck:
    """Compare ``pack`` with what ``cfg``'s calls need."""
    return PackCheck(pack, tuple(pack.missing(needed_phrases(cfg, polite=pack.manifest.polite))))


def pack_path(setting: str, config_path: Path | None) -> Path:
    """Where ``[display] voice_pack`` points: an absolute path as is, a relative one beside
    khiw.toml (or in the user data folder when there is no khiw.toml)."""
    path = Path(setting).expanduser()
    if path.is_absolute():
        return path
    base = config_path.resolve().parent if config_path is not None else Path(platformdirs.user_data_dir("khiw", appauthor=False))
    return base / path


def office_pack(cfg: KhiwConfig | None, config_path: Path | None, *, location: str | None = None) -> tuple[PackCheck | None, str]:
    """The office's pack (at ``location``, default ``[display] voice_pack``) checked against
    its configuration, or None and why not."""
    if location is None:
        location = (cfg.display if cfg is not None else DisplayConfig()).voice_pack
    path = pack_path(location, config_path)
    if not path.exists():
        return None, f"none at {path}"
    try:
        return check_pack(load_pack(path), cfg), ""
    except VoicePackError as err:
        return None, str(err)
