"""Points through the gateway, with people issuing the tokens and resolving the people."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e

BOOTSTRAP = ("10000000000", "grassroots-bootstrap")
PASSWORD = "points-e2e-password"


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    with running_stack(mongo_url, rabbit_url, tmp_path_factory.mktemp("points-e2e")) as running:
        yield running
    await remove_stack_state(running, mongo_url)


class Gateway:
    def __init__(self, stack: Stack) -> None:
        self.url = f"{stack.gateway.url}/graphql"

    def call(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None):
        import json
        import urllib.error
        import urllib.request

        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers=headers,
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return json.loads(exc.read())

    def ok(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None):
        body = self.call(query, variables, token)
        assert not body.get("errors"), body
        return body["data"]

    def eventually_ok(self, query: str, variables: dict[str, Any], token: str, timeout: float = 30):
        """Points learns org units and people from events; retry until it knows them."""
        deadline = time.monotonic() + timeout
        while True:
            body = self.call(query, variables, token)
            if not body.get("errors"):
                return body["data"]
            if time.monotonic() > deadline:
                raise AssertionError(body)
            time.sleep(0.3)

    def login(self, phone: str, password: str) -> str:
        data = self.ok(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken } }",
            {"i": {"phone": phone, "password": password}},
        )
        return str(data["login"]["accessToken"])


def test_rules_catalog_adjustment_redemption_and_leaderboard_through_the_gateway(stack: Stack):
    gw = Gateway(stack)
    root = gw.login(*BOOTSTRAP)
    suffix = uuid.uuid4().hex[:6]
    units: list[str] = []
    for kind in ("DISTRICT", "STREET", "COMMUNITY"):
        made = gw.ok(
            """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }""",
            {
                "i": {
                    "kind": kind,
                    "name": f"Points {kind} {suffix}",
                    "parentId": units[-1] if units else None,
                }
            },
            root,
        )
        units.append(made["createOrgUnit"]["orgUnit"]["id"])
    district, _, community = units

    def person(name: str, phone: str, role: str | None, unit: str) -> tuple[str, str]:
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, "orgUnitId": unit}},
            root,
        )
        person_id = made["registerPerson"]["person"]["id"]
        if role:
            gw.ok(
                """mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }""",
                {
                    "i": {
                        "personId": person_id,
                        "role": role,
                        "orgUnitId": unit,
                        "organizationId": None,
                    }
                },
                root,
            )
        return person_id, gw.login(phone, PASSWORD)

    digits = str(uuid.uuid4().int)[:7]
    _, district_admin = person("Tang Jun", f"137{digits}1", "DISTRICT_ADMIN", district)
    staff_id, staff = person("Jin Mei", f"137{digits}2", "COMMUNITY_STAFF", community)
    resident_id, resident = person("Li Na", f"137{digits}3", None, community)

    # the platform admin sets a rule (a district admin may not: rules are platform-wide);
    # community staff stock the catalog and thank a resident
    set_rule = """mutation { setPointRule(input: {eventType: "visit.logged", careLevel: "RED",
      points: 5}) { pointRule { id points } } }"""
    refused = gw.call(set_rule, None, district_admin)
    rule = gw.ok(set_rule, None, root)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert rule["setPointRule"]["pointRule"]["points"] == 5
    reward = gw.eventually_ok(
        """mutation($i: CreateRewardInput!) { createReward(input: $i) { reward { id } } }""",
        {"i": {"orgUnitId": community, "name": "Rice 5 kg", "cost": 20, "stock": 1}},
        staff,
    )["createReward"]["reward"]["id"]
    gw.eventually_ok(
        """mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { entry { id } } }""",
        {"i": {"personId": resident_id, "delta": 30, "reason": "helped at the flood drill"}},
        staff,
    )

    # the resident redeems the last bag of rice; a second try is out of stock
    redeemed = gw.ok(
        """mutation($i: RedeemRewardInput!) { redeemReward(input: $i) {
          redemption { status cost person { id } } } }""",
        {"i": {"rewardId": reward}},
        resident,
    )
    again = gw.call(
        """mutation($i: RedeemRewardInput!) { redeemReward(input: $i) { redemption { id } } }""",
        {"i": {"rewardId": reward}},
        resident,
    )
    assert redeemed["redeemReward"]["redemption"] == {
        "status": "REQUESTED",
        "cost": 20,
        "person": {"id": resident_id},
    }
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"

    # the graph joins people and points: the person with their points, the ledger with names
    mine = gw.ok(
        """query($id: ID!) { person(id: $id) { name points { balance earnedTotal } }
          ledger(personId: $id) { edges { node { kind delta actor { name } } } } }""",
        {"id": resident_id},
        resident,
    )
    assert mine["person"] == {"name": "Li Na", "points": {"balance": 10, "earnedTotal": 30}}
    assert [e["node"] for e in mine["ledger"]["edges"]] == [
        {"kind": "REDEMPTION", "delta": -20, "actor": None},
        {"kind": "ADJUSTMENT", "delta": 30, "actor": {"name": "Jin Mei"}},
    ]
    board = gw.ok(
        """query($id: ID!) { orgUnit(id: $id) { name rewards { edges { node { name stock } } }
          leaderboard(period: ALL_TIME) { rank points person { id name } } } }""",
        {"id": community},
        staff,
    )
    assert board["orgUnit"]["rewards"]["edges"] == [{"node": {"name": "Rice 5 kg", "stock": 0}}]
    assert board["orgUnit"]["leaderboard"] == [
        {"rank": 1, "points": 30, "person": {"id": resident_id, "name": "Li Na"}}
    ]
    assert staff_id != resident_id
