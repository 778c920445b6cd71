"""The satisfaction survey on the ticket page: once, after service, from our own page only."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from khiw.clock import utcnow
from khiw.engine import call_next, no_show
from khiw.engine.lookup import office as the_office
from khiw.models import Event, EventKind, SurveyResponse
from khiw.published import survey_answers
from tests.web.conftest import Site, make_client

ALL_FIVES = {"process": "5", "staff": "5", "facilities": "4", "outcome": "5"}


def form_of(site: Site, slip) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The hidden fields of the survey form as the page rendered them (the client keeps the cookie)."""
    html = site.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token}).text
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def answer(site: Site, slip, **fields: str):  # type: ignore[no-untyped-def]
    data = {**form_of(site, slip), **ALL_FIVES, **fields}
    return site.client.post(f"/t/{slip.ticket.id}/survey", data=data, follow_redirects=False)


class TestAnswering:
    def test_the_survey_appears_once_the_ticket_is_finished(self, site: Site) -> None:
        waiting = site.issue("REG")
        assert "แบบประเมินความพึงพอใจ" not in site.page(waiting)
        text = site.page(site.serve())
        assert "แบบประเมินความพึงพอใจ" in text
        for name in ("ด้านกระบวนการ/ขั้นตอนการให้บริการ", "ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ", "ด้านสิ่งอำนวยความสะดวก", "ด้านผลของการให้บริการ"):
            assert name in text
        assert text.count("มากที่สุด") == 4 and text.count("น้อยที่สุด") == 4

    def test_an_answer_is_stored_with_its_event_and_thanked(self, site: Site) -> None:
        slip = site.serve()
        response = answer(site, slip, comment="  เจ้าหน้าที่ใจดี  ")
        assert response.status_code == 303
        assert response.headers["location"] == f"/t/{slip.ticket.id}?k={slip.ticket.token}#survey"
        assert "ขอบคุณสำหรับการประเมิน" in site.page(slip)
        with site.db.read() as s:
            row = s.get(SurveyResponse, slip.ticket.id)
            event = s.execute(select(Event).where(Event.kind == EventKind.SURVEY_ANSWERED)).scalar_one()
        assert row is not None and (row.process, row.staff, row.facilities, row.outcome, row.score) == (5, 5, 4, 5, 5)
        assert row.comment == "เจ้าหน้าที่ใจดี"
        assert event.ticket_id == slip.ticket.id and event.data["facilities"] == 4

    def test_the_answer_is_counted_by_the_satisfaction_reader(self, site: Site) -> None:
        slip = site.serve()
        answer(site, slip)
        with site.db.read() as s:
            answers = survey_answers(s, the_office(s), utcnow() - timedelta(days=1), utcnow() + timedelta(days=1))
        assert [a.ticket_id for a in answers] == [slip.ticket.id] and answers[0].counter_number == 1

    def test_a_second_answer_is_refused_politely(self, site: Site) -> None:
        slip = site.serve()
        form = {**form_of(site, slip), **ALL_FIVES}
        url = f"/t/{slip.ticket.id}/survey"
        assert site.client.post(url, data=form, follow_redirects=False).status_code == 303
        again = site.client.post(url, data={**form, "process": "1"})  # the back button, or a double tap
        assert again.status_code == 409 and "ท่านได้ประเมินบัตรคิวนี้แล้ว" in again.text
        with site.db.read() as s:
            assert s.get(SurveyResponse, slip.ticket.id).process == 5  # type: ignore[union-attr]

    def test_a_missing_or_out_of_range_answer_is_asked_again_keeping_the_rest(self, site: Site) -> None:
        slip = site.serve()
        for bad in ({"staff": ""}, {"staff": "6"}, {"staff": "0"}, {"staff": "๕"}, {"staff": "5; drop"}):
            response = answer(site, slip, comment="ดี", **bad)
            assert response.status_code == 422
            assert "กรุณาเลือกคำตอบให้ครบทุกข้อ" in response.text
            assert 'name="process" value="5" required checked' in response.text and ">ดี</textarea>" in response.text
        with site.db.read() as s:
            assert s.get(SurveyResponse, slip.ticket.id) is None

    def test_an_english_page_is_answered_in_english(self, site: Site) -> None:
        slip = site.serve()
        data = {**form_of(site, slip), **ALL_FIVES, "lang": "en", "staff": ""}
        response = site.client.post(f"/t/{slip.ticket.id}/survey", data=data)
        assert response.status_code == 422 and "Please answer every question" in response.text
        done = site.client.post(f"/t/{slip.ticket.id}/survey", data={**data, "staff": "3"}, follow_redirects=False)
        assert done.headers["location"].endswith("&lang=en#survey")

    def test_a_comment_with_html_is_shown_as_text(self, site: Site) -> None:
        slip = site.serve()
        response = answer(site, slip, staff="", comment='<script>alert(1)</script><b>x</b>')
        assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text

    def test_a_too_long_comment_is_refused(self, site: Site) -> None:
        slip = site.serve()
        assert answer(site, slip, comment="ก" * 1001).status_code == 422


