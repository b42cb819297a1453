"""What every MeetingRepository must do, run against the in-memory fake (unit) and the MongoDB
adapter (integration), so the fast tests' fake behaves as production does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from grassroots_participation.domain.listing import MeetingQuery, StaleMeeting, meeting_key
from grassroots_participation.domain.meetings import (
    Choice,
    DecisionMethod,
    InvitedHousehold,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Recurrence,
    Weekday,
)
from grassroots_participation.handlers.ports import MeetingRepository

T0 = datetime(2026, 12, 4, 11, 0, tzinfo=UTC)


def a_meeting(meeting_id: str, unit: str = "c1", days: int = 0, **changes: object) -> Meeting:
    m = Meeting(
        id=meeting_id,
        org_unit_id=unit,
        org_unit_path=("d1", "s1", unit),
        kind=MeetingKind.DISCUSSION_DAY,
        title=f"Meeting {meeting_id}",
        starts_at=T0 + timedelta(days=days),
        convener_id="staff",
        created_at=T0,
        recurrence=Recurrence(Weekday.FRIDAY),
        households=(InvitedHousehold("ha", "rep-a"), InvitedHousehold("hb", "rep-b")),
        organization_ids=("org-1",),
    )
    for name, value in changes.items():
        setattr(m, name, value)
    return m


async def round_trip_keeps_everything(store: MeetingRepository) -> None:
    m = a_meeting("m-round")
    m.add_item("i1", "Parking", "Who parks where", "staff", T0)
    m.cast_vote("i1", "rep-a", Choice.FOR, T0)
    m.cast_vote("i1", "rep-b", Choice.AGAINST, T0)
    m.decide("i1", "d1", DecisionMethod.HOUSEHOLD_VOTE, "Lottery", "staff", T0)
    m.record_attendance(["rep-a"])
    m.close(T0, "Minutes")
    await store.insert(m)

    assert await store.get("m-round") == m
    assert await store.get("nope") is None


async def save_refuses_a_stale_version(store: MeetingRepository) -> None:
    await store.insert(a_meeting("m-save"))
    first = await store.get("m-save")
    second = await store.get("m-save")
    assert first is not None
    assert second is not None
    first.add_item("i1", "One", "", "staff", T0)
    saved = await store.save(first)
    assert saved.version == 2

    second.add_item("i2", "Two", "", "staff", T0)
    with pytest.raises(StaleMeeting):
        await store.save(second)
    stored = await store.get("m-save")
    assert stored is not None
    assert [i.id for i in stored.agenda] == ["i1"]


async def pages_by_start_within_a_subtree(store: MeetingRepository) -> None:
    for i in range(5):
        await store.insert(a_meeting(f"m-page-{i}", days=7 * (4 - i)))
    await store.insert(a_meeting("m-page-c2", unit="c2"))
    await store.insert(a_meeting("m-page-closed", days=1, status=MeetingStatus.CLOSED))

    first = await store.page(MeetingQuery(within="c1"), 3, None)
    assert [m.id for m in first.items] == ["m-page-4", "m-page-closed", "m-page-3"]
    assert (first.total_count, first.has_next) == (6, True)
    rest = await store.page(MeetingQuery(within="c1"), 10, meeting_key(first.items[-1]))
    assert [m.id for m in rest.items] == ["m-page-2", "m-page-1", "m-page-0"]
    assert rest.has_next is False

    street = await store.page(MeetingQuery(within="s1"), 10, None)
    assert street.total_count == 7
    only_c2 = await store.page(MeetingQuery(within="s1", held_at=frozenset({"c2"})), 10, None)
    assert [m.id for m in only_c2.items] == ["m-page-c2"]
    closed = await store.page(MeetingQuery(within="c1", status=MeetingStatus.CLOSED), 10, None)
    assert [m.id for m in closed.items] == ["m-page-closed"]
    later = await store.page(
        MeetingQuery(within="c1", starts_from=T0 + timedelta(days=2)), 10, None
    )
    assert [m.id for m in later.items] == ["m-page-3", "m-page-2", "m-page-1", "m-page-0"]
    none = await store.page(MeetingQuery(within="c1", kinds=(MeetingKind.NIGHT_TALK,)), 10, None)
    assert none.total_count == 0


CONTRACTS = [
    round_trip_keeps_everything,
    save_refuses_a_stale_version,
    pages_by_start_within_a_subtree,
]
