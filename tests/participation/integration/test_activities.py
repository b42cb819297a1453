"""Activities on a real MongoDB and RabbitMQ: a service day with a capacity, volunteers signing
themselves up, the organizer confirming attendance (activity.attended in the outbox, once),
volunteer teams, a unit's activities by week and a person's service record."""

from __future__ import annotations

from datetime import timedelta

from grassroots_contracts.activity_events import ActivityAttended
from grassroots_kit.messaging.envelope import CloudEvent

from tests.participation.activity_helpers import (
    ACTIVITY,
    ADD_MEMBER,
    CANCEL_SIGN_UP,
    CONFIRM,
    CREATE_ACTIVITY,
    CREATE_TEAM,
    SERVICE_RECORD,
    SIGN_UP,
    UNIT_ACTIVITIES,
    confirm_input,
    last_tuesday,
    service_day_input,
)
from tests.participation.helpers import C1, C1_STAFF, C2, C2_STAFF, Participation

RESIDENTS = [
    ("v1", "h1", C1),
    ("v2", "h2", C1),
    ("v3", "h3", C1),
    ("leader", "h4", C1),
    ("outsider", "ho", C2),
]
STAFF = {"as_person": "staff-c1", "grants": (C1_STAFF,)}


def sign_up(activity_id: str) -> dict[str, object]:
    return {"input": {"activityId": activity_id}}


async def a_service_day(p: Participation, capacity: int = 2) -> str:
    data = await p.ok(CREATE_ACTIVITY, service_day_input(capacity=capacity), **STAFF)
    return str(data["createActivity"]["activity"]["id"])


async def test_volunteers_sign_up_and_the_organizer_confirms_their_hours(participation):
    p = participation
    await p.ladder(RESIDENTS)
    created = await p.ok(CREATE_ACTIVITY, service_day_input(capacity=2), **STAFF)
    activity = created["createActivity"]["activity"]
    assert activity["recurrence"] == {"weekday": "TUESDAY", "until": None}
    assert activity["organizer"] == {"id": "staff-c1"}
    assert (activity["capacity"], activity["placesLeft"]) == (2, 2)
    assert len(activity["nextOccurrences"]) == 2

    mine = await p.ok(SIGN_UP, sign_up(activity["id"]), as_person="v1")
    assert mine["signUp"]["activity"]["signedUpByMe"] is True
    await p.ok(SIGN_UP, sign_up(activity["id"]), as_person="v2")

    confirmed = await p.ok(CONFIRM, confirm_input(activity["id"], "v1", 150), **STAFF)
    attendance = confirmed["confirmAttendance"]["attendance"]
    assert attendance["volunteer"] == {"id": "v1"}
    assert attendance["confirmedBy"] == {"id": "staff-c1"}
    assert (attendance["occurredOn"], attendance["minutesServed"]) == (
        last_tuesday().isoformat(),
        150,
    )

    [published] = await p.outbox("activity.attended")
    event = CloudEvent.from_json(published["body"])
    assert event.source == "grassroots/participation"
    payload = ActivityAttended.from_data(event.data)
    assert (payload.person_id, payload.confirmed_by, payload.minutes_served) == (
        "v1",
        "staff-c1",
        150,
    )
    assert payload.attendance_id == attendance["id"]
    assert payload.org_unit_path == ("d1", "s1", "c1")

    record = await p.ok(
        SERVICE_RECORD, {"reps": [{"__typename": "Person", "id": "v1"}]}, as_person="v1"
    )
    served = record["_entities"][0]["serviceRecord"]
    assert (served["attendances"], served["activities"], served["minutesServed"]) == (1, 1, 150)
    assert served["hoursServed"] == 2.5
    assert served["months"] == [
        {"month": last_tuesday().strftime("%Y-%m"), "attendances": 1, "minutesServed": 150}
    ]
    by_staff = await p.ok(SERVICE_RECORD, {"reps": [{"__typename": "Person", "id": "v1"}]}, **STAFF)
    assert by_staff["_entities"][0]["serviceRecord"]["attendances"] == 1


