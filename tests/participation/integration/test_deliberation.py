"""The deliberation list and the published lists on a real MongoDB and RabbitMQ: a case sent to
deliberation arrives as a proposal (once), goes on a meeting's agenda, and its decision carries
the case back; residents propose; lists are published in versions; refusals change nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from grassroots_contracts.case_events import CaseSentToDeliberation
from grassroots_contracts.event_types import CASE_SENT_TO_DELIBERATION, SOURCE_CASES
from grassroots_contracts.participation_events import DecisionMade
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from tests.participation.helpers import C1, DECIDE, SCHEDULE, Participation
from tests.participation.integration.test_graph import RESIDENTS, STAFF, schedule_input
from tests.support.apps import eventually

LIST = """query($reps: [_Any!]!, $filter: DeliberationFilter) { _entities(representations: $reps) {
  ... on OrgUnit { deliberationList(first: 10, filter: $filter) { totalCount
    edges { node { id source status title caseId caseNumber proposedBy { id }
      meeting { id } decision { outcome } } } } } } }"""
CASE = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Case { deliberation { id status caseNumber meeting { id } decision { outcome } } } } }"""
PROPOSE = """mutation($input: ProposeDeliberationItemInput!) {
  proposeDeliberationItem(input: $input) { proposal { id source status } } }"""
PUT = """mutation($input: PutProposalOnAgendaInput!) { putProposalOnAgenda(input: $input) {
  proposal { status agendaItemId meeting { id agenda { title } } } } }"""
PUBLISH = """mutation($input: PublishListInput!) { publishList(input: $input) {
  list { version entries kind } } }"""
LISTS = """query($reps: [_Any!]!, $kind: PublishedListKind!, $version: Int) {
  _entities(representations: $reps) { ... on OrgUnit {
    publishedLists(kind: $kind, version: $version) { version title entries } } } }"""


def sent(case_id: str = "case-1") -> CloudEvent:
    data = CaseSentToDeliberation(
        case_id=case_id,
        number="WC-2026-000042",
        org_unit_id="c1",
        org_unit_path=tuple(C1),
        title="The altered pipe at Harbin Road leaks",
        category="SEWAGE_WATER",
        reason="The households must agree who pays.",
        sent_by="staff-c1",
        sent_at=datetime.now(UTC),
    ).to_data()
    return new_event(CASE_SENT_TO_DELIBERATION, source=SOURCE_CASES, subject=case_id, data=data)


def unit(unit_id: str = "c1") -> dict[str, Any]:
    return {"reps": [{"__typename": "OrgUnit", "id": unit_id}]}


async def listed(p: Participation, **who: Any) -> dict[str, Any]:
    data = await p.ok(LIST, unit(), **who)
    return dict(data["_entities"][0]["deliberationList"])


async def test_a_case_sent_to_deliberation_is_proposed_once_and_decided_at_a_meeting(
    participation: Participation,
) -> None:
    p = participation
    await p.ladder(list(RESIDENTS))
    event = sent()
    await p.publish(event, event)  # a redelivery adds nothing

    async def arrived() -> bool:
        return bool(await p.db["proposals"].count_documents({"caseId": "case-1"}))

    await eventually(arrived, timeout=20)
    await p.publish(event)
    found = await listed(p, **STAFF)
    assert found["totalCount"] == 1
    proposal = found["edges"][0]["node"]
    assert (proposal["source"], proposal["status"], proposal["caseNumber"]) == (
        "CASE",
        "PROPOSED",
        "WC-2026-000042",
    )
    # a resident of the community sees it; one of another community is refused the list
    assert (await listed(p, as_person="rep-a"))["totalCount"] == 1
    assert await p.refused(LIST, unit(), as_person="outsider") == "FORBIDDEN"

    meeting_id = (await p.ok(SCHEDULE, schedule_input(), **STAFF))["scheduleMeeting"]["meeting"][
        "id"
    ]
    put = {"input": {"proposalId": proposal["id"], "meetingId": meeting_id}}
    assert await p.refused(PUT, put, as_person="rep-a") == "FORBIDDEN"
    placed = (await p.ok(PUT, put, **STAFF))["putProposalOnAgenda"]["proposal"]
    assert placed["status"] == "ON_AGENDA"
    assert placed["meeting"]["agenda"] == [{"title": "The altered pipe at Harbin Road leaks"}]
    assert await p.refused(PUT, put, **STAFF) == "INVALID_TRANSITION"
    stored = await p.db["meetings"].find_one({"_id": meeting_id})
    assert len(stored["agenda"]) == 1  # the refusal changed nothing

    await p.ok(
        DECIDE,
        {
            "input": {
                "meetingId": meeting_id,
                "itemId": placed["agendaItemId"],
                "method": "CONSENSUS",
                "text": "Each household pays an equal share.",
            }
        },
        **STAFF,
    )
    [made] = await p.outbox("decision.made")
    decision = DecisionMade.from_data(CloudEvent.from_json(made["body"]).data)
    assert (decision.case_id, decision.proposal_id) == ("case-1", proposal["id"])

    case = await p.ok(CASE, {"reps": [{"__typename": "Case", "id": "case-1"}]}, **STAFF)
    assert case["_entities"][0]["deliberation"] == {
        "id": proposal["id"],
        "status": "DECIDED",
        "caseNumber": "WC-2026-000042",
        "meeting": {"id": meeting_id},
        "decision": {"outcome": "ADOPTED"},
    }
    hidden = await p.ok(
        CASE, {"reps": [{"__typename": "Case", "id": "case-1"}]}, as_person="outsider"
    )
    assert hidden["_entities"][0]["deliberation"] is None
    waiting = await p.ok(LIST, {**unit(), "filter": {"status": ["PROPOSED"]}}, **STAFF)
    assert waiting["_entities"][0]["deliberationList"]["totalCount"] == 0

    async def filed_as_decided() -> bool:
        found = await p.ok(LIST, {**unit(), "filter": {"status": ["DECIDED"]}}, **STAFF)
        return bool(found["_entities"][0]["deliberationList"]["totalCount"] == 1)

    await eventually(filed_as_decided, timeout=20)  # participation read its own decision.made


