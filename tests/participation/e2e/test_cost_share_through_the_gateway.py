"""A cost-sharing plan through the gateway, on the whole local stack (Shibei's altered sewage
pipe): a resident reports the case, the community staff draw up a plan for it, two households
pledge, the red partner paired with the community covers the rest, and `costshare.funded`
leaves the outbox exactly once (a retried top-up is refused and publishes nothing more). The
case, from cases, answers with its plan, from participation, in one request."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

import aio_pika
import pytest

from tests.participation.e2e.test_through_the_gateway import BOOTSTRAP, PASSWORD, Gateway
from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir = tmp_path_factory.mktemp("costshare-e2e")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


CREATE = """mutation($i: CreateCostSharePlanInput!) { createCostSharePlan(input: $i) {
  plan { id state households { household { id address } shareFen } } } }"""
PLEDGE = """mutation($i: PledgeInput!) { pledge(input: $i) { plan { state pledgedFen
  households { household { id } pledgedFen } } } }"""
COVER = """mutation($i: CoverShortfallInput!) { coverShortfall(input: $i) {
  plan { state coveredFen shortfallFen covers { organization { name } amountFen } } } }"""
CASE = """query($id: ID!) { case(id: $id) { number title
  costShare { state totalFen pledgedFen coveredFen households { household { address } pledgedFen }
    covers { organization { name kind } amountFen } } } }"""


async def test_household_pledges_and_a_red_partners_top_up_fund_a_case_once(stack: Stack):
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
                    "name": f"Shibei {kind} {suffix}",
                    "parentId": units[-1] if units else None,
                }
            },
            root,
        )
        units.append(made["createOrgUnit"]["orgUnit"]["id"])
    community = units[-1]
    partner_org = gw.ok(
        """mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) {
          organization { id } } }""",
        {
            "i": {
                "kind": "RED_PARTNER",
                "name": f"Harbin Road Power {suffix}",
                "orgUnitId": community,
            }
        },
        root,
    )["createOrganization"]["organization"]["id"]
    digits = str(uuid.uuid4().int)[:7]

    def person(
        name: str, phone: str, household: str | None, role: str | None, org: str | None = None
    ) -> tuple[str, str]:
        placed = {"householdId": household} if household else {"orgUnitId": community}
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, **placed}},
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
                        "orgUnitId": community,
                        "organizationId": org,
                    }
                },
                root,
            )
        return person_id, gw.login(phone, PASSWORD)

    households = [
        gw.ok(
            """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }""",
            {"i": {"orgUnitId": community, "address": f"Harbin Road 12, Room {room}"}},
            root,
        )["createHousehold"]["household"]["id"]
        for room in (101, 102)
    ]
    _, staff = person("Zhou Min", f"137{digits}0", None, "COMMUNITY_STAFF")
    _, partner = person("Gao Jun", f"137{digits}1", None, "RED_PARTNER_MEMBER", partner_org)
    residents = [
        person(name, f"137{digits}{i + 2}", households[i], None)
        for i, name in enumerate(("Chen Hua", "Liu Yang"))
    ]
    case_id = gw.ok(
        """mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { id } } }""",
        {
            "i": {
                "title": "Sewage pipe blocked after the ground floor was altered",
                "category": "SEWAGE_WATER",
                "orgUnitId": community,
            }
        },
        residents[0][1],
    )["reportCase"]["case"]["id"]

    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="costshare.funded")

        plan = gw.eventually_ok(
            CREATE,
            {
                "i": {
                    "title": "Re-lay the Harbin Road 12 sewage pipe",
                    "totalFen": 1_200_000,
                    "method": "EQUAL",
                    "households": [{"householdId": h} for h in households],
                    "caseId": case_id,
                    "orgUnitId": community,
                }
            },
            staff,
        )["createCostSharePlan"]["plan"]
        assert [h["shareFen"] for h in plan["households"]] == [600_000, 600_000]
        assert plan["households"][0]["household"]["address"] == "Harbin Road 12, Room 101"
        for (_, token), household, amount in zip(
            residents, households, (300_000, 250_000), strict=True
        ):
            pledged = gw.eventually_ok(
                PLEDGE,
                {"i": {"planId": plan["id"], "householdId": household, "amountFen": amount}},
                token,
            )["pledge"]["plan"]
            # a household sees its own line only
            assert [h["household"]["id"] for h in pledged["households"]] == [household]
        covered = gw.ok(
            COVER, {"i": {"planId": plan["id"], "organizationId": partner_org}}, partner
        )["coverShortfall"]["plan"]
        assert covered["state"] == "FUNDED"
        assert covered["covers"] == [
            {"organization": {"name": f"Harbin Road Power {suffix}"}, "amountFen": 650_000}
        ]
        retried = gw.call(
            COVER,
            {"i": {"planId": plan["id"], "organizationId": partner_org, "amountFen": 1}},
            partner,
        )
        assert retried["errors"][0]["extensions"]["code"] == "INVALID_TRANSITION"

        messages: list[dict[str, object]] = []
        deadline = time.monotonic() + 30
        while not messages and time.monotonic() < deadline:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.2)
                continue
            messages.append(json.loads(message.body))
            await message.ack()
        # Whatever else arrives in the next seconds would be a second announcement.
        quiet_until = time.monotonic() + 3
        while time.monotonic() < quiet_until:
            extra = await queue.get(fail=False)
            if extra is not None:
                messages.append(json.loads(extra.body))
                await extra.ack()
            await asyncio.sleep(0.2)
    assert len(messages) == 1, messages
    [event] = messages
    assert (event["type"], event["subject"]) == ("costshare.funded", plan["id"])
    data = event["data"]
    assert isinstance(data, dict)
    assert (data["caseId"], data["pledgedFen"], data["coveredFen"]) == (case_id, 550_000, 650_000)
    assert data["orgUnitPath"] == units

    # One request: the case from cases, its plan from participation, names from people.
    seen = gw.ok(CASE, {"id": case_id}, staff)["case"]
    assert seen["costShare"]["state"] == "FUNDED"
    assert [h["pledgedFen"] for h in seen["costShare"]["households"]] == [300_000, 250_000]
    assert seen["costShare"]["covers"][0]["organization"]["kind"] == "RED_PARTNER"
    # the reporter's household sees its own line and the totals
    own = gw.ok(CASE, {"id": case_id}, residents[0][1])["case"]["costShare"]
    assert [h["pledgedFen"] for h in own["households"]] == [300_000]
    assert own["pledgedFen"] == 550_000
