"""Who sees which account, and who changes the rules."""

from __future__ import annotations

from tests.points.helpers import (
    ACCOUNT,
    ADMIN,
    C1_PATH,
    C1_STAFF,
    C2_STAFF,
    PLATFORM_ADMIN,
    RULE,
    Points,
    given_points,
    person_registered,
    uid,
)
from tests.support.tokens import grant

LEDGER = """query($id: ID!) { ledger(personId: $id, first: 1) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { kind delta person { id } } } } }"""


async def given_a_resident(points: Points) -> str:
    resident = uid("resident-")
    registered = person_registered(resident, C1_PATH)
    await points.publish(registered)
    await points.processed(registered)
    await given_points(points, resident, 12)
    return resident


async def test_a_person_sees_their_own_account_and_ledger(points: Points):
    resident = await given_a_resident(points)

    account = await points.ok(ACCOUNT, {"id": resident}, as_person=resident)
    ledger = await points.ok(LEDGER, {"id": resident}, as_person=resident)

    assert account["pointsAccount"] == {"balance": 12, "earnedTotal": 12, "version": 1}
    assert ledger["ledger"]["totalCount"] == 1
    assert ledger["ledger"]["edges"][0]["node"] == {
        "kind": "AWARD",
        "delta": 12,
        "person": {"id": resident},
    }


async def test_staff_see_accounts_in_their_scope_and_nobody_else_does(points: Points):
    resident = await given_a_resident(points)

    staff = await points.gql(ACCOUNT, {"id": resident}, as_person="s", grants=(C1_STAFF,))
    grid = await points.gql(
        ACCOUNT, {"id": resident}, as_person="g", grants=(grant("GRID_MEMBER", "d1", "s1", "c2"),)
    )
    neighbour = await points.gql(ACCOUNT, {"id": resident}, as_person=uid("resident-"))
    other_staff = await points.gql(LEDGER, {"id": resident}, as_person="s", grants=(C2_STAFF,))
    anonymous = await points.gql(ACCOUNT, {"id": resident})

    assert staff["data"]["pointsAccount"]["balance"] == 12
    assert grid["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert neighbour["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert other_staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_person_points_are_null_for_those_who_may_not_see_them(points: Points):
    resident = await given_a_resident(points)
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { id points { balance } } } }"""
    reps = {"r": [{"__typename": "Person", "id": resident}]}

    own = await points.ok(query, reps, as_person=resident)
    other = await points.ok(query, reps, as_person=uid("resident-"))

    assert own["_entities"] == [{"id": resident, "points": {"balance": 12}}]
    assert other["_entities"] == [{"id": resident, "points": None}]


async def test_only_platform_admins_change_rules(points: Points):
    rule = {"input": {"eventType": "case.closed", "points": 3}}

    staff = await points.gql(RULE, rule, as_person="s", grants=(C1_STAFF,))
    district = await points.gql(RULE, rule, as_person="d", grants=(ADMIN,))
    admin = await points.ok(RULE, rule, as_person="a", grants=(PLATFORM_ADMIN,))
    delete = """mutation($i: DeletePointRuleInput!) { deletePointRule(input: $i) { pointRule { id } } }"""
    rule_id = admin["setPointRule"]["pointRule"]["id"]
    staff_delete = await points.gql(
        delete, {"i": {"id": rule_id}}, as_person="s", grants=(C1_STAFF,)
    )
    deleted = await points.ok(
        delete, {"i": {"id": rule_id}}, as_person="a", grants=(PLATFORM_ADMIN,)
    )
    again = await points.gql(
        delete, {"i": {"id": rule_id}}, as_person="a", grants=(PLATFORM_ADMIN,)
    )

    assert staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert district["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert staff_delete["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert deleted["deletePointRule"]["pointRule"]["id"] == rule_id
    assert again["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_rule_with_an_unknown_event_type_or_value_is_refused(points: Points):
    bad_type = await points.gql(
        RULE,
        {"input": {"eventType": "case.opened", "points": 3}},
        as_person="a",
        grants=(PLATFORM_ADMIN,),
    )
    bad_role = await points.gql(
        RULE,
        {"input": {"eventType": "case.closed", "points": 3, "role": "KING"}},
        as_person="a",
        grants=(PLATFORM_ADMIN,),
    )
    negative = await points.gql(
        RULE,
        {"input": {"eventType": "case.closed", "points": -1}},
        as_person="a",
        grants=(PLATFORM_ADMIN,),
    )

    assert bad_type["errors"][0]["extensions"]["field"] == "eventType"
    assert bad_role["errors"][0]["extensions"]["field"] == "role"
    assert negative["errors"][0]["extensions"]["field"] == "points"


async def test_setting_a_rule_for_the_same_occasion_replaces_it(points: Points):
    first = await points.rule("visit.logged", 3, careLevel="RED")
    second = await points.rule("visit.logged", 6, careLevel="RED")

    rules = await points.ok(
        "{ pointRules { id points careLevel updatedBy { id } } }", as_person="anyone"
    )

    assert first == second
    assert rules["pointRules"] == [
        {"id": first, "points": 6, "careLevel": "RED", "updatedBy": {"id": points.admin_id}}
    ]
