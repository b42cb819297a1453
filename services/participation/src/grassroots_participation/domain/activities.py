"""Activities, service days and volunteer teams, and the attendance that earns hours. Pure.

An activity (e.g. Chunhua's "Good Neighbor Service Day", every Tuesday) is held at an org unit,
once or weekly (the meetings' recurrence, `domain.meetings.Recurrence`: a weekday of the
business time zone). Volunteers sign themselves up, at most `capacity` of them, each once. After
an occurrence the organizer confirms who served and for how long; a volunteer never confirms
their own attendance (DESIGN §8: nobody earns from what only they attest), and an attendance is
recorded once per activity, date and person. A volunteer team (e.g. one of Lukou's five colours)
has a leader and members at a unit; its leader organizes the team's activities.

Every refusal is a typed `UserError` with a message for the person who tried; nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import local
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden
from grassroots_kit.geo import GeoPoint
from grassroots_kit.i18n import msg

from grassroots_participation.domain.meetings import (
    Recurrence,
    check_ids,
    check_schedule,
    clean_text,
    clean_title,
)

MAX_CAPACITY = 500
MAX_TEAM_MEMBERS = 300
MAX_MINUTES_SERVED = 720
"""Twelve hours: one occurrence's service is recorded in minutes, at most this."""


class ActivityKind(StrEnum):
    SERVICE_DAY = "SERVICE_DAY"
    ACTIVITY = "ACTIVITY"


# --- refusals -------------------------------------------------------------------------------


class ActivityFull(Conflict):
    def __init__(self, capacity: int) -> None:
        super().__init__(
            msg("this activity is full: all {capacity} places are taken", capacity=capacity),
            capacity=capacity,
        )


class AlreadySignedUp(Conflict):
    def __init__(self) -> None:
        super().__init__(msg("you have already signed up for this activity"))


class SelfCheckIn(Forbidden):
    def __init__(self) -> None:
        super().__init__(
            msg(
                "you cannot confirm your own attendance: the organizer confirms who served, "
                "never the volunteer"
            ),
            field="personId",
        )


class AlreadyAttended(Conflict):
    def __init__(self) -> None:
        super().__init__(
            msg("this volunteer's attendance on that date is already confirmed"),
            field="personId",
        )


# --- values ---------------------------------------------------------------------------------


def check_capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise BadUserInput(
            msg("the capacity is between 1 and {max} volunteers", max=MAX_CAPACITY),
            field="capacity",
        )
    return capacity


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES_SERVED:
        raise BadUserInput(
            msg("minutes served are between 1 and {max}", max=MAX_MINUTES_SERVED),
            field="minutesServed",
        )
    return minutes


def last_start(starts_at: datetime, recurrence: Recurrence | None, tz: ZoneInfo) -> datetime | None:
    """When the last occurrence starts: the only one for a single activity, the last weekday on
    or before `until` for a weekly one, None for a weekly one without end."""
    if recurrence is None:
        return starts_at
    if recurrence.until is None:
        return None
    first = local(starts_at, tz)
    weeks = (recurrence.until - first.date()).days // 7
    day = first.date() + timedelta(weeks=weeks)
    return datetime.combine(day, first.timetz().replace(tzinfo=None), tzinfo=tz)


def occurs_on(starts_at: datetime, recurrence: Recurrence | None, tz: ZoneInfo, day: date) -> bool:
    """Whether the activity takes place on `day` (a date of the business time zone)."""
    first = local(starts_at, tz).date()
    if recurrence is None:
        return day == first
    if day < first or (recurrence.until is not None and day > recurrence.until):
        return False
    return (day - first).days % 7 == 0


def attendance_id(activity_id: str, day: date, person_id: str) -> str:
    """One attendance per activity, date and person: its id says which, so recording it twice
    is refused by the store as well as by the rule."""
    return f"{activity_id}:{day.isoformat()}:{person_id}"


@dataclass(frozen=True)
class Attendance:
    id: str
    activity_id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    person_id: str
    occurred_on: date
    minutes_served: int
    confirmed_by: str
    confirmed_at: datetime


