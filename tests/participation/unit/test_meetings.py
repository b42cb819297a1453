"""The meeting rules, pure: voting, quorum, decisions, closing, schedules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.errors import BadUserInput, ErrorCode, NotFound
from grassroots_participation.domain.meetings import (
    AlreadyVoted,
    Choice,
    DecisionMethod,
    InvitedHousehold,
    ItemAlreadyDecided,
    ItemStatus,
    Meeting,
    MeetingClosed,
    MeetingKind,
    MeetingStatus,
    NotARepresentative,
    Outcome,
    QuorumNotMet,
    Recurrence,
    Tally,
    Weekday,
    check_invitations,
    check_schedule,
    occurrences,
)

NOW = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)  # Friday 10:00 in Shanghai


def meeting(households: int = 4) -> Meeting:
    m = Meeting(
        id="m1",
        org_unit_id="c1",
        org_unit_path=("d1", "s1", "c1"),
        kind=MeetingKind.DISCUSSION_DAY,
        title="Friday discussion day",
        starts_at=NOW,
        convener_id="staff",
        created_at=NOW,
        households=tuple(InvitedHousehold(f"h{i}", f"rep{i}") for i in range(households)),
    )
    m.add_item("i1", "Parking-space lottery", "", "staff", NOW)
    return m


def test_a_representative_votes_once_for_the_household():
    m = meeting()
    vote = m.cast_vote("i1", "rep0", Choice.FOR, NOW)

    assert vote.household_id == "h0"
    with pytest.raises(AlreadyVoted) as refused:
        m.cast_vote("i1", "rep0", Choice.AGAINST, NOW)
    assert refused.value.extensions["code"] == ErrorCode.CONFLICT
    assert [v.choice for v in m.item("i1").votes] == [Choice.FOR]


def test_someone_who_represents_no_invited_household_may_not_vote():
    m = meeting()

    with pytest.raises(NotARepresentative) as refused:
        m.cast_vote("i1", "neighbour", Choice.FOR, NOW)

    assert refused.value.extensions["code"] == ErrorCode.FORBIDDEN
    assert m.item("i1").votes == []


def test_a_vote_without_quorum_decides_nothing():
    m = meeting(households=5)
    m.cast_vote("i1", "rep0", Choice.FOR, NOW)
    m.cast_vote("i1", "rep1", Choice.FOR, NOW)

    with pytest.raises(QuorumNotMet) as refused:
        m.decide("i1", "d1", DecisionMethod.HOUSEHOLD_VOTE, "lottery", "staff", NOW)

    assert refused.value.extensions == {
        "code": "INVALID_TRANSITION",
        "voted": 2,
        "invited": 5,
        "quorum": 3,
    }
    assert m.item("i1").status is ItemStatus.OPEN
    assert m.item("i1").decision is None


def test_a_vote_with_quorum_decides_by_the_majority_of_households_voting():
    m = meeting(households=5)
    for rep, choice in (("rep0", Choice.FOR), ("rep1", Choice.FOR), ("rep2", Choice.AGAINST)):
        m.cast_vote("i1", rep, choice, NOW)

    decision = m.decide("i1", "d1", DecisionMethod.HOUSEHOLD_VOTE, "lottery", "staff", NOW)

    assert decision.outcome is Outcome.ADOPTED
    assert decision.tally == Tally(votes_for=2, votes_against=1, abstentions=0, invited=5)
    assert m.item("i1").status is ItemStatus.DECIDED


def test_a_tie_or_abstentions_do_not_adopt():
    assert Tally(2, 2, 0, 4).outcome is Outcome.REJECTED
    assert Tally(2, 0, 2, 4).outcome is Outcome.REJECTED
    assert Tally(3, 0, 2, 5).outcome is Outcome.ADOPTED


def test_quorum_is_more_than_half_of_the_invited_households():
    assert Tally(0, 0, 0, 4).quorum == 3
    assert Tally(2, 0, 0, 4).quorum_met is False
    assert Tally(2, 1, 0, 4).quorum_met is True
    assert Tally(0, 0, 0, 0).quorum_met is False  # nobody invited: no vote decides


def test_the_households_outcome_wins_over_what_the_recorder_says():
    m = meeting(households=2)
    m.cast_vote("i1", "rep0", Choice.AGAINST, NOW)
    m.cast_vote("i1", "rep1", Choice.AGAINST, NOW)

    decision = m.decide(
        "i1", "d1", DecisionMethod.HOUSEHOLD_VOTE, "", "staff", NOW, outcome=Outcome.ADOPTED
    )

    assert decision.outcome is Outcome.REJECTED


def test_consensus_records_what_was_agreed_without_a_count():
    m = meeting()

    decision = m.decide("i1", "d1", DecisionMethod.CONSENSUS, "agreed", "staff", NOW)

    assert (decision.outcome, decision.tally, decision.text) == (Outcome.ADOPTED, None, "agreed")


def test_a_decided_item_takes_no_more_votes_or_decisions():
    m = meeting()
    m.decide("i1", "d1", DecisionMethod.CONSENSUS, "agreed", "staff", NOW)

    with pytest.raises(ItemAlreadyDecided):
        m.cast_vote("i1", "rep0", Choice.FOR, NOW)
    with pytest.raises(ItemAlreadyDecided) as refused:
        m.decide("i1", "d2", DecisionMethod.CONSENSUS, "again", "staff", NOW)
    assert refused.value.extensions["code"] == ErrorCode.INVALID_TRANSITION
    decided = m.item("i1").decision
    assert decided is not None
    assert decided.id == "d1"


def test_a_closed_meeting_takes_no_votes_items_attendance_or_decisions():
    m = meeting()
    m.close(NOW, minutes="We talked.")

    assert (m.status, m.minutes) == (MeetingStatus.CLOSED, "We talked.")
    for change in (
        lambda: m.cast_vote("i1", "rep0", Choice.FOR, NOW),
        lambda: m.decide("i1", "d1", DecisionMethod.CONSENSUS, "", "staff", NOW),
        lambda: m.add_item("i2", "More", "", "staff", NOW),
        lambda: m.record_attendance(["rep0"]),
        lambda: m.close(NOW),
    ):
        with pytest.raises(MeetingClosed):
            change()
    m.record_minutes("Corrected minutes.")
    assert m.minutes == "Corrected minutes."


def test_unknown_items_are_not_found():
    with pytest.raises(NotFound):
        meeting().cast_vote("nope", "rep0", Choice.FOR, NOW)


def test_attendance_is_recorded_once_per_person():
    m = meeting()
    assert m.record_attendance(["rep0", "rep1", "rep0"]) == ["rep0", "rep1"]
    assert m.record_attendance(["rep1", "rep2"]) == ["rep2"]
    assert m.attendance == ["rep0", "rep1", "rep2"]


def test_ids_stored_as_given_are_bounded():
    with pytest.raises(BadUserInput):
        meeting().record_attendance(["x" * 65])
    with pytest.raises(BadUserInput):
        check_invitations([], ["org", ""])


def test_an_agenda_item_needs_a_title():
    with pytest.raises(BadUserInput):
        meeting().add_item("i2", "   ", "", "staff", NOW)


def test_invitations_are_bounded_and_one_representative_per_household():
    with pytest.raises(BadUserInput):
        check_invitations([InvitedHousehold("h1", "a"), InvitedHousehold("h1", "b")], [])
    with pytest.raises(BadUserInput):
        check_invitations([InvitedHousehold("h1", "a"), InvitedHousehold("h2", "a")], [])
    with pytest.raises(BadUserInput):
        check_invitations([InvitedHousehold(f"h{i}", f"p{i}") for i in range(301)], [])


def test_a_weekly_meeting_starts_on_its_weekday_in_the_business_time_zone():
    # 2026-12-03 17:00 UTC is Friday 01:00 in Shanghai, though Thursday in UTC.
    thursday_utc = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    check_schedule(thursday_utc, None, Recurrence(Weekday.FRIDAY), DEFAULT_ZONE)
    with pytest.raises(BadUserInput):
        check_schedule(thursday_utc, None, Recurrence(Weekday.THURSDAY), DEFAULT_ZONE)
    with pytest.raises(BadUserInput):
        check_schedule(NOW, NOW - timedelta(hours=1), None, DEFAULT_ZONE)
    with pytest.raises(BadUserInput):
        check_schedule(NOW, None, Recurrence(Weekday.FRIDAY, date(2026, 12, 1)), DEFAULT_ZONE)


def test_every_friday_at_the_same_local_time_until_the_end_date():
    starts = datetime(2026, 12, 4, 11, 0, tzinfo=UTC)  # Friday 19:00 in Shanghai
    weekly = Recurrence(Weekday.FRIDAY, until=date(2026, 12, 25))

    found = occurrences(starts, weekly, DEFAULT_ZONE, after=starts + timedelta(days=1), count=10)

    assert [d.astimezone(DEFAULT_ZONE).date() for d in found] == [
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2026, 12, 25),
    ]
    assert {(d.astimezone(DEFAULT_ZONE).hour, d.weekday()) for d in found} == {(19, 4)}
    assert occurrences(starts, None, DEFAULT_ZONE, after=starts, count=3) == [starts]
    assert occurrences(starts, None, DEFAULT_ZONE, after=starts + timedelta(1), count=3) == []