async def test_refusals_carry_their_codes_and_change_nothing(participation):
    p = participation
    await p.ladder(RESIDENTS)
    activity_id = await a_service_day(p, capacity=2)
    await p.ok(SIGN_UP, sign_up(activity_id), as_person="v1")
    await p.ok(SIGN_UP, sign_up(activity_id), **STAFF)  # the organizer volunteers too

    # signing up twice; beyond capacity; from another community; anonymously
    assert await p.refused(SIGN_UP, sign_up(activity_id), as_person="v1") == "CONFLICT"
    assert await p.refused(SIGN_UP, sign_up(activity_id), as_person="v2") == "CONFLICT"
    assert await p.refused(SIGN_UP, sign_up(activity_id), as_person="outsider") == "NOT_FOUND"
    assert await p.refused(SIGN_UP, sign_up(activity_id)) == "UNAUTHENTICATED"
    # checking oneself in, as the organizer or as the volunteer; another community's staff
    assert await p.refused(CONFIRM, confirm_input(activity_id, "staff-c1"), **STAFF) == "FORBIDDEN"
    assert await p.refused(CONFIRM, confirm_input(activity_id, "v1"), as_person="v1") == "FORBIDDEN"
    other = {"as_person": "staff-c2", "grants": (C2_STAFF,)}
    assert await p.refused(CONFIRM, confirm_input(activity_id, "v1"), **other) == "NOT_FOUND"
    # someone who did not sign up; a date it does not take place on
    assert await p.refused(CONFIRM, confirm_input(activity_id, "v3"), **STAFF) == "BAD_USER_INPUT"
    wednesday = confirm_input(activity_id, "v1")
    wednesday["input"]["on"] = (last_tuesday() + timedelta(days=1)).isoformat()  # type: ignore[index]
    assert await p.refused(CONFIRM, wednesday, **STAFF) == "BAD_USER_INPUT"
    # a second confirmation of the same attendance
    await p.ok(CONFIRM, confirm_input(activity_id, "v1"), **STAFF)
    assert await p.refused(CONFIRM, confirm_input(activity_id, "v1", 60), **STAFF) == "CONFLICT"
    # creating an activity without being community staff
    assert await p.refused(CREATE_ACTIVITY, service_day_input(), as_person="v1") == "FORBIDDEN"
    # another's service record
    body = await p.gql(
        SERVICE_RECORD, {"reps": [{"__typename": "Person", "id": "v1"}]}, as_person="v2"
    )
    assert body["data"]["_entities"][0]["serviceRecord"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    seen = await p.ok(ACTIVITY, {"id": activity_id}, as_person="v1")
    assert [s["id"] for s in seen["activity"]["signedUp"]] == ["v1", "staff-c1"]
    assert len(await p.outbox("activity.attended")) == 1
    assert await p.db["attendances"].count_documents({}) == 1

    cancelled = await p.ok(CANCEL_SIGN_UP, sign_up(activity_id), as_person="v1")
    assert cancelled["cancelSignUp"]["activity"]["placesLeft"] == 1


async def test_a_team_leader_organizes_the_teams_activity(participation):
    p = participation
    await p.ladder(RESIDENTS)
    team = await p.ok(
        CREATE_TEAM, {"input": {"orgUnitId": "c1", "name": "Red", "leaderId": "leader"}}, **STAFF
    )
    team_id = team["createVolunteerTeam"]["team"]["id"]
    assert team["createVolunteerTeam"]["team"]["members"] == [{"id": "leader"}]
    assert (
        await p.refused(
            CREATE_TEAM,
            {"input": {"orgUnitId": "c1", "name": "X", "leaderId": "v1"}},
            as_person="v1",
        )
        == "FORBIDDEN"
    )
    added = await p.ok(
        ADD_MEMBER, {"input": {"teamId": team_id, "personIds": ["outsider"]}}, as_person="leader"
    )
    assert added["addTeamMember"]["team"]["members"] == [{"id": "leader"}, {"id": "outsider"}]
    assert (
        await p.refused(
            ADD_MEMBER, {"input": {"teamId": team_id, "personIds": ["v2"]}}, as_person="v1"
        )
        == "FORBIDDEN"
    )

    created = await p.ok(
        CREATE_ACTIVITY, service_day_input(teamId=team_id, kind="ACTIVITY"), as_person="leader"
    )
    activity = created["createActivity"]["activity"]
    assert (activity["teamId"], activity["organizer"]["id"]) == (team_id, "leader")
    # a team member from another community may join the team's activity
    await p.ok(SIGN_UP, sign_up(activity["id"]), as_person="outsider")
    confirmed = await p.ok(CONFIRM, confirm_input(activity["id"], "outsider"), as_person="leader")
    assert confirmed["confirmAttendance"]["attendance"]["confirmedBy"] == {"id": "leader"}


async def test_a_units_activities_this_week(participation):
    p = participation
    await p.ladder(RESIDENTS)
    weekly = await a_service_day(p)
    once = await p.ok(
        CREATE_ACTIVITY,
        service_day_input(recurrence=None, kind="ACTIVITY", title="River clean-up"),
        **STAFF,
    )
    once_id = once["createActivity"]["activity"]["id"]
    reps = [{"__typename": "OrgUnit", "id": "c1"}]

    def listed(data: dict[str, object]) -> list[str]:
        edges = data["_entities"][0]["activities"]["edges"]  # type: ignore[index]
        return [e["node"]["id"] for e in edges]

    everything = await p.ok(UNIT_ACTIVITIES, {"reps": reps}, **STAFF)
    assert sorted(listed(everything)) == sorted([weekly, once_id])
    this_week = {"week": last_tuesday().isoformat()}
    assert listed(await p.ok(UNIT_ACTIVITIES, {"reps": reps, "filter": this_week}, **STAFF)) == [
        weekly
    ]
    first_week = {"week": (last_tuesday() - timedelta(weeks=2)).isoformat()}
    assert sorted(
        listed(await p.ok(UNIT_ACTIVITIES, {"reps": reps, "filter": first_week}, as_person="v1"))
    ) == sorted([weekly, once_id])
    before = {"week": (last_tuesday() - timedelta(weeks=3)).isoformat()}
    assert listed(await p.ok(UNIT_ACTIVITIES, {"reps": reps, "filter": before}, **STAFF)) == []
    kinds = {"kinds": ["ACTIVITY"]}
    assert listed(await p.ok(UNIT_ACTIVITIES, {"reps": reps, "filter": kinds}, **STAFF)) == [
        once_id
    ]
    body = await p.gql(UNIT_ACTIVITIES, {"reps": reps}, as_person="outsider")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


PLACED = """mutation($input: CreateActivityInput!) {
  createActivity(input: $input) { activity { id point { lat lng accuracyMeters } } } }"""
READ_PLACED = """query($id: ID!) { activity(id: $id) { point { lat lng } } }"""


async def test_an_activity_keeps_its_point_as_geojson_under_a_2dsphere_index(participation):
    p = participation
    await p.ladder(RESIDENTS)
    square = {"lat": 28.3596, "lng": 112.8434, "accuracyMeters": 15.0}  # Wangcheng, Changsha

    made = await p.ok(PLACED, service_day_input(point=square), **STAFF)

    activity = made["createActivity"]["activity"]
    assert activity["point"] == square
    read = await p.ok(READ_PLACED, {"id": activity["id"]}, as_person="v1")
    assert read["activity"]["point"] == {"lat": 28.3596, "lng": 112.8434}
    db = p.db
    doc = await db["activities"].find_one({"_id": activity["id"]})
    assert doc["point"] == {"type": "Point", "coordinates": [112.8434, 28.3596]}
    keys = [dict(i["key"]) async for i in await db["activities"].list_indexes()]
    assert {"point": "2dsphere"} in keys


async def test_an_activity_placed_off_the_earth_is_refused(participation):
    p = participation
    await p.ladder(RESIDENTS)

    code = await p.refused(PLACED, service_day_input(point={"lat": 95, "lng": 112}), **STAFF)

    assert code == "BAD_USER_INPUT"
    assert await p.db["activities"].count_documents({}) == 0
