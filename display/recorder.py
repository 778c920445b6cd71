"""``khiw voice record``: a staff member records the office's voice pack, phrase by phrase.

The window shows each phrase the office's calls need in large Thai, records it, trims the
silence around it, lets the speaker listen and redo, and writes the pack where the board
looks for it. An existing pack is loaded first, so recording only the missing phrases (a new
counter, a new service letter) is a few minutes' work.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khiw.config import KhiwConfig
from khiw.errors import KhiwError
from khiw.qt.fonts import install_sarabun, sarabun_font
from khiw.speech.capture import Microphone, MicrophoneError, SoundDeviceMicrophone, WavFileMicrophone
from khiw.speech.output import AudioOutput, system_output
from khiw.speech.pcm import Pcm
from khiw.speech.phrases import needed_phrases, pack_path
from khiw.speech.numbers import DIGITS
from khiw.speech.text import LETTERS, POLITE
from khiw.speech.voicepack import Manifest, VoicePack, VoicePackError, load_pack, trimmed, write_pack

log = logging.getLogger(__name__)

MIN_SECONDS = 0.15  # a take shorter than this after trimming heard nothing
DEFAULT_LICENCE = "ใช้ภายในสำนักงานเท่านั้น (office use only)"


# What a phrase is for, where the word alone does not say it (a letter's Thai name, a digit).
HINTS = {
    **{name: f"ชื่อตัวอักษร {letter} บนบัตรคิว" for letter, name in LETTERS.items()},
    **{word: f"ตัวเลข {digit} (อ่านทีละตัวในหมายเลขคิว)" for digit, word in enumerate(DIGITS)},
}


class RecordingUnavailable(KhiwError):
    """No microphone and no stand-in WAV file: nothing to record from."""

    exit_code = 2


class RecorderWindow(QWidget):
    """One phrase at a time: อัดเสียง (record) → หยุด (stop) → ฟัง (listen) / อัดใหม่ → ถัดไป.

    Signals:
        saved(Path): the pack was written to this folder.
    """

    saved = Signal(object)

    def __init__(
        self,
        phrases: list[str],
        folder: Path,
        *,
        microphone: Microphone,
        output: AudioOutput,
        office_name: str = "",
        existing: VoicePack | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Khiw — อัดเสียงประกาศเรียกคิว")
        self.folder = folder
        self.microphone = microphone
        self.output = output
        self.office_name = office_name
        self.base = [p for p in phrases if p not in POLITE]
        self.clips: dict[str, Pcm] = dict(existing.clips) if existing else {}
        self.index = 0
        self.recording = False

        self.progress = self._label(30)
        self.phrase = self._label(120, QFont.Weight.Bold)
        self.phrase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = self._label(30)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = self._label(28)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.record_button = self._button("อัดเสียง", self.toggle_record)
        self.listen_button = self._button("ฟัง", self.listen)
        self.back_button = self._button("ก่อนหน้า", lambda: self.go(self.index - 1))
        self.next_button = self._button("ถัดไป", lambda: self.go(self.index + 1))
        self.save_button = self._button("บันทึกชุดเสียง", self.save)
        self.speaker = QLineEdit(existing.manifest.speaker if existing else "")
        self.licence = QLineEdit(existing.manifest.licence if existing else DEFAULT_LICENCE)
        self.polite = QComboBox()
        self.polite.addItems(list(POLITE))
        if existing and existing.manifest.polite in POLITE:
            self.polite.setCurrentText(existing.manifest.polite)
        self.polite.currentTextChanged.connect(lambda _: self.go(self.index))

        form = QFormLayout()
        form.addRow("ชื่อผู้พูด", self.speaker)
        form.addRow("คำลงท้าย", self.polite)
        form.addRow("สัญญาอนุญาต", self.licence)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.record_button, self.listen_button, self.next_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.phrase, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.save_button)
        self.setFont(sarabun_font(22))
        self.go(0)

    @property
    def phrases(self) -> list[str]:
        """Every phrase to record, ending with the speaker's own polite word."""
        return [*self.base, self.polite.currentText()]

    @property
    def current(self) -> str:
        return self.phrases[self.index]

    def missing(self) -> list[str]:
        return [p for p in self.phrases if p not in self.clips]

    def go(self, index: int) -> None:
        """Show phrase ``index`` (clamped to the list)."""
        self.index = max(0, min(index, len(self.phrases) - 1))
        self.phrase.setText(self.current)
        self.hint.setText(HINTS.get(self.current, ""))
        self.progress.setText(f"วลีที่ {self.index + 1} จาก {len(self.phrases)}   ·   อัดแล้ว {len(self.phrases) - len(self.missing())} วลี")
        clip = self.clips.get(self.current)
        self.status.setText(f"อัดแล้ว {clip.seconds:.1f} วินาที: กด ฟัง หรือ อัดใหม่" if clip else "กด อัดเสียง แล้วพูดคำนี้ให้ชัด แล้วกด หยุด")
        self.record_button.setText("อัดใหม่" if clip else "อัดเสียง")
        self.listen_button.setEnabled(clip is not None)
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.phrases) - 1)

    def toggle_record(self) -> None:
        """Start a take, or end it: trim the silence and keep it if anything was said."""
        if not self.recording:
            self.microphone.start()
            self.recording = True
            self.record_button.setText("หยุด")
            self.status.setText("กำลังอัดเสียง… พูดว่า “" + self.current + "” แล้วกด หยุด")
            return
        self.recording = False
        take = trimmed(self.microphone.stop())
        if take.seconds < MIN_SECONDS:
            self.go(self.index)
            self.status.setText("ไม่ได้ยินเสียง กรุณาอัดใหม่ใกล้ไมโครโฟนอีกครั้ง")
            return
        self.clips[self.current] = take
        self.go(self.index)

    def listen(self) -> None:
        """Play the current phrase's take (off the GUI thread: the player blocks)."""
        clip = self.clips.get(self.current)
        if clip is not None:
            threading.Thread(target=self.output.play, args=(clip,), daemon=True).start()

    def save(self) -> Path:
        """Write the pack (every phrase recorded so far) where the board reads it."""
        recorded = {p: self.clips[p] for p in self.phrases if p in self.clips}
        rate = max((c.rate for c in recorded.values()), default=22050)
        manifest = Manifest(
            name=self.office_name,
            speaker=self.speaker.text().strip(),
            licence=self.licence.text().strip() or DEFAULT_LICENCE,
            sample_rate=rate,
            polite=self.polite.currentText(),
            clips=[],
        )
        write_pack(self.folder, manifest, recorded)
        missing = self.missing()
        self.status.setText(f"บันทึกแล้วที่ {self.folder}" + (f" · ยังขาด {len(missing)} วลี" if missing else " · ครบทุกวลี"))
        self.saved.emit(self.folder)
        return self.folder

    def _label(self, px: int, weight: QFont.Weight = QFont.Weight.Normal) -> QLabel:
        label = QLabel()
        label.setFont(sarabun_font(px, weight))
        label.setWordWrap(True)
        return label

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(64)
        button.setFont(sarabun_font(26, QFont.Weight.Bold))
        button.clicked.connect(slot)
        return button


def run(cfg: KhiwConfig | None, config_path: Path | None, *, into: str | None, from_wav: str | None) -> int:
    """Open the recorder on the office's configuration (``into``: another pack folder;
    ``from_wav``: a recording instead of the microphone); returns the Qt exit code."""
    if cfg is None:
        raise RecordingUnavailable("khiw voice record needs the office's khiw.toml (--config) to know which phrases to record")
    folder = Path(into) if into else pack_path(cfg.display.voice_pack, config_path)
    try:
        microphone: Microphone = WavFileMicrophone(Path(from_wav)) if from_wav else SoundDeviceMicrophone()
    except MicrophoneError as err:
        raise RecordingUnavailable(str(err)) from None
    existing = None
    if folder.exists():
        try:
            existing = load_pack(folder)
        except VoicePackError as err:
            log.warning("starting a new pack: %s", err)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_sarabun()
    window = RecorderWindow(needed_phrases(cfg), folder, microphone=microphone, output=system_output(), office_name=cfg.office.name_th, existing=existing)
    window.resize(1100, 760)
    window.show()
    return int(app.exec())
