"""A citizen's phone, for real: Debian's chromium at 360×740 driven by pytest-playwright.

The QR code of a rendered ticket is decoded (zxing-cpp) and opened against a running web
station; the counter's calls, made through the engine, change the open page without a
reload; the survey is answered and counted by the report; a second answer is refused; a
wrong token is not found; and all of it still works with JavaScript switched off.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from playwright.sync_api import Browser, Page, expect

from khiw.cli.main import main
from khiw.config import KhiwConfig
from khiw.db import Database
from khiw.engine import call_next, finish, start
from khiw.engine.setup import apply_config
from khiw.engine.tickets import TicketSlip, issue_slip
from khiw.ticket import render_ticket
from tests.fixtures import MORNING, office_config
from tests.web.conftest import PHONE
from web.background import BackgroundServer

pytestmark = pytest.mark.slow


def pointed_at(cfg: KhiwConfig, base_url: str) -> KhiwConfig:
    """The example office with its QR codes leading to ``base_url``."""
    web = cfg.web.model_copy(update={"base_url": base_url})
    return cfg.model_copy(update={"web": web, "ticket": cfg.ticket.model_copy(update={"qr_url": web.ticket_url})})


@pytest.fixture
def station(office: Database) -> Iterator[BackgroundServer]:
    cfg = office_config()
    server = BackgroundServer(office, cfg.web)
    office.run(apply_config, pointed_at(cfg, server.url), now=MORNING)
    server.start()
    yield server
    server.stop()


def scanned(slip: TicketSlip) -> str:
    """What a phone's camera reads from the printed ticket."""
    codes = zxingcpp.read_barcodes(render_ticket(slip, width=576).convert("L"))
    assert len(codes) == 1
    return codes[0].text


def serve_three(db: Database) -> list[TicketSlip]:
    return [db.run(issue_slip, service="TAX") for _ in range(3)]


def test_from_the_qr_code_to_a_counted_answer(office: Database, station: BackgroundServer, page: Page, browser: Browser, tmp_path: Path) -> None:
    first, second, third = serve_three(office)
    url = scanned(third)
    assert url.startswith(station.url + f"/t/{third.ticket.id}?k=")
    page.goto(url)
    live = page.locator("#live")
    expect(live).to_contain_text("รออีก 2 คิว")
    page.evaluate("window.notReloaded = true")

    office.run(call_next, counter=1)
    expect(live).to_contain_text("รออีก 1 คิว")
    office.run(call_next, counter=4)
    expect(live).to_contain_text("ท่านเป็นคิวถัดไป")
    office.run(start, ticket=first.ticket.id)
    office.run(finish, ticket=first.ticket.id)
    office.run(call_next, counter=1)
    expect(live).to_contain_text("ถึงคิวของท่านแล้ว")
    expect(live).to_contain_text("เชิญที่ช่องบริการ 1")
    assert page.evaluate("window.notReloaded") is True  # changed by the event stream, not a reload

    office.run(start, ticket=third.ticket.id)
    expect(live).to_contain_text("กำลังให้บริการที่ช่องบริการ 1")
    office.run(finish, ticket=third.ticket.id)
    expect(page.locator("#survey")).to_contain_text("แบบประเมินความพึงพอใจ")
    other_tab = browser.new_page(viewport=PHONE)
    other_tab.goto(url)  # the same survey open twice: the second answer must be refused

    for name in ("process", "staff", "facilities", "outcome"):
        page.locator(f"input[name={name}][value='5'] + span").click()
    page.fill("textarea[name=comment]", "<b>บริการดี</b>")
    page.click("button.send")
    expect(page.locator(".thanks")).to_contain_text("ขอบคุณสำหรับการประเมิน")

    report = tmp_path / "report.json"
    day = third.issued_local.date().isoformat()
    assert main(["--db", office.url.render_as_string(hide_password=False), "report", "--period", day, "--format", "json", "--out", str(report)]) == 0
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert figures["satisfaction"]["respondents"] == 1

    for name in ("process", "staff", "facilities", "outcome"):
        other_tab.locator(f"input[name={name}][value='1'] + span").click()
    other_tab.click("button.send")
    expect(other_tab.locator("h1")).to_contain_text("ท่านได้ประเมินบัตรคิวนี้แล้ว")
    other_tab.close()

    page.goto(url.replace("k=", "k=x"))
    expect(page.locator("h1")).to_have_text("ไม่พบบัตรคิว")


def test_with_javascript_off_the_page_still_works(office: Database, station: BackgroundServer, browser: Browser) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="th-TH")
    page = context.new_page()
    first, _, third = serve_three(office)
    page.goto(scanned(third))
    expect(page.locator("#live")).to_contain_text("รออีก 2 คิว")
    assert page.locator("noscript").count() >= 1  # the page refreshes itself every 20 s
    office.run(call_next, counter=1)
    office.run(call_next, counter=4)
    office.run(start, ticket=first.ticket.id)
    office.run(finish, ticket=first.ticket.id)
    office.run(call_next, counter=1)
    page.reload()  # what the meta refresh does
    expect(page.locator("#live")).to_contain_text("เชิญที่ช่องบริการ 1")
    office.run(start, ticket=third.ticket.id)
    office.run(finish, ticket=third.ticket.id)
    page.reload()
    for name in ("process", "staff", "facilities", "outcome"):
        page.locator(f"input[name={name}][value='4'] + span").click()
    page.click("button.send")
    expect(page.locator(".thanks")).to_be_visible()
    context.close()
