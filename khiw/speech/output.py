"""Where announcement clips go: the sound card, a folder of WAV files, or nowhere.

On Linux the clip is handed to the desktop's own player (PipeWire, PulseAudio or ALSA,
whichever exists), so it mixes with other programs' sound. Where no such player exists
(Windows, macOS) it is played through PortAudio with ``sounddevice``, whose wheels carry
PortAudio there. One clip at a time; the call returns when it has been heard. A PC without a
sound card, or whose speaker is unplugged, makes playing fail; the board then logs one line,
stays silent, and tries the device again a minute later.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Protocol

import numpy as np

from khiw.speech.pcm import Pcm, to_wav

log = logging.getLogger(__name__)

# Tried in order: the desktop's sound server first (it mixes with other programs), bare ALSA last.
PLAYERS = (("pw-play",), ("paplay",), ("aplay", "-q"))


class AudioOutput(Protocol):
    """Plays one clip to the end; returns whether it was (as far as is known) heard."""

    def play(self, clip: Pcm) -> bool: ...


class SilentOutput:
    """Drops every clip (``voice = "none"``, or a test that only counts announcements)."""

    def play(self, clip: Pcm) -> bool:
        return False


class FileOutput:
    """Writes each clip to ``folder`` as ``announcement-0001.wav``, ``-0002`` …, in order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []

    def play(self, clip: Pcm) -> bool:
        path = self.folder / f"announcement-{len(self.written) + 1:04d}.wav"
        path.write_bytes(to_wav(clip))
        self.written.append(path)
        return True


class PlayerOutput:
    """Plays clips with an external player command; silent while the device is missing."""

    def __init__(self, command: tuple[str, ...], *, retry_seconds: float = 60.0) -> None:
        self.command = command
        self.retry_seconds = retry_seconds
        self._quiet_until = 0.0
        self._quiet = False

    @classmethod
    def find(cls) -> PlayerOutput | None:
        """The first player installed (``pw-play``, ``paplay``, ``aplay``), or None."""
        for command in PLAYERS:
            binary = shutil.which(command[0])
            if binary:
                return cls((binary, *command[1:]))
        return None

    def play(self, clip: Pcm) -> bool:
        if self._quiet and time.monotonic() < self._quiet_until:
            return False
        with tempfile.NamedTemporaryFile(prefix="khiw-", suffix=".wav") as file:
            file.write(to_wav(clip))
            file.flush()
            try:
                subprocess.run([*self.command, file.name], capture_output=True, timeout=clip.seconds + 10, check=True)
            except (OSError, subprocess.SubprocessError) as err:
                self._silence(err)
                return False
        if self._quiet:
            log.warning("audio output works again: announcements are heard")
            self._quiet = False
        return True

    def _silence(self, err: BaseException) -> None:
        detail = str(err)
        if isinstance(err, subprocess.CalledProcessError) and err.stderr:
            lines = err.stderr.decode(errors="replace").strip().splitlines()
            detail = lines[-1] if lines else detail
        if not self._quiet:
            log.warning("no audio output (%s): announcements are silent; retrying every %.0f s", detail, self.retry_seconds)
        self._quiet = True
        self._quiet_until = time.monotonic() + self.retry_seconds


class SoundDeviceOutput:
    """The default output device through PortAudio (``sounddevice``); silent while it fails."""

    def __init__(self, *, retry_seconds: float = 60.0) -> None:
        import sounddevice

        self._sd = sounddevice
        self.retry_seconds = retry_seconds
        self._quiet_until = 0.0
        self._quiet = False

    @classmethod
    def find(cls) -> SoundDeviceOutput | None:
        """PortAudio's output if ``sounddevice`` and the PortAudio library load, else None."""
        try:
            return cls()
        except (ImportError, OSError):
            return None

    def play(self, clip: Pcm) -> bool:
        if self._quiet and time.monotonic() < self._quiet_until:
            return False
        try:
            self._sd.play(np.frombuffer(clip.data, dtype="<i2"), clip.rate, blocking=True)
        except (self._sd.PortAudioError, ValueError) as err:
            if not self._quiet:
                log.warning("no audio output (%s): announcements are silent; retrying every %.0f s", err, self.retry_seconds)
            self._quiet = True
            self._quiet_until = time.monotonic() + self.retry_seconds
            return False
        if self._quiet:
            log.warning("audio output works again: announcements are heard")
            self._quiet = False
        return True


def system_output() -> AudioOutput:
    """The sound card through the first player found, else PortAudio; silent with a log line
    when there is neither."""
    output: AudioOutput | None = PlayerOutput.find() or SoundDeviceOutput.find()
    if output is None:
        log.warning("no audio player (pw-play, paplay or aplay) and no PortAudio: announcements are silent")
        return SilentOutput()
    return output


def describe_output(output: AudioOutput) -> str:
    """One line naming where clips go (for ``khiw display --check``)."""
    if isinstance(output, PlayerOutput):
        return f"the sound card through {Path(output.command[0]).name}"
    if isinstance(output, SoundDeviceOutput):
        return "the sound card through PortAudio (sounddevice)"
    if isinstance(output, FileOutput):
        return f"WAV files in {output.folder}"
    return "none: no audio player (pw-play, paplay or aplay) is installed"
