"""Attackers try to move a case through deliberation: a resident sends their own case to a
meeting (to stop its clock), and a broker publisher forges the decision that resumes it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from grassroots_kit.messaging.envelope import new_event

from tests.abuse._attacker import Attacker, refused
from tests.abuse._broker import parked, publish_forged
from tests.abuse._cases import CHEN_HUA, NORTH_GATE, SHI_KAI, report, unit_id

SEND = """mutation($i: SendCaseToDeliberationInput!) { sendCaseToDeliberation(input: $i) {
  case { status } } }"""
ACCEPT = """mutation($i: AcceptCaseInput!) { acceptCase(input: $i) { case { status } } }"""
CASE = """query($id: ID!) { case(id: $id) { status version timeline { action } } }"""


async def _reported(attacker: Attacker, resident: str) -> tuple[str, str]:
    reported = await report(
        attacker,
        resident,
        title=f"Who pays for the stairwell light {uuid.uuid4().hex[:6]}",
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, resident, NORTH_GATE),
    )
    return reported["case"]["id"], reported["case"]["number"]


async def test_resident_cannot_send_their_case_to_deliberation(attacker: Attacker) -> None:
    # given a resident's own case, taken up by the district
    resident = attacker.token(SHI_KAI)
    case_id, _ = await _reported(attacker, resident)
    accepted = await attacker.graphql(
        ACCEPT, {"i": {"caseId": case_id}}, token=attacker.token(CHEN_HUA)
    )
    assert "errors" not in accepted, accepted
    before = (await attacker.graphql(CASE, {"id": case_id}, token=resident))["data"]["case"]
    # when the resident sends it to deliberation to pause its deadline
    body = await attacker.graphql(
        SEND, {"i": {"caseId": case_id, "reason": "let a meeting wait on it"}}, token=resident
    )
    # then they are refused and the case is as it was
    assert refused(body, "FORBIDDEN"), body
    after = (await attacker.graphql(CASE, {"id": case_id}, token=resident))["data"]["case"]
    assert after == before
    assert after["status"] == "ACCEPTED"


async def test_broker_publisher_cannot_resume_a_case_with_a_forged_decision(
    attacker: Attacker,
) -> None:
    # given a case the district sent to deliberation
    admin = attacker.token(CHEN_HUA)
    case_id, number = await _reported(attacker, attacker.token(SHI_KAI))
    assert "errors" not in await attacker.graphql(ACCEPT, {"i": {"caseId": case_id}}, token=admin)
    sent = await attacker.graphql(
        SEND, {"i": {"caseId": case_id, "reason": "the households must agree"}}, token=admin
    )
    assert sent["data"]["sendCaseToDeliberation"]["case"]["status"] == "IN_DELIBERATION", sent
    stored = await attacker.db("cases")["cases"].find_one({"_id": case_id})
    assert stored is not None
    path = [str(unit) for unit in stored["orgUnitPath"]]  # type: ignore[attr-defined]
    # when someone with broker credentials forges participation's decision on it
    forged = new_event(
        "decision.made",
        source="grassroots/cases",  # one of ours, but not the one that decides
        subject=f"forged-{uuid.uuid4().hex}",
        data={
            "decisionId": f"forged-{uuid.uuid4().hex}",
            "meetingId": "forged-meeting",
            "agendaItemId": "forged-item",
            "agendaItemTitle": number,
            "orgUnitId": path[-1],
            "orgUnitPath": path,
            "method": "CONSENSUS",
            "outcome": "REJECTED",
            "text": "Nothing to do.",
            "votesFor": 0,
            "votesAgainst": 0,
            "abstentions": 0,
            "householdsInvited": 0,
            "decidedBy": "forged-person",
            "decidedAt": datetime.now(UTC).isoformat(),
            "caseId": case_id,
            "proposalId": None,
        },
    )
    stack = attacker.stack
    await publish_forged(stack.amqp_url, f"{stack.prefix}grassroots.events", forged)
    headers = await parked(stack.amqp_url, f"{stack.prefix}cases.deliberation.dead", forged.id)
    # then it is parked with the reason, and the case still waits for a real decision
    reason = str(headers["x-death-reason"])
    assert "'grassroots/cases'" in reason
    assert "'grassroots/participation'" in reason
    await asyncio.sleep(1)
    case = (await attacker.graphql(CASE, {"id": case_id}, token=admin))["data"]["case"]
    assert case["status"] == "IN_DELIBERATION"
    assert "DELIBERATION_DECIDED" not in [e["action"] for e in case["timeline"]]