class TestWhoMayAnswer:
    def test_a_no_show_cannot_answer(self, site: Site) -> None:
        slip = site.issue()
        site.db.run(call_next, counter=1)
        site.db.run(no_show, ticket=slip.ticket.id)
        form = form_of(site, site.issue("REG"))  # a page with a cookie; this ticket has no form
        response = site.client.post(f"/t/{slip.ticket.id}/survey", data={"k": slip.ticket.token, "csrf": form.get("csrf", ""), **ALL_FIVES})
        assert response.status_code in (403, 409)
        with site.db.read() as s:
            assert s.get(SurveyResponse, slip.ticket.id) is None

    def test_a_waiting_ticket_cannot_answer_even_with_a_valid_form(self, site: Site) -> None:
        done, waiting = site.serve(), site.issue()
        form = form_of(site, done)
        response = site.client.post(f"/t/{waiting.ticket.id}/survey", data={**form, "k": waiting.ticket.token, **ALL_FIVES})
        assert response.status_code == 409 and "แบบประเมินของบัตรคิวนี้ปิดแล้ว" in response.text

    def test_the_survey_closes_after_the_configured_days(self, office) -> None:  # type: ignore[no-untyped-def]
        from khiw.engine import finish, start
        from khiw.engine.tickets import issue_slip

        slip = office.run(issue_slip, service="TAX")
        office.run(call_next, counter=1)
        office.run(start, ticket=slip.ticket.id)
        office.run(finish, ticket=slip.ticket.id, now=utcnow() - timedelta(days=3, minutes=1))
        with make_client(office, survey_days=3) as client:
            site = Site(office, client)
            assert "แบบประเมินของบัตรคิวนี้ปิดแล้ว" in site.page(slip)
            client.cookies.set("khiw_csrf", "a")
            response = client.post(f"/t/{slip.ticket.id}/survey", data={"k": slip.ticket.token, "csrf": "a", **ALL_FIVES})
            assert response.status_code == 409
        with make_client(office, survey_days=4) as client:
            assert "ส่งแบบประเมิน" in Site(office, client).page(slip)

    def test_a_wrong_token_is_not_found(self, site: Site) -> None:
        slip = site.serve()
        form = form_of(site, slip)
        response = site.client.post(f"/t/{slip.ticket.id}/survey", data={**form, "k": "guess", **ALL_FIVES})
        assert response.status_code == 404 and "ไม่พบบัตรคิว" in response.text


class TestCrossSiteAndAbuse:
    def test_a_post_without_the_form_cookie_is_refused(self, site: Site) -> None:
        slip = site.serve()
        form = form_of(site, slip)
        site.client.cookies.clear()
        response = site.client.post(f"/t/{slip.ticket.id}/survey", data={**form, **ALL_FIVES})
        assert response.status_code == 403
        with site.db.read() as s:
            assert s.get(SurveyResponse, slip.ticket.id) is None

    def test_a_post_from_another_site_is_refused(self, site: Site) -> None:
        slip = site.serve()
        form = form_of(site, slip)
        response = site.client.post(f"/t/{slip.ticket.id}/survey", data={**form, **ALL_FIVES}, headers={"origin": "https://evil.example"})
        assert response.status_code == 403

    def test_a_mismatched_form_token_is_refused(self, site: Site) -> None:
        slip = site.serve()
        form = form_of(site, slip)
        assert site.client.post(f"/t/{slip.ticket.id}/survey", data={**form, "csrf": "other", **ALL_FIVES}).status_code == 403

    def test_answers_are_rate_limited_per_client(self, office) -> None:  # type: ignore[no-untyped-def]
        with make_client(office, answers_per_minute=3) as client:
            site = Site(office, client)
            slip = site.serve()
            codes = [answer(site, slip, staff="").status_code for _ in range(4)]
        assert codes == [422, 422, 422, 429]

    def test_a_large_body_is_refused_before_it_is_read(self, site: Site) -> None:
        slip = site.serve()
        response = site.client.post(f"/t/{slip.ticket.id}/survey", content=b"k=" + b"x" * 20000, headers={"content-type": "application/x-www-form-urlencoded"})
        assert response.status_code == 413

    def test_a_chunked_large_body_is_refused_too(self, site: Site) -> None:
        slip = site.serve()

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(40):
                yield b"x" * 1000

        response = site.client.post(f"/t/{slip.ticket.id}/survey", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
        assert response.status_code == 413
