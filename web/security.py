"""What keeps the public side safe: headers, request size, answer rate, cross-site posting.

Plain ASGI middleware (no per-request Python objects beyond the headers) so that the ticket
page stays cheap; nothing here needs state shared between worker processes except the rate
limit, which is per process (with N workers a client gets at most N times the limit).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 16 * 1024  # a survey answer is well under 2 KB; nothing else is posted

# No inline script or style anywhere (the pages load /static files), no framing, no
# referrer: the ticket page's address carries its token.
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
     b"connect-src 'self'; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Hardening:
    """Adds :data:`HEADERS` to every response and refuses request bodies over ``max_body``
    bytes (413) whether or not the client declared their length."""

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY, too_large: bytes = b"Request too large") -> None:
        self.app, self.max_body, self.too_large = app, max_body, too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send_with_headers)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except BodyTooLarge:
            await self._refuse(send_with_headers)

    async def _refuse(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": self.too_large})


class BodyTooLarge(Exception):
    """A chunked body grew past the limit while it was being read."""


class RateLimit:
    """At most ``per_minute`` events per client in any sliding minute (thread-safe)."""

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count one event of ``client``; False if it is over the limit (then not counted)."""
        now = self.clock()
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle clients so memory stays bounded
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
            recent = self._seen.setdefault(client, deque())
            while recent and recent[0] <= now - 60:
                recent.popleft()
            if len(recent) >= self.per_minute:
                return False
            recent.append(now)
            return True


CSRF_COOKIE = "khiw_csrf"


def new_csrf_token() -> str:
    """A fresh value for the survey form's double-submit cookie and hidden field."""
    return secrets.token_urlsafe(16)


def csrf_ok(cookie: str | None, field: str | None, origin: str | None, host: str | None) -> bool:
    """The form came from our own page: the hidden field equals the cookie (which another
    site can neither read nor set: SameSite=Strict), and an Origin the browser names is ours.

    ``Origin: null`` is what browsers send for our own form under ``Referrer-Policy:
    no-referrer`` (the ticket page's address carries its token), so it passes on the cookie.
    """
    if not cookie or not field or not hmac.compare_digest(cookie.encode(), field.encode()):
        return False
    if origin and origin != "null" and host:
        return origin.split("://", 1)[-1] == host
    return True
