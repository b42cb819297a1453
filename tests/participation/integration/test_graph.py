"""The participation subgraph on a real MongoDB and RabbitMQ: people's events build its
projections, staff schedule and run a meeting, households vote, decisions are published."""

from __future__ import annotations

from typing import Any

from grassroots_contracts.participation_events import DecisionMade, MeetingScheduled
from grassroots_kit.messaging.envelope import CloudEvent

from tests.participation.helpers import (
    ADD_ITEM,
    ATTEND,
    C1,
    C1_STAFF,
    C2,
    C2_STAFF,
    CLOSE,
    DECIDE,
    MEETING,
    MINUTES,
    SCHEDULE,
    UNIT_MEETINGS,
    VOTE,
    Participation,
    friday_evening,
    person_registered,
)
from tests.support.apps import eventually

RESIDENTS = [
    ("rep-a", "ha", C1),
    ("rep-b", "hb", C1),
    ("rep-c", "hc", C1),
    ("neighbour", "hn", C1),
    ("outsider", "ho", C2),
]
STAFF = {"as_person": "staff-c1", "grants": (C1_STAFF,)}


def schedule_input(**changes: Any) -> dict[str, Any]:
    return {
        "input": {
            "orgUnitId": "c1",
            "kind": "DISCUSSION_DAY",
            "title": "Friday discussion day",
            "startsAt": friday_evening(),
            "recurrence": {"weekday": "FRIDAY"},
            "households": [
                {"householdId": "ha", "representativeId": "rep-a"},
                {"householdId": "hb", "representativeId": "rep-b"},
                {"householdId": "hc", "representativeId": "rep-c"},
            ],
            "organizationIds": ["property-co"],
            **changes,
        }
    }


async def meeting_with_item(p: Participation) -> tuple[str, str]:
    data = await p.ok(SCHEDULE, schedule_input(), **STAFF)
    meeting_id = data["scheduleMeeting"]["meeting"]["id"]
    item = await p.ok(
        ADD_ITEM, {"input": {"meetingId": meeting_id, "title": "Parking-space lottery"}}, **STAFF
    )
    return meeting_id, item["addAgendaItem"]["item"]["id"]


def vote(meeting_id: str, item_id: str, choice: str = "FOR") -> dict[str, Any]:
    return {"input": {"meetingId": meeting_id, "itemId": item_id, "choice": choice}}


