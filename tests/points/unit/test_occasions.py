"""Reading other services' events through the contract models: what breaks the contract is
refused with a reason, what points does not know is ignored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from grassroots_points.domain import occasions as parse
from grassroots_points.domain.occasions import MalformedEvent

AT = datetime(2026, 11, 23, tzinfo=UTC)
CLOSED = {
    "caseId": "k1",
    "number": "WC-2026-000001",
    "closure": 2,
    "orgUnitId": "n1",
    "orgUnitPath": ["d1", "n1"],
    "category": "ENVIRONMENT",
    "priority": "HIGH",
    "level": "GROUP",
    "reporterId": "r1",
    "handlers": [{"personId": "p1", "role": "NEIGHBOR_CHIEF"}],
    "organizationId": None,
    "orderTakerId": None,
    "rating": 5,
    "metDeadline": True,
    "closedAt": "2026-11-20T08:00:00Z",
    "somethingNew": "ignored",
}


def test_a_closed_case_is_an_occasion_per_handler_and_one_for_the_order_taker():
    closed = parse.case_closed(CLOSED)

    found = closed.occasions("e1", AT, known_taker="partner")  # type: ignore[arg-type]

    assert [(o.person_id, o.rule_event_type, o.role) for o in found] == [
        ("p1", "case.closed", "NEIGHBOR_CHIEF"),
        ("partner", "order.taken", "RED_PARTNER_MEMBER"),
    ]
    first = found[0]
    assert (first.case_id, first.closure, first.rating, first.met_deadline) == ("k1", 2, 5, True)
    assert first.at == datetime(2026, 11, 20, 8, tzinfo=UTC)
    assert first.org_unit_path == ("d1", "n1")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"handlers": None}, "handlers: Input should be a valid tuple"),
        ({"closure": 0}, "closure: Input should be greater than or equal to 1"),
        ({"closure": True}, "closure: Input should be a valid integer"),
        ({"orgUnitPath": ["d1", 3]}, r"orgUnitPath\.1: Input should be a valid string"),
        ({"handlers": [{"role": "X"}]}, r"missing field 'handlers\.0\.personId'"),
        ({"rating": "five"}, "rating: Input should be a valid integer"),
        ({"closedAt": "yesterday"}, "closedAt: Value error, not an RFC 3339 time"),
        ({"closedAt": "2026-11-20T08:00:00"}, "closedAt: Input should have timezone info"),
    ],
)
def test_a_closed_case_that_breaks_the_contract_is_refused(change, message):
    with pytest.raises(MalformedEvent, match=message):
        parse.case_closed({**CLOSED, **change})


def test_a_missing_field_is_named():
    data = {k: v for k, v in CLOSED.items() if k != "caseId"}
    with pytest.raises(MalformedEvent, match="missing field 'caseId'"):
        parse.case_closed(data)


def test_only_dataversion_1_is_understood():
    parse.check_version("case.closed", "1")
    with pytest.raises(MalformedEvent, match="unsupported dataversion '2'"):
        parse.check_version("case.closed", "2")


def test_visits_and_commitments_name_who_served():
    visit = parse.visit_logged(
        "e2",
        {
            "id": "v",
            "householdId": "h1",
            "visitorId": "p2",
            "careLevel": "RED",
            "orgUnitId": "n1",
            "orgUnitPath": ["d1", "n1"],
            "at": "2026-11-21T09:00:00Z",
        },
        AT,
    )
    commitment = parse.commitment_fulfilled(
        "e3",
        {
            "id": "c",
            "personId": "p3",
            "text": "24-hour repair",
            "dueBy": "2026-11-22T00:00:00Z",
            "fulfilledAt": "2026-11-23T00:00:00Z",
            "onTime": True,
            "orgUnitId": "n1",
            "orgUnitPath": ["d1", "n1"],
        },
        AT,
    )

    assert (visit.person_id, visit.care_level, str(visit.reason)) == (
        "p2",
        "RED",
        "visited a RED household",
    )
    assert visit.reason.render("zh-CN") == "走访了一户红色关爱户"
    assert (commitment.person_id, commitment.met_deadline, commitment.at) == ("p3", True, AT)
