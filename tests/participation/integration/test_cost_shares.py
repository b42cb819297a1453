"""Cost-sharing plans on a real MongoDB and RabbitMQ, through the participation subgraph: drawn
up by staff, pledged by households, topped up by a red partner, `costshare.funded` in the outbox
once; each reader sees what the policy allows; refusals change nothing."""

from __future__ import annotations

import asyncio
from typing import Any

from grassroots_contracts.participation_events import CostShareFunded
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_participation.adapters.cost_shares import COLLECTION, CostShareStore, unit_filter
from grassroots_participation.domain.cost_share_access import ListScope
from grassroots_participation.domain.cost_shares import PlanState

from tests.participation.helpers import C1, C1_STAFF, C2, C2_STAFF, Participation
from tests.support.tokens import grant

RESIDENTS = [
    ("rep-a", "ha", C1),
    ("rep-b", "hb", C1),
    ("neighbour", "hn", C1),
    ("outsider", "ho", C2),
]
STAFF = {"as_person": "staff-c1", "grants": (C1_STAFF,)}
OTHER_STAFF = {"as_person": "staff-c2", "grants": (C2_STAFF,)}
PARTNER = {
    "as_person": "partner-1",
    "grants": (grant("RED_PARTNER_MEMBER", *C1, organization_id="org-red"),),
}

PLAN_FIELDS = """id state method totalFen pledgedFen coveredFen shortfallFen paidFen currency
  householdCount households { household { id } shareFen pledgedFen paidFen areaM2 }
  myHousehold { household { id } shareFen pledgedFen }
  covers { organization { id } amountFen } history { action amountFen household { id } }"""
CREATE = f"""mutation($input: CreateCostSharePlanInput!) {{
  createCostSharePlan(input: $input) {{ plan {{ {PLAN_FIELDS} }} }} }}"""
PLEDGE = (
    f"""mutation($input: PledgeInput!) {{ pledge(input: $input) {{ plan {{ {PLAN_FIELDS} }} }} }}"""
)
COVER = f"""mutation($input: CoverShortfallInput!) {{
  coverShortfall(input: $input) {{ plan {{ {PLAN_FIELDS} }} }} }}"""
PAY = """mutation($input: RecordPaymentInput!) {
  recordPayment(input: $input) { plan { paidFen households { paidFen payments { amountFen note } } } } }"""
SPEND = """mutation($input: RecordSpendingInput!) {
  recordSpending(input: $input) { plan { state spentFen spentAt } } }"""
CANCEL = """mutation($input: CancelCostSharePlanInput!) {
  cancelCostSharePlan(input: $input) { plan { state cancelledAt } } }"""
