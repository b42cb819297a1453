"""Party members who try to mint points from their own commitments (issue 16, finding 2:
`makeCommitment` then `fulfillCommitment` took a volunteer from nothing to 90 points).

Each test checks the refusal and that nothing was earned: no `commitment.fulfilled` in people's
outbox, no ledger entry in points' database, `Person.points` unchanged.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.abuse._attacker import Attacker, refused
from tests.abuse._earning import (
    LONG_WEI,
    SHI_KAI,
    ledger_of,
    person_id,
    points_of,
    published,
)

MAKE = """mutation($i: MakeCommitmentInput!) { makeCommitment(input: $i) { commitment { id } } }"""
FULFILL = """mutation($i: FulfillCommitmentInput!) { fulfillCommitment(input: $i) {
  commitment { id status } } }"""
CONFIRM = """mutation($i: ConfirmCommitmentInput!) { confirmCommitment(input: $i) {
  commitment { id status } } }"""


async def _claimed_commitment(attacker: Attacker, token: str) -> str:
    due = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    made = await attacker.graphql(
        MAKE, {"i": {"text": f"Fix taps {uuid.uuid4().hex[:6]}", "dueBy": due}}, token=token
    )
    assert "errors" not in made, made
    commitment = str(made["data"]["makeCommitment"]["commitment"]["id"])
    claimed = await attacker.graphql(
        FULFILL, {"i": {"commitmentId": commitment, "evidence": "Trust me"}}, token=token
    )
    assert "errors" not in claimed, claimed
    assert claimed["data"]["fulfillCommitment"]["commitment"]["status"] == "PROMISED"
    return commitment


async def test_party_member_cannot_mint_points_by_fulfilling_own_commitment(attacker: Attacker):
    # Long Wei, volunteer and party member, promises, claims it kept and confirms it himself,
    # three times over.
    token = attacker.token(LONG_WEI)
    me = await person_id(attacker, LONG_WEI)
    before_points, before_ledger = await points_of(attacker, token), await ledger_of(attacker, me)

    answers, commitments = [], []
    for _ in range(3):
        commitment = await _claimed_commitment(attacker, token)
        commitments.append(commitment)
        answers.append(
            await attacker.graphql(CONFIRM, {"i": {"commitmentId": commitment}}, token=token)
        )

    assert all(refused(answer, "FORBIDDEN") for answer in answers)
    assert all(answer.get("data") is None for answer in answers)
    for commitment in commitments:
        assert await published(attacker, "commitment.fulfilled", commitment) == []
        stored = await attacker.db("people")["commitments"].find_one({"_id": commitment})
        assert stored is not None
        assert stored["status"] == "PROMISED"
        assert stored.get("confirmedBy") is None
    assert await ledger_of(attacker, me) == before_ledger
    assert await points_of(attacker, token) == before_points


async def test_party_member_cannot_have_a_neighbour_without_a_role_vouch_for_it(
    attacker: Attacker,
):
    # Shi Kai, a resident who serves nobody, confirms Long Wei's claim for him.
    token = attacker.token(LONG_WEI)
    me = await person_id(attacker, LONG_WEI)
    commitment = await _claimed_commitment(attacker, token)
    before_ledger = await ledger_of(attacker, me)

    body = await attacker.graphql(
        CONFIRM, {"i": {"commitmentId": commitment}}, token=attacker.token(SHI_KAI)
    )

    assert refused(body, "FORBIDDEN")
    assert await published(attacker, "commitment.fulfilled", commitment) == []
    assert await ledger_of(attacker, me) == before_ledger
