"""The activity rules, pure: capacity, signing up once, check-in by the organizer only, the
dates an activity takes place on, volunteer teams, service records, and who may do what."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from grassroots_kit.auth import Principal
from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.errors import BadUserInput, ErrorCode, Forbidden
from grassroots_participation.domain import activity_access as access
from grassroots_participation.domain.activities import (
    Activity,
    ActivityFull,
    ActivityKind,
    AlreadySignedUp,
    Attendance,
    SelfCheckIn,
    attendance_id,
    last_start,
    new_activity,
    new_team,
    occurs_on,
    service_record,
)
from grassroots_participation.domain.activity_listing import ActivityQuery, occurs_within
from grassroots_participation.domain.meetings import Recurrence, Weekday

from tests.support.tokens import grant

TZ = DEFAULT_ZONE
PATH = ("d1", "s1", "c1")
TUESDAY_9 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Tuesday 09:00 in Shanghai
NOW = datetime(2026, 12, 8, 6, 0, tzinfo=UTC)  # the next Tuesday, 14:00 in Shanghai


def service_day(capacity: int = 2, until: date | None = None) -> Activity:
    return new_activity(
        activity_id="a1",
        org_unit_id="c1",
        org_unit_path=PATH,
        kind=ActivityKind.SERVICE_DAY,
        title="  Good Neighbor   Service Day ",
        starts_at=TUESDAY_9,
        ends_at=TUESDAY_9 + timedelta(hours=3),
        location="Community square",
        description="Micro publicity, micro service, micro sharing",
        recurrence=Recurrence(Weekday.TUESDAY, until),
        capacity=capacity,
        organizer_id="staff-1",
        team_id=None,
        at=TUESDAY_9 - timedelta(days=3),
        tz=TZ,
    )


def test_a_service_day_is_cleaned_and_repeats_without_end():
    activity = service_day()
    assert activity.title == "Good Neighbor Service Day"
    assert activity.last_starts_at is None
    assert activity.places_left == 2


def test_the_capacity_is_bounded():
    for capacity in (0, 501):
        with pytest.raises(BadUserInput) as refused:
            service_day(capacity=capacity)
        assert refused.value.extensions["field"] == "capacity"


def test_a_weekly_activity_must_start_on_its_weekday_as_meetings_do():
    with pytest.raises(BadUserInput) as refused:
        new_activity(
            activity_id="a1",
            org_unit_id="c1",
            org_unit_path=PATH,
            kind=ActivityKind.SERVICE_DAY,
            title="Service day",
            starts_at=TUESDAY_9 + timedelta(days=1),  # a Wednesday
            ends_at=None,
            location="",
            description="",
            recurrence=Recurrence(Weekday.TUESDAY),
            capacity=5,
            organizer_id="staff-1",
            team_id=None,
            at=TUESDAY_9,
            tz=TZ,
        )
    assert refused.value.extensions["field"] == "recurrence"


def test_signing_up_beyond_capacity_is_a_conflict():
    activity = service_day(capacity=2)
    activity.sign_up("v1")
    activity.sign_up("v2")
    with pytest.raises(ActivityFull) as refused:
        activity.sign_up("v3")
    assert refused.value.code is ErrorCode.CONFLICT
    assert refused.value.extensions["capacity"] == 2
    assert activity.signed_up == ["v1", "v2"]


def test_signing_up_twice_is_a_conflict():
    activity = service_day()
    activity.sign_up("v1")
    with pytest.raises(AlreadySignedUp) as refused:
        activity.sign_up("v1")
    assert refused.value.code is ErrorCode.CONFLICT
    assert activity.signed_up == ["v1"]


def test_cancelling_frees_the_place():
    activity = service_day(capacity=1)
    activity.sign_up("v1")
    activity.cancel_sign_up("v1")
    activity.sign_up("v2")
    assert activity.signed_up == ["v2"]
    with pytest.raises(BadUserInput):
        activity.cancel_sign_up("v1")


def test_the_organizer_confirms_an_attendance_with_the_minutes():
    activity = service_day()
    activity.sign_up("v1")
    attended = activity.confirm("v1", date(2026, 12, 8), 150, "staff-1", NOW, TZ)
    assert attended == Attendance(
        id="a1:2026-12-08:v1",
        activity_id="a1",
        org_unit_id="c1",
        org_unit_path=PATH,
        person_id="v1",
        occurred_on=date(2026, 12, 8),
        minutes_served=150,
        confirmed_by="staff-1",
        confirmed_at=NOW,
    )
    assert attended.id == attendance_id("a1", date(2026, 12, 8), "v1")


def test_checking_oneself_in_is_forbidden():
    activity = service_day()
    activity.sign_up("staff-1")  # an organizer who also volunteers
    with pytest.raises(SelfCheckIn) as refused:
        activity.confirm("staff-1", date(2026, 12, 8), 60, "staff-1", NOW, TZ)
    assert refused.value.code is ErrorCode.FORBIDDEN


@pytest.mark.parametrize(
    ("person", "day", "minutes", "field"),
    [
        ("v9", date(2026, 12, 8), 60, "personId"),  # did not sign up
        ("v1", date(2026, 12, 9), 60, "on"),  # a Wednesday: no service day
        ("v1", date(2026, 11, 24), 60, "on"),  # before the first one
        ("v1", date(2026, 12, 15), 60, "on"),  # not yet
        ("v1", date(2026, 12, 8), 0, "minutesServed"),
        ("v1", date(2026, 12, 8), 721, "minutesServed"),
    ],
)
def test_a_confirmation_names_a_volunteer_who_signed_up_and_a_date_served(
    person: str, day: date, minutes: int, field: str
):
    activity = service_day()
    activity.sign_up("v1")
    with pytest.raises(BadUserInput) as refused:
        activity.confirm(person, day, minutes, "staff-1", NOW, TZ)
    assert refused.value.extensions["field"] == field


def test_the_dates_of_a_weekly_activity_in_the_business_zone():
    rec = Recurrence(Weekday.TUESDAY, date(2026, 12, 28))
    assert occurs_on(TUESDAY_9, rec, TZ, date(2026, 12, 1))
    assert occurs_on(TUESDAY_9, rec, TZ, date(2026, 12, 22))
    assert not occurs_on(TUESDAY_9, rec, TZ, date(2026, 12, 29))  # after `until`
    assert not occurs_on(TUESDAY_9, rec, TZ, date(2026, 12, 2))
    # The last occurrence: the last Tuesday on or before `until`, at 09:00 Shanghai.
    assert last_start(TUESDAY_9, rec, TZ) == datetime(2026, 12, 22, 1, 0, tzinfo=UTC)
    assert last_start(TUESDAY_9, None, TZ) == TUESDAY_9
    # 01:00 UTC on a Monday is already Monday 09:00 in Shanghai; 17:00 UTC Monday is Tuesday.
    late = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    assert occurs_on(late, None, TZ, date(2026, 12, 1))


def test_a_week_filter_finds_a_weekly_activity_in_every_week_it_runs():
    activity = service_day(until=date(2026, 12, 22))

    def in_week(monday: date) -> bool:
        start = datetime(monday.year, monday.month, monday.day, tzinfo=TZ)
        query = ActivityQuery("c1", occurs_from=start, occurs_before=start + timedelta(days=7))
        return occurs_within(activity, query)

    assert not in_week(date(2026, 11, 23))
    assert in_week(date(2026, 11, 30))
    assert in_week(date(2026, 12, 21))
    assert not in_week(date(2026, 12, 28))


def test_a_team_has_its_leader_and_members_once_each():
    team = new_team(
        team_id="t1", org_unit_id="c1", org_unit_path=PATH, name="Red", leader_id="l1", at=NOW
    )
    assert team.add_members(["v1", "v2", "v1", "l1"]) == ["v1", "v2"]
    assert team.members == ["l1", "v1", "v2"]
    with pytest.raises(BadUserInput):
        team.add_members([f"p{i}" for i in range(300)])
    assert team.members == ["l1", "v1", "v2"]


def test_a_service_record_adds_up_by_month():
    def attended(activity: str, on: date, minutes: int) -> Attendance:
        return Attendance(
            attendance_id(activity, on, "v1"), activity, "c1", PATH, "v1", on, minutes, "s", NOW
        )

    record = service_record(
        "v1",
        [
            attended("a1", date(2026, 11, 24), 120),
            attended("a1", date(2026, 12, 1), 90),
            attended("a2", date(2026, 12, 5), 60),
        ],
    )
    assert (record.attendances, record.activities, record.minutes_served) == (3, 2, 270)
    assert [(m.month, m.attendances, m.minutes_served) for m in record.months] == [
        ("2026-12", 2, 150),
        ("2026-11", 1, 120),
    ]


STAFF = Principal("staff-1", (grant("COMMUNITY_STAFF", *PATH),))
OTHER_STAFF = Principal("staff-2", (grant("COMMUNITY_STAFF", "d1", "s1", "c2"),))
RESIDENT = Principal("v1", ())


def test_organizers_are_the_units_community_staff_or_the_team_leader():
    team = new_team(
        team_id="t1", org_unit_id="c1", org_unit_path=PATH, name="Red", leader_id="l1", at=NOW
    )
    access.require_organizer_at(STAFF, PATH, None)
    access.require_organizer_at(Principal("l1", ()), PATH, team)
    for who in (OTHER_STAFF, RESIDENT, Principal("v2", ())):
        with pytest.raises(Forbidden):
            access.require_organizer_at(who, PATH, team)


def test_one_signs_up_where_one_lives_serves_or_volunteers():
    activity = service_day()
    team = new_team(
        team_id="t1", org_unit_id="c1", org_unit_path=PATH, name="Red", leader_id="l1", at=NOW
    )
    team.add_members(["outsider"])
    assert access.may_join(RESIDENT, PATH, activity, None)
    assert not access.may_join(Principal("outsider", ()), ("d1", "s1", "c2"), activity, None)
    assert access.may_join(Principal("outsider", ()), ("d1", "s1", "c2"), activity, team)
    assert not access.may_read(None, (), activity, None)


def test_a_service_record_is_ones_own_or_for_staff_over_ones_home():
    assert access.may_read_service_record(RESIDENT, "v1", ())
    assert access.may_read_service_record(STAFF, "v1", PATH)
    assert not access.may_read_service_record(OTHER_STAFF, "v1", PATH)
    assert not access.may_read_service_record(Principal("v2", ()), "v1", PATH)
