"""The pages: the citizen's ticket page with its live stream and survey, and the public page."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from khiw.db import Database
from khiw.engine import SurveyDimension
from khiw.engine.citizen import CitizenTicket, SurveyState, citizen_ticket, citizen_ticket_as_of
from khiw.engine.public import public_office
from khiw.published import published_results
from khiw.engine.survey import MAX_COMMENT, answer_survey
from khiw.errors import NotFound, SurveyAlreadyAnswered, SurveyClosed
from web.render import page
from web.security import CSRF_COOKIE, csrf_ok, new_csrf_token
from web.texts import SCALE, Texts, lang_of

router = APIRouter(include_in_schema=False)

TOKEN_MAX = 64  # tokens are 22 characters; anything much longer is not one
KEEPALIVE_SECONDS = 15.0  # a comment line now and then keeps proxies from closing the stream
REFRESH_SECONDS = 20  # the meta refresh of an open ticket page without JavaScript
RESULTS_SECONDS = 300.0  # the public results read a year of tickets: kept this long per process


def _db(request: Request) -> Database:
    return request.app.state.db


def _survey_days(request: Request) -> int:
    return request.app.state.settings.survey_days


def _ref(ticket_id: str, token: str | None) -> tuple[int, str]:
    """The ticket id and token of a request, or :class:`NotFound` (the same for any bad part)."""
    if not ticket_id.isdigit() or len(ticket_id) > 18 or not token or len(token) > TOKEN_MAX:
        raise NotFound("ticket", ticket_id[:20])
    return int(ticket_id), token


def ticket_url(ticket_id: int, token: str, lang: str, *, suffix: str = "") -> str:
    """The ticket page's address (relative), in ``lang``."""
    query = {"k": token, **({"lang": "en"} if lang == "en" else {})}
    return f"/t/{ticket_id}{suffix}?{urlencode(query)}"


def status_html(request: Request, view: CitizenTicket, lang: str) -> str:
    """The live part of the ticket page (sent again on every change)."""
    env = request.app.state.templates
    return env.get_template("_status.html").render(t=Texts(lang_of(lang)), lang=lang, v=view, url=ticket_url)


def _ticket_response(
    request: Request,
    view: CitizenTicket,
    token: str,
    lang: str,
    *,
    status_code: int = 200,
    error: str | None = None,
    chosen: dict[str, str] | None = None,
    comment: str = "",
) -> HTMLResponse:
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    response = page(
        request,
        "ticket.html",
        lang=lang,
        status_code=status_code,
        v=view,
        k=token,
        status=status_html(request, view, lang),
        live_url=ticket_url(view.id, token, lang, suffix="/live"),
        self_url=ticket_url(view.id, token, lang),
        other_lang_url=ticket_url(view.id, token, "th" if lang == "en" else "en"),
        refresh=REFRESH_SECONDS if view.status.is_open else None,
        csrf=csrf,
        dimensions=list(SurveyDimension),
        scale=SCALE,
        max_comment=MAX_COMMENT,
        error=error,
        chosen=chosen or {},
        comment=comment,
        SurveyState=SurveyState,
    )
    response.headers["cache-control"] = "no-store"
    if view.survey == SurveyState.OPEN:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/t/", max_age=3600, secure=request.url.scheme == "https")
    return response


@router.get("/t/{ticket_id}", response_class=HTMLResponse)
def ticket_page(request: Request, ticket_id: str, k: str | None = None) -> HTMLResponse:
    """What the ticket's QR code opens."""
    tid, token = _ref(ticket_id, k)
    view = _db(request).query(citizen_ticket, ticket_id=tid, token=token, survey_days=_survey_days(request))
    return _ticket_response(request, view, token, lang_of(request.query_params.get("lang")))


