"""Operations and dates of the activity tests (integration, e2e and abuse)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from grassroots_kit.business_time import DEFAULT_ZONE, business_date

CREATE_ACTIVITY = """mutation($input: CreateActivityInput!) {
  createActivity(input: $input) { activity { id kind title capacity placesLeft teamId
    organizer { id } recurrence { weekday until } nextOccurrences(first: 2) } } }"""
SIGN_UP = """mutation($input: SignUpInput!) {
  signUp(input: $input) { activity { id placesLeft signedUpByMe signedUp { id } } } }"""
CANCEL_SIGN_UP = """mutation($input: CancelSignUpInput!) {
  cancelSignUp(input: $input) { activity { placesLeft signedUp { id } } } }"""
CONFIRM = """mutation($input: ConfirmAttendanceInput!) {
  confirmAttendance(input: $input) { attendance { id volunteer { id } occurredOn minutesServed
    confirmedBy { id } } } }"""
CREATE_TEAM = """mutation($input: CreateVolunteerTeamInput!) {
  createVolunteerTeam(input: $input) { team { id name leader { id } members { id } } } }"""
ADD_MEMBER = """mutation($input: AddTeamMemberInput!) {
  addTeamMember(input: $input) { team { members { id } } } }"""
ACTIVITY = """query($id: ID!) { activity(id: $id) { id title placesLeft signedUp { id } } }"""
UNIT_ACTIVITIES = """query($reps: [_Any!]!, $filter: ActivityFilter) {
  _entities(representations: $reps) { ... on OrgUnit { id
    activities(first: 10, filter: $filter) { totalCount edges { node { id title kind } } } } } }"""
SERVICE_RECORD = """query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Person { id
    serviceRecord { attendances activities minutesServed hoursServed
      months { month attendances minutesServed } } } } }"""


def last_tuesday() -> date:
    """The latest Tuesday on or before today in the business time zone: a date served."""
    today = business_date(datetime.now(UTC), DEFAULT_ZONE)
    return today - timedelta(days=(today.weekday() - 1) % 7)


def service_day_start(weeks_before: int = 2) -> str:
    """09:00 Shanghai on a Tuesday `weeks_before` weeks before `last_tuesday()`."""
    day = last_tuesday() - timedelta(weeks=weeks_before)
    return datetime.combine(day, time(9), tzinfo=DEFAULT_ZONE).isoformat()


def service_day_input(unit: str = "c1", capacity: int = 2, **changes: object) -> dict[str, object]:
    return {
        "input": {
            "orgUnitId": unit,
            "kind": "SERVICE_DAY",
            "title": "Good Neighbor Service Day",
            "startsAt": service_day_start(),
            "capacity": capacity,
            "recurrence": {"weekday": "TUESDAY"},
            "location": "Community square",
            **changes,
        }
    }


def confirm_input(activity_id: str, person_id: str, minutes: int = 150) -> dict[str, object]:
    return {
        "input": {
            "activityId": activity_id,
            "personId": person_id,
            "on": last_tuesday().isoformat(),
            "minutesServed": minutes,
        }
    }