async def test_a_discussion_day_votes_and_decision_made_is_published(participation):
    p = participation
    await p.ladder(RESIDENTS)
    data = await p.ok(SCHEDULE, schedule_input(), **STAFF)
    meeting = data["scheduleMeeting"]["meeting"]
    assert meeting["recurrence"] == {"weekday": "FRIDAY", "until": None}
    assert [h["representative"]["id"] for h in meeting["households"]] == ["rep-a", "rep-b", "rep-c"]
    assert len(meeting["nextOccurrences"]) == 2
    item = await p.ok(
        ADD_ITEM, {"input": {"meetingId": meeting["id"], "title": "Parking-space lottery"}}, **STAFF
    )
    item_id = item["addAgendaItem"]["item"]["id"]
    await p.ok(
        ATTEND, {"input": {"meetingId": meeting["id"], "personIds": ["rep-a", "rep-b"]}}, **STAFF
    )

    cast = await p.ok(VOTE, vote(meeting["id"], item_id), as_person="rep-a")
    assert cast["castVote"]["item"]["myVote"] == "FOR"
    cast = await p.ok(VOTE, vote(meeting["id"], item_id, "AGAINST"), as_person="rep-b")
    assert cast["castVote"]["item"]["tally"] == {
        "votesFor": 1,
        "voted": 2,
        "invited": 3,
        "quorum": 2,
        "quorumMet": True,
    }
    await p.ok(VOTE, vote(meeting["id"], item_id), as_person="rep-c")
    decided = await p.ok(
        DECIDE,
        {
            "input": {
                "meetingId": meeting["id"],
                "itemId": item_id,
                "method": "HOUSEHOLD_VOTE",
                "text": "A lottery decides the spaces each quarter.",
            }
        },
        **STAFF,
    )
    decision = decided["recordDecision"]["decision"]
    assert (decision["outcome"], decision["method"]) == ("ADOPTED", "HOUSEHOLD_VOTE")
    assert decision["tally"] == {"votesFor": 2, "votesAgainst": 1, "abstentions": 0, "invited": 3}
    assert decided["recordDecision"]["item"]["status"] == "DECIDED"
    closed = await p.ok(CLOSE, {"input": {"meetingId": meeting["id"], "minutes": "Done."}}, **STAFF)
    assert closed["closeMeeting"]["meeting"]["status"] == "CLOSED"

    [scheduled] = await p.outbox("meeting.scheduled")
    assert (
        MeetingScheduled.from_data(CloudEvent.from_json(scheduled["body"]).data).meeting_id
        == meeting["id"]
    )
    [made] = await p.outbox("decision.made")
    payload = DecisionMade.from_data(CloudEvent.from_json(made["body"]).data)
    assert (payload.meeting_id, payload.agenda_item_id, payload.outcome) == (
        meeting["id"],
        item_id,
        "ADOPTED",
    )
    assert payload.org_unit_path == ("d1", "s1", "c1")

    async def relayed() -> bool:
        doc = await p.db["outbox"].find_one({"_id": made["_id"]})
        return doc["sentAt"] is not None

    await eventually(relayed, timeout=20)

    seen = await p.ok(MEETING, {"id": meeting["id"]}, as_person="neighbour")
    assert seen["meeting"]["agenda"][0]["decision"] == {
        "outcome": "ADOPTED",
        "method": "HOUSEHOLD_VOTE",
    }
    assert [a["id"] for a in seen["meeting"]["attendance"]] == ["rep-a", "rep-b"]


async def test_refusals_carry_their_codes_and_change_nothing(participation):
    p = participation
    await p.ladder(RESIDENTS)
    meeting_id, item_id = await meeting_with_item(p)
    await p.ok(VOTE, vote(meeting_id, item_id), as_person="rep-a")

    assert (
        await p.refused(VOTE, vote(meeting_id, item_id, "AGAINST"), as_person="rep-a") == "CONFLICT"
    )
    assert await p.refused(VOTE, vote(meeting_id, item_id), as_person="neighbour") == "FORBIDDEN"
    assert await p.refused(VOTE, vote(meeting_id, item_id), as_person="outsider") == "NOT_FOUND"
    assert await p.refused(VOTE, vote(meeting_id, item_id)) == "UNAUTHENTICATED"
    decide = {
        "input": {
            "meetingId": meeting_id,
            "itemId": item_id,
            "method": "HOUSEHOLD_VOTE",
            "text": "",
        }
    }
    assert await p.refused(DECIDE, decide, **STAFF) == "INVALID_TRANSITION"  # 1 of 3: no quorum
    assert await p.refused(DECIDE, decide, as_person="rep-a") == "FORBIDDEN"
    assert (
        await p.refused(SCHEDULE, schedule_input(), as_person="staff-c2", grants=(C2_STAFF,))
        == "FORBIDDEN"
    )
    assert await p.refused(SCHEDULE, schedule_input(startsAt="2026-12-12T11:00:00Z"), **STAFF) == (
        "BAD_USER_INPUT"
    )
    bad_rep = schedule_input(households=[{"householdId": "hb", "representativeId": "rep-a"}])
    assert await p.refused(SCHEDULE, bad_rep, **STAFF) == "BAD_USER_INPUT"

    stored = await p.db["meetings"].find_one({"_id": meeting_id})
    assert [v["personId"] for v in stored["agenda"][0]["votes"]] == ["rep-a"]
    assert stored["agenda"][0]["decision"] is None
    assert await p.db["meetings"].count_documents({}) == 1
    assert await p.outbox("decision.made") == []

    decide["input"]["method"] = "CONSENSUS"
    await p.ok(DECIDE, decide, **STAFF)
    assert await p.refused(DECIDE, decide, **STAFF) == "INVALID_TRANSITION"
    await p.ok(MINUTES, {"input": {"meetingId": meeting_id, "minutes": "Agreed."}}, **STAFF)
    await p.ok(CLOSE, {"input": {"meetingId": meeting_id}}, **STAFF)
    assert (
        await p.refused(VOTE, vote(meeting_id, item_id), as_person="rep-b") == "INVALID_TRANSITION"
    )
    assert len(await p.outbox("decision.made")) == 1


