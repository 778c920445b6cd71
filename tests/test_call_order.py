"""The call-order rule on its own (the engine and the planner's simulator both use it)."""

from __future__ import annotations

from khiw.call_order import rank

# (name, service, priority lane, overdue), in arrival order
A1, A2, AP, B1, BP = ("A1", "A", False, False), ("A2", "A", False, False), ("AP", "A", True, False), ("B1", "B", False, False), ("BP", "B", True, False)


def order(candidates: list[tuple[str, str, bool, bool]], services: list[str], due: set[str]) -> list[tuple[str, str]]:
    asked: list[str] = []

    def priority_due(svc: str) -> bool:
        asked.append(svc)
        return svc in due

    ranked = rank(candidates, services=services, service_of=lambda t: t[1], is_priority=lambda t: t[2], overdue=lambda t: t[3], priority_due=priority_due)
    return [(t[0], rule) for t, rule in ranked]


def test_counter_services_in_its_order_each_first_come_first_served() -> None:
    assert order([B1, A1, A2], ["A", "B"], set()) == [("A1", "fifo"), ("A2", "fifo"), ("B1", "service_order")]


def test_priority_lane_first_only_when_due() -> None:
    assert order([A1, A2, AP], ["A"], {"A"}) == [("AP", "priority"), ("A1", "fifo"), ("A2", "fifo")]
    assert order([A1, A2, AP], ["A"], set()) == [("A1", "fifo"), ("A2", "fifo"), ("AP", "priority")]


def test_a_lone_lane_is_called_without_asking_whether_priority_is_due() -> None:
    asked: list[str] = []
    ranked = rank([BP], services=["A", "B"], service_of=lambda t: t[1], is_priority=lambda t: t[2], overdue=lambda t: False, priority_due=lambda s: asked.append(s) or False)
    assert [(t[0], rule) for t, rule in ranked] == [("BP", "service_order")]
    assert asked == []


def test_overdue_tickets_go_first_oldest_first_whatever_the_lane_or_service() -> None:
    late_b, late_a = ("LB", "B", False, True), ("LA", "A", False, True)
    assert order([late_b, late_a, AP, A1], ["A", "B"], {"A"})[:2] == [("LB", "max_wait"), ("LA", "max_wait")]
