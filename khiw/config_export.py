"""The office's settings written as a ``khiw.toml`` that ``khiw init`` accepts.

Only the office-wide sections are written (with ``[web] base_url``, which the ticket's QR
address must lie under); the device sections (``[printer]``, ``[kiosk]``, ``[display]``, the
rest of ``[web]``) stay in each PC's own file. Values equal to their defaults are left out, so
the file reads like one a person wrote, and reading it back gives the same settings.
"""

from __future__ import annotations

from datetime import time
from typing import Any

import tomli_w

from khiw.config import KhiwConfig

HEADER = """\
# khiw.toml: the office's settings as the database held them ({when}), written by `khiw config export`.
# Apply with `khiw init --config FILE` (it shows the differences first). Device sections
# ([printer], [kiosk], [display], and [web] beyond base_url) belong to each PC's own file.

"""


def settings_toml(cfg: KhiwConfig, *, when: str) -> str:
    """``cfg``'s office-wide sections as TOML; ``when`` is said in the header."""
    body: dict[str, Any] = {
        "office": _plain(cfg.office.model_dump(exclude_defaults=True)),
        "policy": _plain(cfg.policy.model_dump(exclude_defaults=True)),
        "ticket": _plain(cfg.ticket.model_dump(exclude_defaults=True, exclude={"qr_url"})),
        "web": {"base_url": cfg.web.base_url},
        "services": [_plain(s.model_dump(exclude_defaults=True)) for s in cfg.services],
        "counters": [_plain(c.model_dump(exclude_defaults=True)) for c in cfg.counters],
        "staff": [_plain(s.model_dump(exclude_defaults=True, exclude={"pin"})) for s in cfg.staff],
    }
    return HEADER.format(when=when) + tomli_w.dumps({k: v for k, v in body.items() if v != {}})


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Times as ``"08:30"`` (as people write them in khiw.toml), enums as their values."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, time):
            value = value.strftime("%H:%M") if not value.second else value.isoformat()
        elif isinstance(value, list):
            value = [str(v) if hasattr(v, "value") else v for v in value]
        elif hasattr(value, "value"):
            value = str(value)
        out[key] = value
    return out
