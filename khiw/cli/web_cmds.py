"""``khiw web``: the citizen's ticket page, the survey, the public page and ``/api/v1/``.

Imported only when run, like the Qt stations: FastAPI and uvicorn load with it.
"""

from __future__ import annotations

import argparse

from khiw.cli import launchers
from khiw.cli.context import Context


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("web", parents=[common], help="the web station: ticket pages, survey, public page, JSON API")
    p.add_argument("--host", metavar="H", help="address to listen on (default: [web] host, 127.0.0.1)")
    p.add_argument("--port", type=int, metavar="P", help="port (default: [web] port, 8080)")
    p.add_argument("--workers", type=int, metavar="N", help="uvicorn worker processes (default: [web] workers, 1)")
    p.set_defaults(func=_web)


def _web(ctx: Context, args: argparse.Namespace) -> int:
    from khiw.config import WebConfig

    settings = ctx.config.web if ctx.config else WebConfig()
    db = ctx.database()  # fails here, with one line, if the database is not ready
    db.dispose()
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Khiw web: http://{host}:{port}/  (tickets' QR codes point at {settings.base_url})", flush=True)
    launchers.web(ctx, host=host, port=port, workers=args.workers or settings.workers)
    return 0
