"""Community staff adjust balances within their scope, with a reason, never below zero."""

from __future__ import annotations

from tests.points.helpers import (
    C1_PATH,
    C1_STAFF,
    C2_STAFF,
    Points,
    given_points,
    person_registered,
    uid,
)

ADJUST = """mutation($i: AdjustPointsInput!) {
  adjustPoints(input: $i) { entry { delta kind reason balanceAfter actor { id } } } }"""


async def given_a_resident_of_c1(points: Points, balance: int) -> str:
    resident = uid("resident-")
    registered = person_registered(resident, C1_PATH)
    await points.publish(registered)
    await points.processed(registered)
    await given_points(points, resident, balance)
    return resident


async def test_staff_adjust_a_balance_and_the_ledger_names_them(points: Points):
    resident = await given_a_resident_of_c1(points, 20)
    staff = uid("staff-")

    data = await points.ok(
        ADJUST,
        {"i": {"personId": resident, "delta": 5, "reason": "  helped at the   flood drill "}},
        as_person=staff,
        grants=(C1_STAFF,),
    )

    assert data["adjustPoints"]["entry"] == {
        "delta": 5,
        "kind": "ADJUSTMENT",
        "reason": "helped at the flood drill",
        "balanceAfter": 25,
        "actor": {"id": staff},
    }
    assert await points.balance(resident) == 25


async def test_an_adjustment_that_would_go_negative_changes_nothing(points: Points):
    resident = await given_a_resident_of_c1(points, 20)

    body = await points.gql(
        ADJUST,
        {"i": {"personId": resident, "delta": -21, "reason": "recorded twice"}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["balance"] == 20
    assert await points.balance(resident) == 20
    assert len(await points.entries(resident)) == 1


async def test_an_adjustment_needs_a_reason_scope_and_someone_else(points: Points):
    resident = await given_a_resident_of_c1(points, 20)

    no_reason = await points.gql(
        ADJUST,
        {"i": {"personId": resident, "delta": 5, "reason": "   "}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
    )
    other_community = await points.gql(
        ADJUST,
        {"i": {"personId": resident, "delta": 5, "reason": "thanks"}},
        as_person=uid("staff-"),
        grants=(C2_STAFF,),
    )
    themselves = await points.gql(
        ADJUST,
        {"i": {"personId": resident, "delta": 5, "reason": "thanks"}},
        as_person=resident,
        grants=(C1_STAFF,),
    )
    anonymous = await points.gql(
        ADJUST, {"i": {"personId": resident, "delta": 5, "reason": "thanks"}}
    )

    assert no_reason["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "reason"}
    assert other_community["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert themselves["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await points.balance(resident) == 20
