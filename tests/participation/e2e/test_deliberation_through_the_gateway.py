"""A case goes to deliberation and comes back, through the gateway on the whole local stack.

Cases sends the case (`case.sent_to_deliberation`), participation puts it on the community's
deliberation list, a Friday discussion day votes on it, `decision.made` reaches cases, the case
resumes and closes with the decision on its timeline; a redelivered `decision.made` changes
nothing."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest

from tests.participation.e2e.test_through_the_gateway import BOOTSTRAP, PASSWORD, Gateway
from tests.support.stack import Stack, remove_stack_state, running_stack

pytestmark = pytest.mark.e2e

CASE = """query($id: ID!) { case(id: $id) { id status version
  timeline { action toStatus note decision { outcome method votesFor votesAgainst
    householdsInvited meetingId } }
  deliberation { status title caseNumber meeting { id title } decision { outcome method } } } }"""
LIST = """query($id: ID!) { orgUnit(id: $id) { deliberationList(first: 10) { totalCount
  edges { node { id source status caseId title description } } } } }"""


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir = tmp_path_factory.mktemp("deliberation-e2e")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


def until(check: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.3)


async def test_a_case_is_decided_by_a_discussion_day_and_closes(stack: Stack) -> None:
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
    digits = str(uuid.uuid4().int)[:7]

    def person(name: str, phone: str, household: str | None, role: str | None) -> tuple[str, str]:
        placed = {"householdId": household} if household else {"orgUnitId": community}
        made = gw.ok(
            """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }""",
            {"i": {"name": name, "phone": phone, "password": PASSWORD, **placed}},
            root,
        )
        person_id = str(made["registerPerson"]["person"]["id"])
        if role:
            gw.ok(
                """mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }""",
                {"i": {"personId": person_id, "role": role, "orgUnitId": community}},
                root,
            )
        return person_id, gw.login(phone, PASSWORD)

    households = [
        gw.ok(
            """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }""",
            {"i": {"orgUnitId": community, "address": f"Harbin Road 8, Room {room}"}},
            root,
        )["createHousehold"]["household"]["id"]
        for room in (101, 102, 201)
    ]
    staff_id, staff = person("Zhou Min", f"137{digits}0", None, "COMMUNITY_STAFF")
    reps = [
        person(name, f"137{digits}{i + 1}", households[i], None)
        for i, name in enumerate(("Liu Yang", "Chen Jing", "Sun Hao"))
    ]
    reporter = reps[0][1]

    # the resident reports; the community's staff take it up and work it
    case_id = gw.eventually_ok(
        """mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { id } } }""",
        {
            "i": {
                "title": "The altered sewage pipe at Harbin Road 8 leaks",
                "category": "SEWAGE_WATER",
                "orgUnitId": community,
            }
        },
        reporter,
    )["reportCase"]["case"]["id"]
    gw.eventually_ok(
        """mutation($i: AcceptCaseInput!) { acceptCase(input: $i) { case { status } } }""",
        {"i": {"caseId": case_id}},
        staff,
    )
    gw.ok(
        """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }""",
        {"i": {"caseId": case_id, "assigneeId": staff_id}},
        staff,
    )
    gw.ok(
        """mutation($i: StartCaseInput!) { startCase(input: $i) { case { status } } }""",
        {"i": {"caseId": case_id}},
        staff,
    )

    send = """mutation($i: SendCaseToDeliberationInput!) { sendCaseToDeliberation(input: $i) {
      case { status timeline { action note } } } }"""
    reason = "The repair office cannot fix an altered pipe: the households must agree who pays."
    refused = gw.call(send, {"i": {"caseId": case_id, "reason": reason}}, reporter)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    waiting = gw.ok(send, {"i": {"caseId": case_id, "reason": reason}}, staff)
    assert waiting["sendCaseToDeliberation"]["case"]["status"] == "IN_DELIBERATION"

    # participation puts it on the community's deliberation list
    def listed() -> Any:
        body = gw.call(LIST, {"id": community}, staff)
        edges = ((body.get("data") or {}).get("orgUnit") or {}).get("deliberationList") or {}
        found = [e["node"] for e in edges.get("edges", []) if e["node"]["caseId"] == case_id]
        return found[0] if found else None

    proposal = until(listed)
    assert (proposal["source"], proposal["status"], proposal["description"]) == (
        "CASE",
        "PROPOSED",
        reason,
    )

    connection = await aio_pika.connect(stack.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(f"{stack.prefix}grassroots.events")
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="decision.made")

        meeting = gw.eventually_ok(
            """mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) {
              meeting { id } } }""",
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
        placed = gw.ok(
            """mutation($i: PutProposalOnAgendaInput!) { putProposalOnAgenda(input: $i) {
              proposal { status agendaItemId meeting { id } } } }""",
            {"i": {"proposalId": proposal["id"], "meetingId": meeting["id"]}},
            staff,
        )["putProposalOnAgenda"]["proposal"]
        assert placed["status"] == "ON_AGENDA"
        item = placed["agendaItemId"]
        for (_, token), choice in zip(reps, ("FOR", "FOR", "AGAINST"), strict=True):
            gw.ok(
                """mutation($i: CastVoteInput!) { castVote(input: $i) { choice } }""",
                {"i": {"meetingId": meeting["id"], "itemId": item, "choice": choice}},
                token,
            )
        gw.ok(
            """mutation($i: RecordDecisionInput!) { recordDecision(input: $i) {
              decision { outcome } } }""",
            {
                "i": {
                    "meetingId": meeting["id"],
                    "itemId": item,
                    "method": "HOUSEHOLD_VOTE",
                    "text": "Each household pays an equal share; the red partner covers the gap.",
                }
            },
            staff,
        )
        message = None
        deadline = time.monotonic() + 30
        while message is None and time.monotonic() < deadline:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.2)
        assert message is not None, "decision.made was not published"
        await message.ack()

        # decision.made reaches cases: the case resumes with the decision on its timeline
        def resumed() -> Any:
            found = gw.ok(CASE, {"id": case_id}, staff)["case"]
            return found if found["status"] == "IN_PROGRESS" else None

        case = until(resumed)
        decided = [e for e in case["timeline"] if e["decision"]]
        assert len(decided) == 1
        assert decided[0]["action"] == "DELIBERATION_DECIDED"
        assert decided[0]["decision"] == {
            "outcome": "ADOPTED",
            "method": "HOUSEHOLD_VOTE",
            "votesFor": 2,
            "votesAgainst": 1,
            "householdsInvited": 3,
            "meetingId": meeting["id"],
        }
        assert case["deliberation"]["status"] == "DECIDED"
        assert case["deliberation"]["meeting"]["id"] == meeting["id"]
        assert case["deliberation"]["decision"] == {
            "outcome": "ADOPTED",
            "method": "HOUSEHOLD_VOTE",
        }

        # a redelivered decision.made changes nothing
        await exchange.publish(
            aio_pika.Message(
                body=message.body,
                content_type=message.content_type,
                headers=message.headers,
                message_id=message.message_id,
            ),
            routing_key="decision.made",
        )
        await asyncio.sleep(3)
    again = gw.ok(CASE, {"id": case_id}, staff)["case"]
    assert again["version"] == case["version"]
    assert again["timeline"] == case["timeline"]

    # the handler resolves and the case closes as usual
    gw.ok(
        """mutation($i: ResolveCaseInput!) { resolveCase(input: $i) { case { status } } }""",
        {"i": {"caseId": case_id, "resolution": "Repaired after the households agreed to pay."}},
        staff,
    )
    closed = gw.ok(
        """mutation($i: CloseCaseInput!) { closeCase(input: $i) { case { status
          timeline { action decision { outcome } } } } }""",
        {"i": {"caseId": case_id}},
        staff,
    )["closeCase"]["case"]
    assert closed["status"] == "CLOSED"
    assert any(e["decision"] == {"outcome": "ADOPTED"} for e in closed["timeline"])
