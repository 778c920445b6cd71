"""Screenshots of the web station for docs/: a phone (360×740, Debian's chromium) showing the
ticket page in each state, the survey, and the office's public page; and the first page of
the standards chart (``khiw report standards``, through pdftoppm from poppler-utils).

Run: .venv/bin/python scripts/screenshots/web.py
A throw-away SQLite office with twelve simulated days (so the public page has results), and
today's tickets moved through the engine while the pages are open.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from khiw.clock import utcnow  # noqa: E402
from khiw.config import load_config  # noqa: E402
from khiw.engine import Priority, authenticate, call_next, cancel, finish, no_show, start, transfer  # noqa: E402
from khiw.engine.public import public_office  # noqa: E402
from khiw.engine.setup import apply_config  # noqa: E402
from khiw.engine.tickets import TicketSlip, issue_slip  # noqa: E402
from khiw.simulation import simulate  # noqa: E402
from khiw.standards import write_standards_pdf  # noqa: E402
from tests.fixtures import EXAMPLE, new_database  # noqa: E402
from web.background import BackgroundServer  # noqa: E402

DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


def shot(page: Page, url: str, name: str, *, survey: bool = False) -> None:
    page.goto(url)
    page.evaluate("document.fonts.ready")
    if survey:
        page.locator("#survey").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS / name))
    print(DOCS / name)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        db = new_database(f"sqlite:///{folder}/khiw.db")
        cfg = load_config(EXAMPLE)
        server = BackgroundServer(db, cfg.web)
        web = cfg.web.model_copy(update={"base_url": server.url})
        cfg = cfg.model_copy(update={"web": web, "ticket": cfg.ticket.model_copy(update={"qr_url": web.ticket_url})})
        db.run(apply_config, cfg)
        today = utcnow()
        simulate(db, days=12, start=(today - timedelta(days=14)).date(), seed=2570)
        # Today's queue, issued "this morning" so that it works at any hour.
        morning = today.replace(hour=3, minute=0, second=0, microsecond=0)

        def issue(service: str, minutes: int, priority: Priority = Priority.NONE) -> TicketSlip:
            return db.run(issue_slip, service=service, priority=priority, now=morning + timedelta(minutes=minutes))

        server.start()
        url = lambda slip: f"{server.url}/t/{slip.ticket.id}?k={slip.ticket.token}"  # noqa: E731
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM)
                page = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="th-TH").new_page()
                reg = [issue("REG", i) for i in range(3)]
                shot(page, url(reg[2]), "web-ticket-waiting.png")
                shot(page, url(reg[2]) + "&lang=en", "web-ticket-waiting-en.png")
                db.run(call_next, counter=2)
                called = reg[0]
                shot(page, url(called), "web-ticket-called.png")
                db.run(start, ticket=called.ticket.id)
                shot(page, url(called), "web-ticket-serving.png")
                db.run(finish, ticket=called.ticket.id)
                shot(page, url(called), "web-ticket-survey.png", survey=True)
                for name in ("process", "staff", "facilities", "outcome"):
                    page.locator(f"input[name={name}][value='5'] + span").click()
                page.locator("input[name=facilities][value='4'] + span").click()
                page.fill("textarea[name=comment]", "เจ้าหน้าที่ให้คำแนะนำดีมาก")
                page.click("button.send")
                page.wait_for_selector(".thanks")
                page.screenshot(path=str(DOCS / "web-ticket-answered.png"))
                print(DOCS / "web-ticket-answered.png")
                missed = reg[1]
                db.run(call_next, counter=2)
                db.run(no_show, ticket=missed.ticket.id)
                shot(page, url(missed), "web-ticket-no-show.png")
                moved = issue("INF", 5)
                db.run(call_next, counter=1)
                db.run(transfer, ticket=moved.ticket.id, service="WEL")
                shot(page, url(moved), "web-ticket-transferred.png")
                gone = issue("CMP", 6)
                boss = db.run(authenticate, username="wanida", pin="9999")
                db.run(cancel, ticket=gone.ticket.id, actor=boss.staff_id)
                shot(page, url(gone), "web-ticket-cancelled.png")
                shot(page, f"{server.url}/t/{gone.ticket.id}?k=wrong", "web-not-found.png")
                page.goto(server.url + "/")
                page.screenshot(path=str(DOCS / "web-public.png"))
                page.locator("h1").nth(1).evaluate("h => h.scrollIntoView()")
                page.screenshot(path=str(DOCS / "web-public-results.png"))
                print(DOCS / "web-public.png", DOCS / "web-public-results.png")
                browser.close()
            chart = Path(folder) / "standards.pdf"
            write_standards_pdf(db.query(public_office), chart)
            stem = Path(folder) / "standards"
            subprocess.run(["pdftoppm", "-r", "75", "-png", "-singlefile", "-f", "1", "-l", "1", str(chart), str(stem)], check=True)
            (DOCS / "standards-pdf.png").write_bytes(stem.with_suffix(".png").read_bytes())
            print(DOCS / "standards-pdf.png")
        finally:
            server.stop()
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