async def test_residents_propose_for_their_own_unit_only(participation: Participation) -> None:
    p = participation
    await p.ladder(list(RESIDENTS))
    item = {"input": {"orgUnitId": "c1", "title": "A bench by the north gate"}}
    made = await p.ok(PROPOSE, item, as_person="rep-a")
    assert made["proposeDeliberationItem"]["proposal"]["source"] == "RESIDENT"
    assert await p.refused(PROPOSE, item, as_person="outsider") == "FORBIDDEN"
    blank = {"input": {"orgUnitId": "c1", "title": "   "}}
    assert await p.refused(PROPOSE, blank, as_person="rep-a") == "BAD_USER_INPUT"
    assert await p.db["proposals"].count_documents({}) == 1
    for n in range(9):
        more = {"input": {"orgUnitId": "c1", "title": f"Concern {n}"}}
        await p.ok(PROPOSE, more, as_person="rep-a")
    flood = {"input": {"orgUnitId": "c1", "title": "One too many"}}
    assert await p.refused(PROPOSE, flood, as_person="rep-a") == "CONFLICT"
    assert await p.db["proposals"].count_documents({}) == 10
    await p.ok(PROPOSE, flood, as_person="rep-b")  # the cap is per person


async def test_lists_are_published_in_versions_and_read_as_published(
    participation: Participation,
) -> None:
    p = participation
    await p.ladder(list(RESIDENTS))

    def publish(version: int, *entries: str) -> dict[str, Any]:
        return {
            "input": {
                "orgUnitId": "c1",
                "kind": "NEGATIVE",
                "title": "Six eliminations",
                "entries": list(entries),
                "expectedVersion": version,
            }
        }

    first = await p.ok(PUBLISH, publish(0, "No littering in the stairwells"), **STAFF)
    assert first["publishList"]["list"]["version"] == 1
    assert await p.refused(PUBLISH, publish(1, "x"), as_person="rep-a") == "FORBIDDEN"
    await p.ok(PUBLISH, publish(1, "No littering", "No parking in fire lanes"), **STAFF)
    assert await p.refused(PUBLISH, publish(1, "stale"), **STAFF) == "CONFLICT"
    assert await p.refused(PUBLISH, publish(2), **STAFF) == "BAD_USER_INPUT"

    every = await p.ok(LISTS, {**unit(), "kind": "NEGATIVE"}, as_person="rep-a")
    assert [v["version"] for v in every["_entities"][0]["publishedLists"]] == [2, 1]
    old = await p.ok(LISTS, {**unit(), "kind": "NEGATIVE", "version": 1}, as_person="rep-a")
    assert old["_entities"][0]["publishedLists"] == [
        {"version": 1, "title": "Six eliminations", "entries": ["No littering in the stairwells"]}
    ]
    assert await p.refused(LISTS, {**unit(), "kind": "NEGATIVE"}, as_person="outsider") == (
        "FORBIDDEN"
    )
