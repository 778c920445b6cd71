"""The public page, the JSON API, the headers every response carries, and a database that is down."""

from __future__ import annotations

import re

import pytest

from khiw.config import parse_config
from khiw.db import Database
from khiw.engine.setup import apply_config
from khiw.engine.survey import answer_survey
from khiw.models import SurveyDimension
from tests.fixtures import EXAMPLE, MORNING
from tests.web.conftest import Site, make_client, text_of


def answer_n(site: Site, n: int, score: int, service: str = "TAX") -> None:
    for _ in range(n):
        slip = site.serve(service)
        site.db.run(answer_survey, ticket_id=slip.ticket.id, token=slip.ticket.token, answers=dict.fromkeys(SurveyDimension, score), comment="ชื่อพนักงานสมชาย")


class TestPublicPage:
    def test_services_with_their_standard_time_and_live_queue(self, site: Site) -> None:
        site.issue("REG")
        site.issue("REG")
        text = text_of(site.client.get("/").text)
        assert "องค์การบริหารส่วนตำบลท่าสะอ้าน" in text and "งานทะเบียนราษฎร" in text
        assert "ระยะเวลาให้บริการ (มาตรฐาน) 15 นาที" in text and "รอคิวขณะนี้ 2 คน" in text
        assert "รับบัตรคิว" not in text  # the test office has no hours
        assert "ช่องบริการ 2" in text  # the counter that serves it

    def test_published_steps_fee_documents_and_unit_from_the_config(self, office: Database) -> None:
        text = EXAMPLE.read_text(encoding="utf-8").replace('documents_en = ["Thai ID card", "House registration copy"]\n', "")
        office.run(apply_config, parse_config(text), now=MORNING)  # the sample publishes these for every service
        with make_client(office) as client:
            th = text_of(client.get("/").text)
            en = text_of(client.get("/", params={"lang": "en"}).text)
        assert "ยื่นคำร้องพร้อมเอกสาร เจ้าหน้าที่ตรวจสอบเอกสาร" in th and "ไม่มีค่าธรรมเนียม" in th
        assert "สำเนาทะเบียนบ้าน" in th and "สำนักปลัด งานทะเบียนราษฎร · ช่องบริการ 2" in th
        assert "Hand in the request with your documents" in en and "Free" in en and "Office of the Permanent Secretary, civil registration" in en
        assert "บัตรประจำตัวประชาชน สำเนาทะเบียนบ้าน" in en  # REG's English list removed: the Thai one stands
        assert "ขออนุญาตก่อสร้างอาคาร" in th and "รับบัตรคิว 08:30–15:00 น." in th  # the sample's building permits close early

    def test_satisfaction_is_shown_only_for_five_answers_or_more_and_never_comments(self, site: Site) -> None:
        answer_n(site, 4, 5)
        text = text_of(site.client.get("/").text)
        assert "ผู้ตอบแบบประเมินยังไม่ถึง 5 ราย" in text and "ภาพรวม" not in text
        site.client.app.state.results_cache.clear()  # type: ignore[attr-defined]
        answer_n(site, 1, 4)
        text = text_of(site.client.get("/").text)
        assert "ผู้ตอบแบบประเมิน 5 ราย" in text
        assert "ภาพรวม 4.80 96.0 มากที่สุด" in text and "ชำระภาษีที่ดินและสิ่งปลูกสร้าง 4.80 มากที่สุด" in text
        site.client.app.state.results_cache.clear()  # type: ignore[attr-defined]
        assert "Land and building tax payment 4.80" in text_of(site.client.get("/", params={"lang": "en"}).text)
        assert "ชื่อพนักงานสมชาย" not in text and "สมชาย" not in text

    def test_service_use_summary(self, site: Site) -> None:
        site.serve()
        text = text_of(site.client.get("/").text)
        assert "ผู้รับบริการ 1 ราย" in text and "แล้วเสร็จภายในเวลามาตรฐาน 100.0%" in text


class TestApi:
    def test_queues_per_service(self, site: Site) -> None:
        site.issue("WEL")
        body = site.client.get("/api/v1/queues").json()
        assert body["office_code"] == "TSA"
        wel = next(s for s in body["services"] if s["service_code"] == "WEL")
        assert wel["waiting"] == 1 and wel["standard_minutes"] == 10 and wel["open"] is True

    def test_a_tickets_state_needs_its_token(self, site: Site) -> None:
        slip = site.issue()
        ok = site.client.get(f"/api/v1/tickets/{slip.ticket.id}", params={"k": slip.ticket.token})
        assert ok.json() | {"estimated_wait_minutes": 0} == {
            "id": slip.ticket.id, "code": "A001", "status": "waiting", "service_code": "TAX", "ahead": 0,
            "estimated_wait_minutes": 0, "counter": None, "next_ticket_id": None, "next_token": None, "survey": "not_yet",
        }
        for params in ({"k": "wrong"}, {}, {"k": "x" * 65}):
            assert site.client.get(f"/api/v1/tickets/{slip.ticket.id}", params=params).status_code in (404, 422)
        assert site.client.get("/api/v1/tickets/0", params={"k": "x"}).json() == {"detail": "not found"}
        assert site.client.get("/api/v1/tickets/abc", params={"k": "x"}).status_code == 422

    def test_nothing_can_be_changed_through_the_api(self, site: Site) -> None:
        slip = site.issue()
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert site.client.request(method, f"/api/v1/tickets/{slip.ticket.id}", params={"k": slip.ticket.token}).status_code == 405
            assert site.client.request(method, "/api/v1/queues").status_code == 405

    def test_the_openapi_document_describes_both_endpoints(self, site: Site) -> None:
        doc = site.client.get("/api/v1/openapi.json").json()
        assert set(doc["paths"]) == {"/api/v1/queues", "/api/v1/tickets/{ticket_id}"}


class TestHeadersAndFaults:
    @pytest.mark.parametrize("path", ["/", "/api/v1/queues", "/t/1?k=x", "/static/style.css"])
    def test_every_response_forbids_framing_and_inline_script(self, site: Site, path: str) -> None:
        headers = site.client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self';" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"

    def test_no_page_has_inline_script_or_style(self, site: Site) -> None:
        done = site.serve()
        for path in ("/", f"/t/{done.ticket.id}?k={done.ticket.token}", f"/t/{site.issue().ticket.id}?k=x"):
            html = site.client.get(path).text
            assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "style=" not in html and "<style" not in html

    def test_sarabun_is_served_by_the_station(self, site: Site) -> None:
        font = site.client.get("/fonts/sarabun-400.ttf")
        assert font.status_code == 200 and font.content[:4] == b"\x00\x01\x00\x00"
        assert site.client.get("/fonts/sarabun-300.ttf").status_code == 404

    def test_pages_are_small(self, site: Site) -> None:
        slip = site.issue()
        page = site.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token}).content
        css = site.client.get("/static/style.css").content
        js = site.client.get("/static/live.js").content
        assert len(page) + len(css) + len(js) < 12_000  # plus the two fonts, cached for a year

    def test_a_database_that_is_down_gives_a_plain_thai_503(self) -> None:
        down = Database("postgresql+psycopg://nobody@127.0.0.1:9/none")
        with make_client(down) as client:
            for path in ("/", "/t/1?k=abc"):
                response = client.get(path)
                assert response.status_code == 503 and "ระบบขัดข้องชั่วคราว" in response.text
                assert "Traceback" not in response.text and "psycopg" not in response.text
            api = client.get("/api/v1/queues")
            assert api.status_code == 503 and api.json() == {"detail": "temporarily unavailable, try again shortly"}