@router.get("/t/{ticket_id}/live")
async def ticket_live(request: Request, ticket_id: str, k: str | None = None) -> Response:
    """Server-Sent Events: the status block again whenever the ticket or its queue changes."""
    tid, token = _ref(ticket_id, k)
    db, days, hub = _db(request), _survey_days(request), request.app.state.hub
    view, head = await run_in_threadpool(db.query, citizen_ticket_as_of, ticket_id=tid, token=token, survey_days=days)
    lang = lang_of(request.query_params.get("lang"))

    async def events() -> AsyncIterator[str]:
        current: CitizenTicket | None = view
        sub = hub.subscribe(view, token, after=head) if view.status.is_open else None
        last = ""
        try:
            yield "retry: 3000\n\n"
            if sub is not None and sub.behind:  # the listener went past ``head`` before we subscribed
                current, sub.after = await run_in_threadpool(db.query, citizen_ticket_as_of, ticket_id=tid, token=token, survey_days=days)
            while current is not None:
                html = status_html(request, current, lang)
                if html != last:
                    last = html
                    yield "event: state\ndata: " + json.dumps({"status": current.status.value, "html": html}, ensure_ascii=False) + "\n\n"
                if sub is None or not current.status.is_open:
                    return
                try:
                    current = await asyncio.wait_for(sub.queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield f": {int(time.time())}\n\n"
        finally:
            if sub is not None:
                hub.unsubscribe(sub)

    return StreamingResponse(events(), media_type="text/event-stream", headers={"cache-control": "no-store", "x-accel-buffering": "no"})


@router.post("/t/{ticket_id}/survey")
async def survey_answer(request: Request, ticket_id: str) -> Response:
    """The survey form's answer: checked, rate-limited, then written by the engine."""
    form = await request.form()
    token = str(form.get("k") or "")
    tid, token = _ref(ticket_id, token)
    lang = lang_of(str(form.get("lang") or request.query_params.get("lang") or ""))
    db, days = _db(request), _survey_days(request)
    client = request.client.host if request.client else "?"

    def message(kind: str, status_code: int) -> HTMLResponse:
        response = page(request, "message.html", lang=lang, status_code=status_code, kind=kind, back=ticket_url(tid, token, lang))
        response.headers["cache-control"] = "no-store"
        return response

    if not request.app.state.answers.allow(client):
        return message("too_many", 429)
    if not csrf_ok(request.cookies.get(CSRF_COOKIE), str(form.get("csrf") or ""), request.headers.get("origin"), request.headers.get("host")):
        return message("survey_refused", 403)
    chosen = {dim.value: str(form.get(dim.value) or "") for dim in SurveyDimension}
    comment = str(form.get("comment") or "")
    if any(value not in {"1", "2", "3", "4", "5"} for value in chosen.values()) or len(comment.strip()) > MAX_COMMENT:
        view = await run_in_threadpool(db.query, citizen_ticket, ticket_id=tid, token=token, survey_days=days)
        return _ticket_response(request, view, token, lang, status_code=422, error="survey_missing", chosen=chosen, comment=comment[:MAX_COMMENT])
    answers = {dim: int(chosen[dim.value]) for dim in SurveyDimension}
    try:
        await run_in_threadpool(db.run, answer_survey, ticket_id=tid, token=token, answers=answers, comment=comment, survey_days=days)
    except SurveyAlreadyAnswered:
        return message("already", 409)
    except SurveyClosed:
        return message("survey_closed", 409)
    return RedirectResponse(ticket_url(tid, token, lang) + "#survey", status_code=303)


@router.get("/", response_class=HTMLResponse)
def public_page(request: Request) -> HTMLResponse:
    """The office's public page: services with their standards, live queues, latest results."""
    db, office = _db(request), request.app.state.office
    info = db.query(public_office, office=office)
    cache: dict[str, tuple[float, object]] = request.app.state.results_cache
    cached = cache.get("results")
    if cached is None or time.monotonic() - cached[0] > RESULTS_SECONDS:
        cached = (time.monotonic(), db.query(published_results, office=office))
        cache["results"] = cached
    lang = lang_of(request.query_params.get("lang"))
    response = page(
        request,
        "public.html",
        lang=lang,
        o=info,
        results=cached[1],
        service_names={s.code: (s.name_th, s.name_en) for s in info.services},
        dimensions=list(SurveyDimension),
        other_lang_url="/" if lang == "en" else "/?lang=en",
    )
    response.headers["cache-control"] = "no-cache"
    return response