async def test_a_units_meetings_for_staff_residents_and_outsiders(participation):
    p = participation
    await p.ladder(RESIDENTS)
    ids = []
    for week in range(3):
        day = f"2026-12-{11 + 7 * week}T11:00:00+00:00"
        data = await p.ok(SCHEDULE, schedule_input(startsAt=day, households=[]), **STAFF)
        ids.append(data["scheduleMeeting"]["meeting"]["id"])
    await p.ok(
        SCHEDULE,
        schedule_input(orgUnitId="c2", households=[], kind="NIGHT_TALK", recurrence=None),
        as_person="staff-c2",
        grants=(C2_STAFF,),
    )
    street = {"reps": [{"__typename": "OrgUnit", "id": "s1"}], "first": 2}

    page = await p.ok(UNIT_MEETINGS, street, as_person="street", grants=(C1_STAFF, C2_STAFF))
    listing = page["_entities"][0]["meetings"]
    assert listing["totalCount"] == 4
    assert [e["node"]["id"] for e in listing["edges"]] == ids[:2] or listing["pageInfo"][
        "hasNextPage"
    ]
    rest = await p.ok(
        UNIT_MEETINGS,
        {**street, "first": 10, "after": listing["pageInfo"]["endCursor"]},
        as_person="street",
        grants=(C1_STAFF, C2_STAFF),
    )
    assert len(rest["_entities"][0]["meetings"]["edges"]) == 2

    mine = await p.ok(UNIT_MEETINGS, {**street, "first": 10}, as_person="neighbour")
    assert [e["node"]["id"] for e in mine["_entities"][0]["meetings"]["edges"]] == ids
    talks = await p.ok(
        UNIT_MEETINGS,
        {**street, "first": 10, "filter": {"kinds": ["NIGHT_TALK"]}},
        as_person="outsider",
    )
    assert [e["node"]["kind"] for e in talks["_entities"][0]["meetings"]["edges"]] == ["NIGHT_TALK"]

    c1 = {"reps": [{"__typename": "OrgUnit", "id": "c1"}]}
    body = await p.gql(UNIT_MEETINGS, c1, as_person="outsider")
    assert body["data"]["_entities"][0]["meetings"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await p.gql(UNIT_MEETINGS, c1)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await p.refused(MEETING, {"id": ids[0]}, as_person="outsider") == "NOT_FOUND"


async def test_people_events_are_applied_once_and_only_when_newer(participation):
    p = participation
    await p.ladder([("rep-a", "ha", C1)])
    moved = person_registered("rep-a", "ho", C2, version=2)
    stale = person_registered("rep-a", "ha", C1, version=1)
    await p.publish(moved, moved, stale)
    await p.processed(moved, stale)

    doc = await p.db["people"].find_one({"_id": "rep-a"})
    assert (doc["householdId"], doc["orgUnitPath"], doc["version"]) == ("ho", C2, 2)
    # rep-a now lives in c2: c1's staff cannot make them a c1 household's representative.
    moved_rep = schedule_input(households=[{"householdId": "ha", "representativeId": "rep-a"}])
    assert await p.refused(SCHEDULE, moved_rep, **STAFF) == "BAD_USER_INPUT"