@dataclass
class Activity:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    """Ancestors and the unit itself, root first (what grants are checked against)."""
    kind: ActivityKind
    title: str
    starts_at: datetime
    organizer_id: str
    capacity: int
    created_at: datetime
    ends_at: datetime | None = None
    location: str = ""
    description: str = ""
    recurrence: Recurrence | None = None
    last_starts_at: datetime | None = None
    """When the last occurrence starts (None: repeats without end), for listing by week."""
    team_id: str | None = None
    signed_up: list[str] = field(default_factory=list)
    version: int = 1
    point: GeoPoint | None = None
    """Where it is held, in WGS-84 (beside the free-text `location`)."""
    photo_ids: list[str] = field(default_factory=list)  # the organizers' photos of it

    @property
    def places_left(self) -> int:
        return max(0, self.capacity - len(self.signed_up))

    def sign_up(self, person_id: str) -> None:
        if person_id in self.signed_up:
            raise AlreadySignedUp()
        if len(self.signed_up) >= self.capacity:
            raise ActivityFull(self.capacity)
        self.signed_up.append(person_id)

    def cancel_sign_up(self, person_id: str) -> None:
        if person_id not in self.signed_up:
            raise BadUserInput(msg("you have not signed up for this activity"), field="activityId")
        self.signed_up.remove(person_id)

    def confirm(
        self,
        person_id: str,
        day: date,
        minutes_served: int,
        confirmed_by: str,
        at: datetime,
        tz: ZoneInfo,
    ) -> Attendance:
        """The organizer's confirmation that `person_id` served on `day`. Refused for oneself,
        for someone who did not sign up, for a date the activity does not take place on or that
        has not come yet (business time zone)."""
        if person_id == confirmed_by:
            raise SelfCheckIn()
        if person_id not in self.signed_up:
            raise BadUserInput(
                msg("this person has not signed up for this activity"), field="personId"
            )
        if not occurs_on(self.starts_at, self.recurrence, tz, day):
            raise BadUserInput(msg("the activity does not take place on that date"), field="on")
        if day > local(at, tz).date():
            raise BadUserInput(
                msg("attendance is confirmed on or after the day served"), field="on"
            )
        return Attendance(
            id=attendance_id(self.id, day, person_id),
            activity_id=self.id,
            org_unit_id=self.org_unit_id,
            org_unit_path=self.org_unit_path,
            person_id=person_id,
            occurred_on=day,
            minutes_served=check_minutes(minutes_served),
            confirmed_by=confirmed_by,
            confirmed_at=at,
        )


def new_activity(
    *,
    activity_id: str,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    kind: ActivityKind,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    location: str,
    description: str,
    recurrence: Recurrence | None,
    capacity: int,
    organizer_id: str,
    team_id: str | None,
    at: datetime,
    tz: ZoneInfo,
    point: GeoPoint | None = None,
) -> Activity:
    """A checked activity; its schedule follows the meetings' rules (the first occurrence on
    the weekday it repeats on, in the business time zone)."""
    check_schedule(starts_at, ends_at, recurrence, tz)
    return Activity(
        id=activity_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        kind=kind,
        title=clean_title(title),
        starts_at=starts_at,
        ends_at=ends_at,
        location=clean_text(location, "location", 200),
        description=clean_text(description, "description"),
        recurrence=recurrence,
        last_starts_at=last_start(starts_at, recurrence, tz),
        capacity=check_capacity(capacity),
        organizer_id=organizer_id,
        team_id=team_id,
        created_at=at,
        point=point,
    )


@dataclass
class VolunteerTeam:
    id: str
    org_unit_id: str
    org_unit_path: tuple[str, ...]
    name: str
    leader_id: str
    created_at: datetime
    members: list[str] = field(default_factory=list)
    version: int = 1

    def add_members(self, person_ids: Sequence[str]) -> list[str]:
        """Add people (each once); returns who was added."""
        check_ids(person_ids, "personIds")
        added = [p for p in dict.fromkeys(person_ids) if p not in self.members]
        if len(self.members) + len(added) > MAX_TEAM_MEMBERS:
            raise BadUserInput(
                msg("a volunteer team has at most {max} members", max=MAX_TEAM_MEMBERS),
                field="personIds",
            )
        self.members.extend(added)
        return added

    def is_member(self, person_id: str) -> bool:
        return person_id in self.members


def new_team(
    *,
    team_id: str,
    org_unit_id: str,
    org_unit_path: tuple[str, ...],
    name: str,
    leader_id: str,
    at: datetime,
) -> VolunteerTeam:
    check_ids([leader_id], "leaderId")
    return VolunteerTeam(
        id=team_id,
        org_unit_id=org_unit_id,
        org_unit_path=org_unit_path,
        name=clean_title(name, "name"),
        leader_id=leader_id,
        members=[leader_id],
        created_at=at,
    )


@dataclass(frozen=True)
class ServicePeriod:
    """A business month's service: how many attendances and minutes."""

    month: str
    """YYYY-MM, business time zone."""
    attendances: int
    minutes_served: int


@dataclass(frozen=True)
class ServiceRecord:
    person_id: str
    attendances: int
    minutes_served: int
    activities: int
    """Distinct activities served at."""
    months: tuple[ServicePeriod, ...]
    """Newest month first."""


def service_record(person_id: str, attended: Sequence[Attendance]) -> ServiceRecord:
    months: dict[str, list[Attendance]] = {}
    for a in attended:
        months.setdefault(a.occurred_on.strftime("%Y-%m"), []).append(a)
    return ServiceRecord(
        person_id=person_id,
        attendances=len(attended),
        minutes_served=sum(a.minutes_served for a in attended),
        activities=len({a.activity_id for a in attended}),
        months=tuple(
            ServicePeriod(m, len(items), sum(a.minutes_served for a in items))
            for m, items in sorted(months.items(), reverse=True)
        ),
    )
