"""What people and cases publish, built with their own contract classes, reads as points
expects: the two sides of each payload agree."""

from __future__ import annotations

from datetime import UTC, datetime

from grassroots_contracts.case_events import CaseClosed, CaseReopened, HandlerRole
from grassroots_contracts.people_events import CommitmentFulfilled, VisitLogged
from grassroots_points.domain import occasions as parse

AT = datetime(2026, 11, 20, 8, tzinfo=UTC)


def test_case_events_from_the_cases_contract_are_read():
    closed = CaseClosed(
        case_id="k1", number="WC-2026-000001", closure=2, org_unit_id="n1", org_unit_path=("d1", "n1"),
        category="ENVIRONMENT", priority="HIGH", level="GROUP", reporter_id="r1",
        handlers=(HandlerRole(person_id="p1", role="NEIGHBOR_CHIEF"),), organization_id=None,
        order_taker_id="p9", rating=5, met_deadline=True, closed_at=AT,
    )  # fmt: skip
    reopened = CaseReopened(
        case_id="k1", number="WC-2026-000001", closure=2, org_unit_id="n1",
        org_unit_path=("d1", "n1"), reason="not satisfied", reopened_at=AT,
    )  # fmt: skip

    read = parse.case_closed(closed.to_data())
    undone = parse.case_reopened(reopened.to_data())

    assert [(o.person_id, o.rule_event_type) for o in read.occasions("e", AT)] == [
        ("p1", "case.closed"),
        ("p9", "order.taken"),
    ]
    assert (read.closure, read.rating, read.met_deadline, read.closed_at) == (2, 5, True, AT)
    assert (undone.case_id, undone.closure) == ("k1", 2)


def test_visit_and_commitment_events_from_the_people_contract_are_read():
    visit = VisitLogged(
        id="v1", household_id="h1", visitor_id="p2", care_level="RED", org_unit_id="n1",
        org_unit_path=("d1", "n1"), at=AT, confirmed_by="p7",
    )  # fmt: skip
    commitment = CommitmentFulfilled(
        id="c1", person_id="p3", text="24-hour repair", due_by=AT, fulfilled_at=AT,
        on_time=True, org_unit_id="n1", org_unit_path=("d1", "n1"), confirmed_by="p8",
    )  # fmt: skip

    assert parse.visit_logged("e1", visit.to_data(), AT).person_id == "p2"
    assert parse.commitment_fulfilled("e2", commitment.to_data(), AT).met_deadline is True
