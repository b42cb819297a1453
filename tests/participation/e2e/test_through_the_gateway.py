"""Participation through the gateway, on the whole local stack: people registers the community,
its households and staff; participation learns them from people's events; a discussion day is
scheduled, the households vote, the decision is recorded and `decision.made` reaches the broker."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest

from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e

BOOTSTRAP = ("10000000000", "grassroots-bootstrap")
PASSWORD = "participation-e2e-password"


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir = tmp_path_factory.mktemp("participation-e2e")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


class Gateway:
    def __init__(self, stack: Stack) -> None:
        self.url = f"{stack.gateway.url}/graphql"

    def call(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None):
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
        """Participation learns org units and people from events; retry until it knows them."""
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


SCHEDULE = """mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) {
  meeting { id status recurrence { weekday } } } }"""
ADD_ITEM = """mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { item { id } } }"""
VOTE = """mutation($i: CastVoteInput!) { castVote(input: $i) { choice } }"""
DECIDE = """mutation($i: RecordDecisionInput!) { recordDecision(input: $i) {
  decision { id outcome method tally { votesFor votesAgainst invited } decidedBy { id name } } } }"""
COMMUNITY = """query($id: ID!) { orgUnit(id: $id) { name
  meetings(first: 5, filter: {kinds: [DISCUSSION_DAY]}) { totalCount edges { node { id title
    convener { name }
    households { household { address } representative { name } }
    agenda { title status decision { outcome text } } } } } } }"""


async def test_a_discussion_day_votes_and_decides_through_the_gateway(stack: Stack):
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
                    "name": f"Yuanhui {kind} {suffix}",
                    "parentId": units[-1] if units else None,
                }
            },
            root,
        )
        units.append(made["createOrgUnit"]["orgUnit"]["id"])
    community = units[-1]
    digits = str(uuid.uuid4().int)[:7]

    def person(name: str, phone: str, household: str | None, role: str | None) -> tuple[str, str]:
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
                        "organizationId": None,
                    }
                },
                root,
            )
        return person_id, gw.login(phone, PASSWORD)

    households = [
        gw.ok(
            """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }""",
            {"i": {"orgUnitId": community, "address": f"Building 3, Room {room}"}},
            root,
        )["createHousehold"]["household"]["id"]
        for room in (101, 102, 201)
    ]
    staff_id, staff = person("Jin Mei", f"136{digits}0", None, "COMMUNITY_STAFF")
    reps = [
        person(name, f"136{digits}{i + 1}", households[i], None)
        for i, name in enumerate(("Li Na", "Wang Qiang", "Zhang Wei"))
    ]

    # a queue on the stack's exchange, to see decision.made leave the outbox
    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="decision.made")

        meeting = gw.eventually_ok(
            SCHEDULE,
            {
                "i": {
                    "orgUnitId": community,
                    "kind": "DISCUSSION_DAY",
                    "title": "Friday discussion day",
                    "startsAt": "2026-12-11T11:00:00Z",
                    "recurrence": {"weekday": "FRIDAY"},
                    "households": [
                        {"householdId": h, "representativeId": rep_id}
                        for h, (rep_id, _) in zip(households, reps, strict=True)
                    ],
                }
            },
            staff,
        )["scheduleMeeting"]["meeting"]
        item = gw.ok(
            ADD_ITEM, {"i": {"meetingId": meeting["id"], "title": "Parking-space lottery"}}, staff
        )["addAgendaItem"]["item"]["id"]
        for (_, token), choice in zip(reps, ("FOR", "FOR", "AGAINST"), strict=True):
            gw.ok(
                VOTE, {"i": {"meetingId": meeting["id"], "itemId": item, "choice": choice}}, token
            )
        twice = gw.call(
            VOTE,
            {"i": {"meetingId": meeting["id"], "itemId": item, "choice": "AGAINST"}},
            reps[0][1],
        )
        assert twice["errors"][0]["extensions"]["code"] == "CONFLICT"
        decision = gw.ok(
            DECIDE,
            {
                "i": {
                    "meetingId": meeting["id"],
                    "itemId": item,
                    "method": "HOUSEHOLD_VOTE",
                    "text": "Spaces are drawn by lottery every quarter.",
                }
            },
            staff,
        )["recordDecision"]["decision"]
        assert decision["outcome"] == "ADOPTED"
        assert decision["tally"] == {"votesFor": 2, "votesAgainst": 1, "invited": 3}
        assert decision["decidedBy"] == {"id": staff_id, "name": "Jin Mei"}

        message = await queue.get(timeout=30, fail=False)
        deadline = time.monotonic() + 30
        while message is None and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            message = await queue.get(fail=False)
        assert message is not None, "decision.made was not published"
        event = json.loads(message.body)
        await message.ack()
    assert (event["type"], event["source"], event["subject"]) == (
        "decision.made",
        "grassroots/participation",
        meeting["id"],
    )
    assert event["data"]["decisionId"] == decision["id"]
    assert event["data"]["orgUnitPath"] == units

    # one request joins people's names and addresses with participation's meetings (staff see
    # the names; people masks them for a resident, who still sees the meeting and its decision)
    masked = gw.ok(COMMUNITY, {"id": community}, reps[2][1])["orgUnit"]["meetings"]["edges"]
    assert [h["representative"]["name"] for h in masked[0]["node"]["households"]][2] == "Zhang Wei"
    assert masked[0]["node"]["agenda"][0]["decision"]["outcome"] == "ADOPTED"
    seen = gw.ok(COMMUNITY, {"id": community}, staff)["orgUnit"]
    [edge] = seen["meetings"]["edges"]
    assert edge["node"]["convener"] == {"name": "Jin Mei"}
    assert [h["representative"]["name"] for h in edge["node"]["households"]] == [
        "Li Na",
        "Wang Qiang",
        "Zhang Wei",
    ]
    assert edge["node"]["agenda"] == [
        {
            "title": "Parking-space lottery",
            "status": "DECIDED",
            "decision": {
                "outcome": "ADOPTED",
                "text": "Spaces are drawn by lottery every quarter.",
            },
        }
    ]
