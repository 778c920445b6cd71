"""Rendering the pages: one Jinja2 environment per app, Thai unless ``?lang=en``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from khiw import __version__
from web.texts import Texts, lang_of

TEMPLATES = Path(__file__).resolve().parent / "templates"


def templates() -> Environment:
    """Jinja2 with autoescaping on for every template: a comment holding HTML shows as text."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    return env


def page(
    request: Request, template: str, *, lang: str | None = None, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    """Render ``template`` in ``lang`` (default: the request's ``?lang=en``, else Thai)."""
    lang = lang_of(lang or request.query_params.get("lang"))
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(t=Texts(lang), lang=lang, request=request, **context)
    return HTMLResponse(html, status_code=status_code, headers=headers)


def not_found(request: Request) -> Response:
    """The one "not found": the same for a wrong token, a missing ticket and an unknown page."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": "not found"}, status_code=404)
    return page(request, "message.html", status_code=404, kind="not_found")
