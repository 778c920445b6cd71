"""Before Qt starts: name the Debian packages it lacks, instead of Qt's obscure abort.

Qt aborts the whole process ("could not load the Qt platform plugin xcb") when a system
library of its platform plugin is missing; by then no Python code can explain anything. So
the launchers ask ``ldd`` first which libraries the plugin (and Qt's GUI library) cannot find.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import PySide6

# Library file → the Debian package that ships it.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def platform() -> str:
    """The Qt platform plugin that will be used (xcb on a Linux desktop)."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return chosen
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def missing_libraries() -> list[str]:
    """Library files Qt will need here but the system does not have (empty off Linux)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "lib" / "libQt6Gui.so.6"]
    plugin = qt / "plugins" / "platforms" / f"libq{platform()}.so"
    if plugin.exists():
        files.append(plugin)
    missing: list[str] = []
    for file in files:
        if not file.exists():
            continue
        out = subprocess.run([ldd, str(file)], capture_output=True, text=True, check=False).stdout
        for name in re.findall(r"^\s*(\S+) => not found", out, flags=re.MULTILINE):
            if name not in missing:
                missing.append(name)
    return missing


def problem() -> str | None:
    """One message naming what to install (or that there is no screen), or None when Qt can start."""
    plugin = platform()
    if plugin == "xcb" and not os.environ.get("DISPLAY"):
        return "no screen to show the station on ($DISPLAY is not set): start it from the PC's desktop session"
    return describe(missing_libraries(), plugin)


def describe(missing: list[str], plugin: str) -> str | None:
    """The message for ``missing`` library files: which Debian packages to install."""
    if not missing:
        return None
    packages = sorted({PACKAGES.get(name, "") for name in missing} - {""})
    unknown = [name for name in missing if name not in PACKAGES]
    text = f"Qt ({plugin}) cannot start: missing {', '.join(missing)}."
    if packages:
        text += f" Install them with: sudo apt-get install {' '.join(packages)}"
    if unknown:
        text += f" (find the package for {', '.join(unknown)} with: apt-file search <name>)"
    return text
