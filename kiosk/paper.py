"""The demo's paper: shows the newest ticket a folder printer wrote, as if torn off the printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from khiw.qt.fonts import sarabun_font


class PaperTray(QWidget):
    """A window following a folder printer's folder; the newest PNG is shown, fit to size."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.setWindowTitle("Khiw — บัตรคิวที่พิมพ์ (สาธิต)")
        self.setStyleSheet("background: #37474F;")
        self.caption = QLabel("บัตรคิวที่พิมพ์ล่าสุด · Latest printed ticket")
        self.caption.setFont(sarabun_font(18))
        self.caption.setStyleSheet("color: white;")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paper = QLabel("ยังไม่มีบัตรคิว")
        self.paper.setFont(sarabun_font(20))
        self.paper.setStyleSheet("color: #CFD8DC;")
        self.paper.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.paper, 1)
        self._pixmap: QPixmap | None = None
        self.watcher = QFileSystemWatcher([str(folder)], self)
        self.watcher.directoryChanged.connect(self.show_latest)
        self.show_latest()

    def latest(self) -> Path | None:
        """The newest ticket image in the folder, if any."""
        # Complete tickets only: the folder printer renames each one into place when written.
        # Nanoseconds and then the name: two tickets within one coarse tick keep their order.
        images = sorted(self.folder.glob("*.png"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        return images[-1] if images else None

    def show_latest(self, *_: object) -> None:
        path = self.latest()
        if path is None:
            return
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            self._pixmap = pixmap
            self.caption.setText(f"บัตรคิวที่พิมพ์ล่าสุด · {path.name}")
            self._fit()

    def _fit(self) -> None:
        if self._pixmap is not None:
            size = self.paper.size()
            self.paper.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()