READ = f"""query($id: ID!) {{ costSharePlan(id: $id) {{ {PLAN_FIELDS} }} }}"""
CASE_PLAN = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Case { id costShare { id state totalFen } } } }"""
ORG_PLEDGES = """query($reps: [_Any!]!, $states: [CostSharePlanState!]) {
  _entities(representations: $reps) {
  ... on Organization { id pledges(first: 10, states: $states) { totalCount
    edges { node { amountFen plan { id state households { household { id } } } } } } } } }"""


def create_input(**changes: Any) -> dict[str, Any]:
    return {
        "input": {
            "title": "Harbin Road sewage pipe",
            "totalFen": 100_000,
            "method": "EQUAL",
            "households": [{"householdId": "ha"}, {"householdId": "hb"}, {"householdId": "hc"}],
            "caseId": "case-pipe",
            "orgUnitId": "c1",
            **changes,
        }
    }


async def drawn_up(p: Participation, **changes: Any) -> dict[str, Any]:
    await p.ladder(RESIDENTS)
    data = await p.ok(CREATE, create_input(**changes), **STAFF)
    plan: dict[str, Any] = data["createCostSharePlan"]["plan"]
    return plan


async def test_pledges_and_a_red_partners_top_up_fund_the_plan_once(participation: Participation):
    p = participation
    plan = await drawn_up(p)
    assert [h["shareFen"] for h in plan["households"]] == [33_334, 33_333, 33_333]
    pid = plan["id"]
    await p.ok(
        PLEDGE,
        {"input": {"planId": pid, "householdId": "ha", "amountFen": 30_000}},
        as_person="rep-a",
    )
    await p.ok(PLEDGE, {"input": {"planId": pid, "householdId": "hb"}}, as_person="rep-b")
    covered = await p.ok(COVER, {"input": {"planId": pid, "organizationId": "org-red"}}, **PARTNER)
    plan = covered["coverShortfall"]["plan"]
    assert plan["state"] == "FUNDED"
    assert (plan["pledgedFen"], plan["coveredFen"], plan["shortfallFen"]) == (63_333, 36_667, 0)
    # The partner's member sees totals and covers, no household's line.
    assert plan["households"] == []
    assert plan["covers"] == [{"organization": {"id": "org-red"}, "amountFen": 36_667}]

    # A retried cover is refused and adds nothing: one event, in the outbox.
    again = {"input": {"planId": pid, "organizationId": "org-red", "amountFen": 1}}
    assert await p.refused(COVER, again, **PARTNER) == "INVALID_TRANSITION"
    outbox = await p.outbox("costshare.funded")
    assert len(outbox) == 1
    data = CostShareFunded.from_data(CloudEvent.from_json(outbox[0]["body"]).data)
    assert (data.total_fen, data.pledged_fen, data.covered_fen) == (100_000, 63_333, 36_667)
    assert data.org_unit_path == tuple(C1)
    assert data.households_pledged == 2

    paid = await p.ok(
        PAY,
        {"input": {"planId": pid, "householdId": "ha", "amountFen": 30_000, "note": "#17"}},
        **STAFF,
    )
    assert paid["recordPayment"]["plan"]["paidFen"] == 30_000
    spent = await p.ok(SPEND, {"input": {"planId": pid, "amountFen": 98_000}}, **STAFF)
    assert spent["recordSpending"]["plan"]["state"] == "SPENT"


async def test_each_reader_sees_what_the_policy_allows(participation: Participation):
    p = participation
    plan = await drawn_up(p)
    pid = plan["id"]
    await p.ok(
        PLEDGE, {"input": {"planId": pid, "householdId": "ha", "amountFen": 100}}, as_person="rep-a"
    )
    await p.ok(
        PLEDGE, {"input": {"planId": pid, "householdId": "hb", "amountFen": 200}}, as_person="rep-b"
    )

    staff = (await p.ok(READ, {"id": pid}, **STAFF))["costSharePlan"]
    assert [h["pledgedFen"] for h in staff["households"]] == [100, 200, None]
    assert len([e for e in staff["history"] if e["action"] == "PLEDGED"]) == 2

    own = (await p.ok(READ, {"id": pid}, as_person="rep-a"))["costSharePlan"]
    assert [h["household"]["id"] for h in own["households"]] == ["ha"]
    assert own["myHousehold"]["pledgedFen"] == 100
    assert own["pledgedFen"] == 300  # the totals, not who gave them
    assert {e["household"]["id"] for e in own["history"] if e["household"]} == {"ha"}

    neighbour = (await p.ok(READ, {"id": pid}, as_person="neighbour"))["costSharePlan"]
    assert neighbour["households"] == []
    assert neighbour["myHousehold"] is None
    assert neighbour["householdCount"] == 3

    assert await p.refused(READ, {"id": pid}, as_person="outsider") == "NOT_FOUND"
    assert await p.refused(READ, {"id": pid}, **OTHER_STAFF) == "NOT_FOUND"
    assert await p.refused(READ, {"id": pid}) == "UNAUTHENTICATED"

    reps = {"reps": [{"__typename": "Case", "id": "case-pipe"}]}
    case = (await p.ok(CASE_PLAN, reps, as_person="rep-a"))["_entities"][0]
    assert case["costShare"]["id"] == pid
    hidden = (await p.ok(CASE_PLAN, reps, as_person="outsider"))["_entities"][0]
    assert hidden["costShare"] is None


async def test_refusals_change_nothing(participation: Participation):
    p = participation
    plan = await drawn_up(p, method="PLEDGED", totalFen=500)
    pid = plan["id"]
    cases = [
        ({"householdId": "ha", "amountFen": -100}, "rep-a", "BAD_USER_INPUT"),
        ({"householdId": "ha", "amountFen": 0}, "rep-a", "BAD_USER_INPUT"),
        ({"householdId": "ha"}, "rep-a", "BAD_USER_INPUT"),  # a pledge plan needs an amount
        ({"householdId": "hb", "amountFen": 100}, "rep-a", "FORBIDDEN"),
        ({"householdId": "ho", "amountFen": 100}, "outsider", "NOT_FOUND"),
    ]
    for fields, person, code in cases:
        got = await p.refused(PLEDGE, {"input": {"planId": pid, **fields}}, as_person=person)
        assert got == code, (fields, person)
    assert (
        await p.refused(
            COVER,
            {"input": {"planId": pid, "organizationId": "org-red", "amountFen": 501}},
            **PARTNER,
        )
        == "BAD_USER_INPUT"
    )
    assert (
        await p.refused(
            COVER,
            {"input": {"planId": pid, "organizationId": "org-other", "amountFen": 1}},
            **PARTNER,
        )
        == "FORBIDDEN"
    )
    assert await p.refused(SPEND, {"input": {"planId": pid, "amountFen": 1}}, **STAFF) == (
        "INVALID_TRANSITION"
    )
    stored = await CostShareStore(p.db).get(pid)
    assert stored is not None
    assert stored.pledges == {}
    assert stored.covers == []
    assert len(stored.audit) == 1
    assert stored.version == 1
    assert await p.outbox("costshare.funded") == []


async def test_a_case_gets_one_live_plan_even_when_drawn_up_twice_at_once(
    participation: Participation,
):
    p = participation
    await p.ladder(RESIDENTS)
    bodies = await asyncio.gather(
        *(p.gql(CREATE, create_input(), **STAFF) for _ in range(2))  # type: ignore[arg-type]
    )
    codes = sorted(
        b["errors"][0]["extensions"]["code"] if b.get("errors") else "OK" for b in bodies
    )
    assert codes == ["CONFLICT", "OK"]
    plan = next(b for b in bodies if not b.get("errors"))["data"]["createCostSharePlan"]["plan"]
    cancelled = await p.ok(
        CANCEL, {"input": {"planId": plan["id"], "reason": "wrong total"}}, **STAFF
    )
    assert cancelled["cancelCostSharePlan"]["plan"]["state"] == "CANCELLED"
    await p.ok(CREATE, create_input(totalFen=80_000), **STAFF)


async def test_an_organizations_pledges(participation: Participation):
    p = participation
    plan = await drawn_up(p)
    await p.ok(
        COVER,
        {"input": {"planId": plan["id"], "organizationId": "org-red", "amountFen": 5_000}},
        **PARTNER,
    )
    reps = {"reps": [{"__typename": "Organization", "id": "org-red"}]}
    mine = (await p.ok(ORG_PLEDGES, reps, **PARTNER))["_entities"][0]["pledges"]
    assert mine["totalCount"] == 1
    assert mine["edges"][0]["node"]["amountFen"] == 5_000
    assert mine["edges"][0]["node"]["plan"]["households"] == []
    staff = (await p.ok(ORG_PLEDGES, reps, **STAFF))["_entities"][0]["pledges"]
    assert staff["edges"][0]["node"]["plan"]["households"] != []
    elsewhere = (await p.ok(ORG_PLEDGES, reps, **OTHER_STAFF))["_entities"][0]["pledges"]
    assert elsewhere["totalCount"] == 0
    funded = {**reps, "states": ["FUNDED", "SPENT"]}
    assert (await p.ok(ORG_PLEDGES, funded, **PARTNER))["_entities"][0]["pledges"]["edges"] == []
    body = await p.gql(ORG_PLEDGES, reps, as_person="rep-a")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


UNIT_PLANS = """query($reps: [_Any!]!, $states: [CostSharePlanState!]) {
  _entities(representations: $reps) { ... on OrgUnit {
    costSharePlans(first: 10, filter: {states: $states}) { totalCount
      edges { node { id state pledgedFen households { household { id } } myHousehold { household { id } } } } } } } }"""


async def test_a_units_plans_follow_the_plan_privacy(participation: Participation):
    p = participation
    plan = await drawn_up(p)
    other = await p.ok(CREATE, create_input(caseId="case-lift"), **STAFF)
    gone = other["createCostSharePlan"]["plan"]["id"]
    await p.ok(CANCEL, {"input": {"planId": gone, "reason": "recalculated"}}, **STAFF)
    await p.ok(
        PLEDGE,
        {"input": {"planId": plan["id"], "householdId": "ha", "amountFen": 100}},
        as_person="rep-a",
    )

    async def listed(units: tuple[str, ...] = ("c1", "s1"), **who: Any) -> dict[str, Any]:
        for unit in units:
            reps = {"reps": [{"__typename": "OrgUnit", "id": unit}], "states": ["OPEN"]}
            found: dict[str, Any] = (await p.ok(UNIT_PLANS, reps, **who))["_entities"][0][
                "costSharePlans"
            ]
            assert found["totalCount"] == len(found["edges"])
        return found

    staff = await listed(**STAFF)
    assert [e["node"]["id"] for e in staff["edges"]] == [plan["id"]]
    assert len(staff["edges"][0]["node"]["households"]) == 3
    own = (await listed(as_person="rep-a"))["edges"][0]["node"]
    assert own["households"] == [{"household": {"id": "ha"}}]
    assert own["myHousehold"] == {"household": {"id": "ha"}}
    neighbour = (await listed(as_person="neighbour"))["edges"][0]["node"]
    assert (neighbour["households"], neighbour["pledgedFen"]) == ([], 100)
    assert (await listed(("s1",), **OTHER_STAFF))["edges"] == []  # c2's plans: none
    reps = {"reps": [{"__typename": "OrgUnit", "id": "c1"}], "states": None}
    for who in ({"as_person": "outsider"}, OTHER_STAFF):
        body = await p.gql(UNIT_PLANS, reps, **who)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"]["_entities"][0]["costSharePlans"] is None
    everything = (await p.ok(UNIT_PLANS, reps, **STAFF))["_entities"][0]["costSharePlans"]
    assert everything["totalCount"] == 2

    # The subtree index bounds the listing, for staff and for a resident's scope alike.
    for scope in (None, ListScope(frozenset(C1), frozenset({"c9"}))):
        explained = await p.db.command(
            "explain",
            {
                "find": COLLECTION,
                "filter": unit_filter("s1", scope, frozenset({PlanState.OPEN})),
                "sort": {"createdAt": 1, "_id": 1},
            },
        )
        assert "COLLSCAN" not in str(explained["queryPlanner"]["winningPlan"]), explained
