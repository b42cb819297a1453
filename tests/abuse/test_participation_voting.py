"""Attackers try to sway a household vote: voting twice, voting without representing an invited
household, voting or reading anonymously, and a resident of another community reaching in."""

from __future__ import annotations

from tests.abuse._attacker import Attacker, refused
from tests.abuse._cases import unit_id
from tests.abuse._participation import (
    HE_QIN,
    MEETING,
    SCHEDULE,
    SHI_KAI,
    TAOHUAJING,
    UNIT_MEETINGS,
    VOTE,
    ZHAO_GANG,
    ZHOU_MIN,
    ballot,
    discussion_day,
    votes,
)


async def test_representative_cannot_vote_twice_for_their_household(attacker: Attacker):
    # given a discussion day He Qin's household is invited to, and her vote for the item
    meeting_id, item_id = await discussion_day(attacker)
    he_qin = attacker.token(HE_QIN)
    first = await attacker.graphql(VOTE, ballot(meeting_id, item_id), token=he_qin)
    assert "errors" not in first, first
    # when she votes again, the other way
    again = await attacker.graphql(VOTE, ballot(meeting_id, item_id, "AGAINST"), token=he_qin)
    # then she is refused and her household still has its one vote, as first cast
    assert refused(again, "CONFLICT")
    assert [v["choice"] for v in await votes(attacker, meeting_id)] == ["FOR"]


async def test_resident_who_represents_no_invited_household_cannot_vote(attacker: Attacker):
    # given a discussion day Shi Kai's household is not invited to (he lives in the community)
    meeting_id, item_id = await discussion_day(attacker)
    # when he votes, and when the staff who convened it vote for a household
    shi_kai = await attacker.graphql(
        VOTE, ballot(meeting_id, item_id), token=attacker.token(SHI_KAI)
    )
    staff = await attacker.graphql(
        VOTE, ballot(meeting_id, item_id), token=attacker.token(ZHOU_MIN)
    )
    # then both are refused and no vote is stored
    assert refused(shi_kai, "FORBIDDEN")
    assert refused(staff, "FORBIDDEN")
    assert await votes(attacker, meeting_id) == []


async def test_anonymous_caller_cannot_vote_read_or_schedule(attacker: Attacker):
    # given a discussion day
    meeting_id, item_id = await discussion_day(attacker)
    community = await unit_id(attacker, attacker.token(ZHOU_MIN), TAOHUAJING)
    meetings_before = await attacker.db("participation")["meetings"].count_documents({})
    # when someone without a token votes, reads the meeting and the unit's list, and schedules
    vote = await attacker.graphql(VOTE, ballot(meeting_id, item_id))
    read = await attacker.graphql(MEETING, {"id": meeting_id})
    listing = await attacker.graphql(UNIT_MEETINGS, {"id": community})
    schedule = await attacker.graphql(
        SCHEDULE,
        {
            "input": {
                "orgUnitId": community,
                "kind": "MASS_MEETING",
                "title": "Fake meeting",
                "startsAt": "2026-12-11T11:00:00Z",
            }
        },
    )
    # then each is refused, nothing is read and nothing is written
    assert refused(vote, "UNAUTHENTICATED")
    assert refused(read, "UNAUTHENTICATED")
    assert (read.get("data") or {}).get("meeting") is None
    assert refused(listing, "UNAUTHENTICATED")
    assert listing["data"]["orgUnit"]["meetings"] is None
    assert refused(schedule, "UNAUTHENTICATED")
    assert await votes(attacker, meeting_id) == []
    assert await attacker.db("participation")["meetings"].count_documents({}) == meetings_before


async def test_resident_of_another_community_cannot_vote_or_see_the_meeting(attacker: Attacker):
    # given a Taohuajing discussion day and Zhao Gang, who lives in Yichun Road Community
    meeting_id, item_id = await discussion_day(attacker)
    zhao_gang = attacker.token(ZHAO_GANG)
    community = await unit_id(attacker, attacker.token(ZHOU_MIN), TAOHUAJING)
    # when he votes with the meeting's id, reads it, and lists Taohuajing's meetings
    vote = await attacker.graphql(VOTE, ballot(meeting_id, item_id), token=zhao_gang)
    read = await attacker.graphql(MEETING, {"id": meeting_id}, token=zhao_gang)
    listing = await attacker.graphql(UNIT_MEETINGS, {"id": community}, token=zhao_gang)
    # then the meeting does not exist for him, the list is refused, and no vote is stored
    assert refused(vote, "NOT_FOUND")
    assert refused(read, "NOT_FOUND")
    assert (read.get("data") or {}).get("meeting") is None
    assert refused(listing, "FORBIDDEN")
    assert listing["data"]["orgUnit"]["meetings"] is None
    assert await votes(attacker, meeting_id) == []
