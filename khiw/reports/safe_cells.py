"""Text cells that a spreadsheet cannot run: the OWASP rule against formula injection.

A reason typed at a counter (``=HYPERLINK("http://evil.example/x","click")``) must reach the
supervisor's workbook as the text it was, not as a live formula. Every text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which
Excel and LibreOffice show as text; the workbook also stores it as a string cell.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
