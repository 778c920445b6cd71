"""The web station's application: ``create_app(db, settings)`` and ``khiw web``.

The app is built by a factory from a :class:`Database` and the ``[web]`` settings, with no
module-level state, so tests build as many as they like and uvicorn can run several worker
processes (each builds its own app and its own live-page listener from the environment).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from khiw import __version__
from khiw.config import WebConfig
from khiw.db import Database
from khiw.errors import DatabaseUnavailable, NotFound, SchemaOutdated
from khiw.fonts import sarabun
from web import api, pages
from web.live import LiveHub
from web.render import not_found, page, templates
from web.security import Hardening, RateLimit

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
FONT_WEIGHTS = (400, 700)
ENV_DB = "KHIW_WEB_DB_URL"
ENV_CONFIG = "KHIW_WEB_CONFIG"
ENV_OFFICE = "KHIW_WEB_OFFICE"
APPLICATION_NAME = "khiw-web"  # how the server's connections show in pg_stat_activity


def create_app(db: Database, settings: WebConfig, *, office: str | None = None, live: bool = True) -> FastAPI:
    """The web station for ``office`` (None: the database's only office) on ``db``.

    ``live``: start the process's change listener for live ticket pages (tests of single
    requests may leave it off; the pages then still refresh themselves).
    """
    hub = LiveHub(db, survey_days=settings.survey_days)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if live:
            hub.start(asyncio.get_running_loop())
        try:
            yield
        finally:
            hub.stop()

    app = FastAPI(
        title="Khiw web",
        version=__version__,
        description="Read-only queue data of the office (คิว): queues per service and a ticket's state (with its token).",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs inline script and a CDN; the OpenAPI document is enough
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.db = db
    app.state.settings = settings
    app.state.office = office
    app.state.hub = hub
    app.state.templates = templates()
    app.state.answers = RateLimit(settings.answers_per_minute)
    app.state.results_cache = {}

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/fonts/sarabun-{weight}.ttf", include_in_schema=False)
    def font(weight: int) -> Response:
        if weight not in FONT_WEIGHTS:
            return Response(status_code=404)
        return FileResponse(sarabun(weight), media_type="font/ttf", headers={"cache-control": "public, max-age=31536000, immutable"})

    app.include_router(pages.router)
    app.include_router(api.router, prefix="/api/v1")

    @app.exception_handler(DatabaseUnavailable)
    @app.exception_handler(SchemaOutdated)
    async def unavailable(request: Request, err: Exception) -> Response:
        log.warning("web: %s", err)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "temporarily unavailable, try again shortly"}, status_code=503, headers={"retry-after": "30"})
        return page(request, "message.html", status_code=503, kind="unavailable", headers={"retry-after": "30"})

    @app.exception_handler(NotFound)
    async def missing(request: Request, err: Exception) -> Response:
        return not_found(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code == 404:
            return not_found(request)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": err.detail}, status_code=err.status_code)
        return Response(str(err.detail), status_code=err.status_code, media_type="text/plain; charset=utf-8")

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "bad request"}, status_code=422)
        return not_found(request)

    app.add_middleware(Hardening, too_large="ข้อมูลที่ส่งมีขนาดใหญ่เกินไป / What was sent is too large".encode())
    return app


def from_environment() -> FastAPI:
    """The app as a uvicorn worker process builds it (``khiw web --workers N``)."""
    from khiw.config import load_config

    config_path = os.environ.get(ENV_CONFIG)
    settings = load_config(config_path).web if config_path else WebConfig()
    return create_app(Database(os.environ.get(ENV_DB), application_name=APPLICATION_NAME), settings, office=os.environ.get(ENV_OFFICE) or None)


def serve(db_url: str | None, settings: WebConfig, *, config_path: Path | None, office: str | None, host: str, port: int, workers: int) -> None:
    """Run uvicorn until interrupted. With several workers each process builds its own app."""
    import uvicorn

    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "timeout_graceful_shutdown": 2,
        "log_level": "warning",
    }
    if workers > 1:
        if db_url:
            os.environ[ENV_DB] = db_url
        if config_path:
            os.environ[ENV_CONFIG] = str(config_path)
        if office:
            os.environ[ENV_OFFICE] = office
        uvicorn.run("web.app:from_environment", factory=True, workers=workers, **common)
    else:
        uvicorn.run(create_app(Database(db_url, application_name=APPLICATION_NAME), settings, office=office), **common)
