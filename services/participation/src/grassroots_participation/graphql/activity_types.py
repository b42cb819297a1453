"""GraphQL types of activities, volunteer teams and service records, and the resolvers of the
fields participation adds to `OrgUnit` (activities) and `Person` (serviceRecord), which
graphql/types.py declares on those entities."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from grassroots_kit import business_time
from grassroots_kit.graphql.connections import (
    Connection,
    decode_cursor,
    page_size,
    to_connection,
)
from grassroots_kit.graphql.geo import GeoPoint, from_point
from grassroots_kit.graphql.photos import Photo
from strawberry.types import Info

from grassroots_participation.domain import activities as domain
from grassroots_participation.domain.activity_listing import ActivityQuery, activity_key
from grassroots_participation.domain.meetings import occurrences
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers import activities as handlers
from grassroots_participation.handlers.activities import activity_photos

if TYPE_CHECKING:
    from grassroots_participation.graphql.types import Person, Recurrence

PersonRef = Annotated["Person", strawberry.lazy("grassroots_participation.graphql.types")]
RecurrenceRef = Annotated["Recurrence", strawberry.lazy("grassroots_participation.graphql.types")]

strawberry.enum(domain.ActivityKind, description="What kind of activity it is.")


def _person(person_id: str) -> Person:
    from grassroots_participation.graphql.types import person

    return person(person_id)


def _recurrence(activity: domain.Activity) -> Recurrence | None:
    from grassroots_participation.graphql.types import Recurrence

    rec = activity.recurrence
    return Recurrence(weekday=rec.weekday, until=rec.until) if rec else None


@strawberry.type(description="A volunteer team at an org unit, e.g. one of Lukou's five colours.")
class VolunteerTeam:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="What it is called.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it serves.")
    leader: PersonRef = strawberry.field(description="Its leader, who organizes its activities.")
    members: list[PersonRef] = strawberry.field(description="Its members, leader first.")
    created_at: datetime = strawberry.field(description="When it was formed.")

    @classmethod
    def from_domain(cls, team: domain.VolunteerTeam) -> VolunteerTeam:
        return cls(
            id=strawberry.ID(team.id),
            name=team.name,
            org_unit_id=strawberry.ID(team.org_unit_id),
            leader=_person(team.leader_id),
            members=[_person(p) for p in team.members],
            created_at=team.created_at,
        )


@strawberry.type(description="A confirmed attendance: who served, on which date, how long.")
class ActivityAttendance:
    id: strawberry.ID = strawberry.field(description="Stable per activity, date and person.")
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    volunteer: PersonRef = strawberry.field(description="Who served.")
    occurred_on: date = strawberry.field(description="The date served (business time zone).")
    minutes_served: int = strawberry.field(description="Minutes served.")
    confirmed_by: PersonRef = strawberry.field(description="The organizer who confirmed it.")
    confirmed_at: datetime = strawberry.field(description="When it was confirmed.")

    @classmethod
    def from_domain(cls, a: domain.Attendance) -> ActivityAttendance:
        return cls(
            id=strawberry.ID(a.id),
            activity_id=strawberry.ID(a.activity_id),
            volunteer=_person(a.person_id),
            occurred_on=a.occurred_on,
            minutes_served=a.minutes_served,
            confirmed_by=_person(a.confirmed_by),
            confirmed_at=a.confirmed_at,
        )


@strawberry.type(
    description="An activity or service day at an org unit (e.g. the Good Neighbor Service Day "
    "every Tuesday): volunteers sign up within its capacity and the organizer confirms who served."
)
class Activity:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    kind: domain.ActivityKind = strawberry.field(description="Service day or other activity.")
    title: str = strawberry.field(description="What it is called.")
    description: str = strawberry.field(description="What volunteers do; may be empty.")
    org_unit_id: strawberry.ID = strawberry.field(description="Where it is held.")
    starts_at: datetime = strawberry.field(description="When it (first) takes place.")
    ends_at: datetime | None = strawberry.field(description="When its first occurrence ends.")
    location: str = strawberry.field(description="Where volunteers gather; may be empty.")
    point: GeoPoint | None = strawberry.field(
        description="Where it is held on the map (WGS-84); null when not placed."
    )
    recurrence: RecurrenceRef | None = strawberry.field(description="Null for a single activity.")
    organizer: PersonRef = strawberry.field(description="Who organizes it.")
    team_id: strawberry.ID | None = strawberry.field(description="The team running it, if any.")
    capacity: int = strawberry.field(description="How many volunteers may sign up.")
    places_left: int = strawberry.field(description="Places not yet taken.")
    signed_up: list[PersonRef] = strawberry.field(description="Who signed up, in order.")
    domain_activity: strawberry.Private[domain.Activity]

    @strawberry.field(description="The organizers' photos of it (addActivityPhotos).")
    async def photos(self, info: Info[Context, None]) -> list[Photo]:
        found = await activity_photos(info.context.activities, self.domain_activity)
        return [Photo.from_view(view) for view in found]

    @strawberry.field(description="Whether you have signed up.")
    def signed_up_by_me(self, info: Info[Context, None]) -> bool:
        caller = info.context.caller
        return caller is not None and caller.person_id in self.domain_activity.signed_up

    @strawberry.field(
        description="Its next dates from now on (weekly when it repeats), at most 52."
    )
    def next_occurrences(
        self,
        info: Info[Context, None],
        first: Annotated[int, strawberry.argument(description="How many, at most 52.")] = 4,
    ) -> list[datetime]:
        a = self.domain_activity
        return occurrences(
            a.starts_at,
            a.recurrence,
            info.context.activities.business_zone,
            after=datetime.now(UTC),
            count=first,
        )

    @classmethod
    def from_domain(cls, activity: domain.Activity) -> Activity:
        return cls(
            id=strawberry.ID(activity.id),
            kind=activity.kind,
            title=activity.title,
            description=activity.description,
            org_unit_id=strawberry.ID(activity.org_unit_id),
            starts_at=activity.starts_at,
            ends_at=activity.ends_at,
            location=activity.location,
            point=from_point(activity.point),
            recurrence=_recurrence(activity),
            organizer=_person(activity.organizer_id),
            team_id=strawberry.ID(activity.team_id) if activity.team_id else None,
            capacity=activity.capacity,
            places_left=activity.places_left,
            signed_up=[_person(p) for p in activity.signed_up],
            domain_activity=activity,
        )


@strawberry.input(description="Which of a unit's activities to list.")
class ActivityFilter:
    kinds: list[domain.ActivityKind] | None = strawberry.field(
        default=None, description="Only these kinds."
    )
    week: date | None = strawberry.field(
        default=None,
        description="Only activities taking place in the business week (Monday to Sunday) that "
        "contains this date, e.g. today for this week's.",
    )


@strawberry.type(description="One business month of a person's service.")
class ServicePeriod:
    month: str = strawberry.field(description="The month, YYYY-MM (business time zone).")
    attendances: int = strawberry.field(description="Attendances confirmed in it.")
    minutes_served: int = strawberry.field(description="Minutes served in it.")
    hours_served: float = strawberry.field(description="Hours served in it.")


@strawberry.type(description="What a person served at activities, as organizers confirmed it.")
class ServiceRecord:
    attendances: int = strawberry.field(description="Attendances confirmed.")
    activities: int = strawberry.field(description="Distinct activities served at.")
    minutes_served: int = strawberry.field(description="Minutes served in all.")
    hours_served: float = strawberry.field(description="Hours served in all.")
    months: list[ServicePeriod] = strawberry.field(description="By month, newest first.")

    @classmethod
    def from_domain(cls, record: domain.ServiceRecord) -> ServiceRecord:
        return cls(
            attendances=record.attendances,
            activities=record.activities,
            minutes_served=record.minutes_served,
            hours_served=round(record.minutes_served / 60, 2),
            months=[
                ServicePeriod(
                    month=m.month,
                    attendances=m.attendances,
                    minutes_served=m.minutes_served,
                    hours_served=round(m.minutes_served / 60, 2),
                )
                for m in record.months
            ],
        )


async def unit_activities(
    info: Info[Context, None],
    unit_id: str,
    first: int | None,
    after: str | None,
    filter: ActivityFilter | None,
) -> Connection[Activity]:
    ports = info.context.activities
    where = filter or ActivityFilter()
    occurs_from = occurs_before = None
    if where.week is not None:
        day = business_time.day_start(where.week, ports.business_zone)
        occurs_from, occurs_before = business_time.week_bounds(day, ports.business_zone)
    query = ActivityQuery(
        within=unit_id,
        kinds=tuple(where.kinds or ()),
        occurs_from=occurs_from,
        occurs_before=occurs_before,
    )
    page = await handlers.activities_of_unit(
        ports,
        info.context.require_caller(),
        query,
        page_size(first),
        decode_cursor(after) if after else None,
    )
    return to_connection(page, activity_key, Activity.from_domain)


async def person_service_record(
    info: Info[Context, None], person_id: str, since: date | None, until: date | None
) -> ServiceRecord:
    record = await handlers.service_record_of(
        info.context.activities, info.context.require_caller(), person_id, since, until
    )
    return ServiceRecord.from_domain(record)
