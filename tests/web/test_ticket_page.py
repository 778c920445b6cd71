"""The ticket page: what the QR code opens, in every state, and nothing for a wrong token."""

from __future__ import annotations

from khiw.engine import authenticate, call_next, cancel, close_day, no_show, start, transfer
from tests.web.conftest import Site, text_of


class TestStates:
    def test_waiting_shows_the_code_the_people_ahead_and_the_wait(self, site: Site) -> None:
        site.issue()
        site.issue()
        third = site.issue()
        text = site.page(third)
        assert "A003" in text and "ชำระภาษีที่ดินและสิ่งปลูกสร้าง" in text
        assert "รออีก 2 คิว" in text and f"เวลารอโดยประมาณ {third.estimated_wait_minutes} นาที" in text

    def test_the_first_in_line_is_told_they_are_next(self, site: Site) -> None:
        assert "ท่านเป็นคิวถัดไป" in site.page(site.issue())

    def test_english_on_request(self, site: Site) -> None:
        site.issue()
        text = site.page(site.issue(), lang="en")
        assert "1 ahead of you" in text and "Land and building tax payment" in text and "ภาษาไทย" in text

    def test_called_says_which_counter(self, site: Site) -> None:
        slip = site.issue()
        site.db.run(call_next, counter=1)
        assert "ถึงคิวของท่านแล้ว เชิญที่ช่องบริการ 1" in site.page(slip)

    def test_serving_and_finished(self, site: Site) -> None:
        slip = site.issue()
        site.db.run(call_next, counter=1)
        site.db.run(start, ticket=slip.ticket.id)
        assert "กำลังให้บริการที่ช่องบริการ 1" in site.page(slip)
        done = site.serve(counter=4)
        assert "ให้บริการเสร็จสิ้นแล้ว" in site.page(done)

    def test_no_show_says_what_to_do(self, site: Site) -> None:
        slip = site.issue()
        site.db.run(call_next, counter=1)
        site.db.run(no_show, ticket=slip.ticket.id)
        text = site.page(slip)
        assert "ท่านไม่มาแสดงตนเมื่อถูกเรียกคิว" in text and "กรุณาแจ้งเจ้าหน้าที่" in text
        assert "แบบประเมิน" not in text

    def test_transferred_leads_to_the_new_ticket(self, site: Site) -> None:
        slip = site.issue()
        site.db.run(call_next, counter=1)
        moved = site.db.run(transfer, ticket=slip.ticket.id, service="REG")
        response = site.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token})
        assert f"หมายเลขคิวใหม่ของท่าน {moved.new.code}" in text_of(response.text)
        assert f'href="/t/{moved.new.id}?k={moved.new.token}"' in response.text
        assert "งานทะเบียนราษฎร" in site.client.get(f"/t/{moved.new.id}", params={"k": moved.new.token}).text

    def test_cancelled_and_expired_say_to_take_a_new_ticket(self, site: Site) -> None:
        cancelled, expired = site.issue(), site.issue()
        boss = site.db.run(authenticate, username="wanida", pin="9999")
        site.db.run(cancel, ticket=cancelled.ticket.id, actor=boss.staff_id)
        site.db.run(close_day)
        assert "บัตรคิวนี้ถูกยกเลิกแล้ว" in site.page(cancelled)
        text = site.page(expired)
        assert "บัตรคิวนี้หมดอายุแล้ว" in text and "กดรับบัตรคิวใหม่" in text

    def test_an_open_ticket_refreshes_itself_without_javascript(self, site: Site) -> None:
        slip = site.issue()
        html = site.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token}).text
        assert '<noscript><meta http-equiv="refresh"' in html
        done = site.serve(service="REG", counter=2)
        assert "refresh" not in site.client.get(f"/t/{done.ticket.id}", params={"k": done.ticket.token}).text


class TestNotFound:
    def test_a_wrong_token_a_missing_ticket_and_junk_all_get_the_same_page(self, site: Site) -> None:
        slip = site.issue()
        answers = [
            site.client.get(f"/t/{slip.ticket.id}", params={"k": "wrong-token"}),
            site.client.get(f"/t/{slip.ticket.id}", params={"k": slip.ticket.token[:-1]}),
            site.client.get(f"/t/{slip.ticket.id}"),
            site.client.get(f"/t/{slip.ticket.id + 1000}", params={"k": slip.ticket.token}),
            site.client.get("/t/abc", params={"k": slip.ticket.token}),
            site.client.get("/t/-1", params={"k": slip.ticket.token}),
            site.client.get("/t/99999999999999999999999", params={"k": "x"}),
            site.client.get(f"/t/{slip.ticket.id}", params={"k": "x" * 5000}),
            site.client.get(f"/t/{slip.ticket.id}/live", params={"k": "wrong"}),
        ]
        assert {r.status_code for r in answers} == {404}
        assert len({r.text for r in answers}) == 1
        assert "ไม่พบบัตรคิว" in answers[0].text and "A001" not in answers[0].text

    def test_the_token_is_compared_in_constant_time(self) -> None:
        import inspect

        from khiw.engine import citizen

        source = inspect.getsource(citizen.find_ticket)
        assert "hmac.compare_digest" in source and "_DUMMY_TOKEN" in source


class TestLive:
    def test_the_stream_sends_the_current_state_and_ends_for_a_finished_ticket(self, site: Site) -> None:
        done = site.serve()
        with site.client.stream("GET", f"/t/{done.ticket.id}/live", params={"k": done.ticket.token}) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            body = "".join(response.iter_text())
        assert "event: state" in body and '"status": "done"' in body
