"""The meeting use cases over in-memory stores: who may do what, and what is published."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from grassroots_contracts.participation_events import DecisionMade, MeetingScheduled
from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition, NotFound
from grassroots_participation.domain.listing import MeetingQuery
from grassroots_participation.domain.meetings import (
    Choice,
    DecisionMethod,
    InvitedHousehold,
    MeetingKind,
    Outcome,
    Recurrence,
    Weekday,
)
from grassroots_participation.handlers import meetings, reading

from tests.participation.fakes import FakeParticipation, fake_participation
from tests.support.tokens import grant

STAFF = Principal("staff", (grant("COMMUNITY_STAFF", "d1", "s1", "c1"),))
OTHER_STAFF = Principal("staff2", (grant("COMMUNITY_STAFF", "d1", "s1", "c2"),))
GRID = Principal("grid", (grant("GRID_MEMBER", "d1", "s1", "c1", "g1"),))
REP_A = Principal("rep-a", ())
REP_B = Principal("rep-b", ())
REP_C = Principal("rep-c", ())
NEIGHBOUR = Principal("neighbour", ())  # lives in c1, in no invited household
OUTSIDER = Principal("outsider", ())  # lives in c2
FRIDAY = datetime(2026, 12, 11, 11, 0, tzinfo=UTC)  # 19:00 in Shanghai


@pytest.fixture
def world() -> FakeParticipation:
    w = fake_participation()
    w.add_unit("d1", "DISTRICT")
    w.add_unit("s1", "STREET", "d1")
    w.add_unit("c1", "COMMUNITY", "d1", "s1")
    w.add_unit("c2", "COMMUNITY", "d1", "s1")
    for person, household in (("rep-a", "ha"), ("rep-b", "hb"), ("rep-c", "hc")):
        w.add_resident(person, household, "d1", "s1", "c1")
    w.add_resident("neighbour", "hn", "d1", "s1", "c1")
    w.add_resident("outsider", "ho", "d1", "s1", "c2")
    return w


def schedule(**changes: object) -> meetings.ScheduleMeeting:
    fields: dict[str, object] = {
        "org_unit_id": "c1",
        "kind": MeetingKind.DISCUSSION_DAY,
        "title": "Friday discussion day",
        "starts_at": FRIDAY,
        "recurrence": Recurrence(Weekday.FRIDAY),
        "households": (
            InvitedHousehold("ha", "rep-a"),
            InvitedHousehold("hb", "rep-b"),
            InvitedHousehold("hc", "rep-c"),
        ),
        "organization_ids": ("property-co",),
    }
    fields.update(changes)
    return meetings.ScheduleMeeting(**fields)  # type: ignore[arg-type]


async def scheduled_with_item(world: FakeParticipation) -> tuple[str, str]:
    meeting = await meetings.schedule_meeting(world.ports, STAFF, schedule())
    _, item_id = await meetings.add_agenda_item(
        world.ports, STAFF, meeting.id, "Parking-space lottery", "Who parks where"
    )
    return meeting.id, item_id


async def test_staff_schedule_a_meeting_and_meeting_scheduled_is_published(world):
    meeting = await meetings.schedule_meeting(world.ports, STAFF, schedule())

    assert meeting.org_unit_path == ("d1", "s1", "c1")
    assert meeting.convener_id == "staff"
    [event] = world.uow.published
    assert (event.type, event.source, event.subject) == (
        "meeting.scheduled",
        "grassroots/participation",
        meeting.id,
    )
    payload = MeetingScheduled.from_data(event.data)
    assert payload.household_ids == ("ha", "hb", "hc")
    assert payload.repeats_weekly_on == "FRIDAY"


@pytest.mark.parametrize("caller", [GRID, OTHER_STAFF, REP_A, OUTSIDER])
async def test_only_community_staff_of_the_unit_convene(world, caller):
    with pytest.raises(Forbidden):
        await meetings.schedule_meeting(world.ports, caller, schedule())
    assert world.state.meetings == {}
    assert world.uow.published == []


async def test_a_representative_must_belong_to_the_household_in_the_unit(world):
    for households in (
        (InvitedHousehold("hb", "rep-a"),),  # not their household
        (InvitedHousehold("ho", "outsider"),),  # another community
        (InvitedHousehold("hx", "unknown"),),  # not known (yet)
    ):
        with pytest.raises(BadUserInput):
            await meetings.schedule_meeting(world.ports, STAFF, schedule(households=households))
    assert world.state.meetings == {}


async def test_the_meeting_is_scheduled_on_its_weekday(world):
    with pytest.raises(BadUserInput):
        await meetings.schedule_meeting(
            world.ports, STAFF, schedule(starts_at=FRIDAY + timedelta(days=1))
        )


async def test_vote_then_decide_by_household_vote_publishes_decision_made(world):
    meeting_id, item_id = await scheduled_with_item(world)
    await meetings.cast_vote(world.ports, REP_A, meeting_id, item_id, Choice.FOR)
    await meetings.cast_vote(world.ports, REP_B, meeting_id, item_id, Choice.FOR)

    meeting, decision = await meetings.record_decision(
        world.ports,
        STAFF,
        meetings.RecordDecision(meeting_id, item_id, DecisionMethod.HOUSEHOLD_VOTE, "Lottery"),
    )

    assert decision.outcome is Outcome.ADOPTED
    assert meeting.item(item_id).decision == decision
    event = world.uow.published[-1]
    assert event.type == "decision.made"
    made = DecisionMade.from_data(event.data)
    assert (made.votes_for, made.households_invited, made.method) == (2, 3, "HOUSEHOLD_VOTE")
    assert made.agenda_item_title == "Parking-space lottery"


async def test_voting_twice_is_refused_and_changes_nothing(world):
    meeting_id, item_id = await scheduled_with_item(world)
    await meetings.cast_vote(world.ports, REP_A, meeting_id, item_id, Choice.FOR)
    before = world.state.meetings[meeting_id].version

    with pytest.raises(Conflict):
        await meetings.cast_vote(world.ports, REP_A, meeting_id, item_id, Choice.AGAINST)

    stored = world.state.meetings[meeting_id]
    assert stored.version == before
    assert [v.choice for v in stored.item(item_id).votes] == [Choice.FOR]


async def test_a_neighbour_of_the_unit_who_is_no_representative_may_not_vote(world):
    meeting_id, item_id = await scheduled_with_item(world)

    with pytest.raises(Forbidden):
        await meetings.cast_vote(world.ports, NEIGHBOUR, meeting_id, item_id, Choice.FOR)
    # Staff may run the meeting but do not vote for a household either.
    with pytest.raises(Forbidden):
        await meetings.cast_vote(world.ports, STAFF, meeting_id, item_id, Choice.FOR)
    assert world.state.meetings[meeting_id].item(item_id).votes == []


async def test_a_resident_of_another_community_sees_no_meeting_to_vote_in(world):
    meeting_id, item_id = await scheduled_with_item(world)

    with pytest.raises(NotFound):
        await meetings.cast_vote(world.ports, OUTSIDER, meeting_id, item_id, Choice.FOR)
    with pytest.raises(NotFound):
        await reading.meeting(world.ports, OUTSIDER, meeting_id)


async def test_quorum_not_met_leaves_the_item_open_and_publishes_nothing(world):
    meeting_id, item_id = await scheduled_with_item(world)
    await meetings.cast_vote(world.ports, REP_A, meeting_id, item_id, Choice.FOR)
    published = len(world.uow.published)

    with pytest.raises(InvalidTransition) as refused:
        await meetings.record_decision(
            world.ports,
            STAFF,
            meetings.RecordDecision(meeting_id, item_id, DecisionMethod.HOUSEHOLD_VOTE, ""),
        )

    assert refused.value.extensions["code"] == "INVALID_TRANSITION"
    assert len(world.uow.published) == published
    assert world.state.meetings[meeting_id].item(item_id).decision is None


async def test_only_staff_run_the_meeting(world):
    meeting_id, item_id = await scheduled_with_item(world)
    for change in (
        lambda: meetings.add_agenda_item(world.ports, REP_A, meeting_id, "Mine", ""),
        lambda: meetings.record_attendance(world.ports, REP_A, meeting_id, ["rep-a"]),
        lambda: meetings.record_decision(
            world.ports,
            REP_A,
            meetings.RecordDecision(meeting_id, item_id, DecisionMethod.CONSENSUS, "agreed"),
        ),
        lambda: meetings.record_minutes(world.ports, REP_A, meeting_id, "minutes"),
        lambda: meetings.close_meeting(world.ports, REP_A, meeting_id, None),
        lambda: meetings.close_meeting(world.ports, OTHER_STAFF, meeting_id, None),
    ):
        with pytest.raises((Forbidden, NotFound)):
            await change()


async def test_deciding_a_decided_item_or_in_a_closed_meeting_is_refused(world):
    meeting_id, item_id = await scheduled_with_item(world)
    command = meetings.RecordDecision(meeting_id, item_id, DecisionMethod.CONSENSUS, "agreed")
    await meetings.record_decision(world.ports, STAFF, command)

    with pytest.raises(InvalidTransition) as again:
        await meetings.record_decision(world.ports, STAFF, command)
    assert again.value.extensions["code"] == "INVALID_TRANSITION"

    await meetings.close_meeting(world.ports, STAFF, meeting_id, "Minutes")
    with pytest.raises(InvalidTransition) as closed:
        await meetings.cast_vote(world.ports, REP_A, meeting_id, item_id, Choice.FOR)
    assert closed.value.extensions["code"] == "INVALID_TRANSITION"
    assert [e.type for e in world.uow.published].count("decision.made") == 1


async def test_who_may_list_a_units_meetings(world):
    await scheduled_with_item(world)
    await meetings.schedule_meeting(
        world.ports, OTHER_STAFF, schedule(org_unit_id="c2", households=())
    )
    street = MeetingQuery(within="s1")

    assert (await reading.meetings_of_unit(world.ports, STAFF, street, 10, None)).total_count == 1
    # A resident listing their street sees their own community's meetings only.
    page = await reading.meetings_of_unit(world.ports, NEIGHBOUR, street, 10, None)
    assert [m.org_unit_id for m in page.items] == ["c1"]
    with pytest.raises(Forbidden):
        await reading.meetings_of_unit(world.ports, OUTSIDER, MeetingQuery(within="c1"), 10, None)
    street_staff = Principal("st", (grant("STREET_STAFF", "d1", "s1"),))
    assert (
        await reading.meetings_of_unit(world.ports, street_staff, street, 10, None)
    ).total_count == 2
