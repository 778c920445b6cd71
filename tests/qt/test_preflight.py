"""Before Qt starts: a missing system library is named with its Debian package."""

from __future__ import annotations

import pytest

from khiw.qt import preflight


def test_missing_libraries_are_named_with_the_packages_to_install() -> None:
    message = preflight.describe(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"], "xcb")
    assert message == (
        "Qt (xcb) cannot start: missing libxcb-icccm.so.4, libxcb-keysyms.so.1."
        " Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )


def test_an_unknown_library_is_still_named() -> None:
    message = preflight.describe(["libfancy.so.9"], "xcb") or ""
    assert "missing libfancy.so.9" in message and "apt-file search" in message


def test_nothing_missing_means_no_message() -> None:
    assert preflight.describe([], "xcb") is None


@pytest.mark.parametrize("plugin", ["offscreen", "xcb"])
def test_this_machine_has_what_qt_needs(plugin: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # scripts/setup.sh installs scripts/debian-packages.txt, which must cover Qt's plugins.
    monkeypatch.setenv("QT_QPA_PLATFORM", plugin)
    assert preflight.missing_libraries() == []


def test_no_display_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert "$DISPLAY is not set" in (preflight.problem() or "")
