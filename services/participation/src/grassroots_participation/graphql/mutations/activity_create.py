from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.geo import GeoPointInput, point_of
from strawberry.types import Info

from grassroots_participation.domain import activities as domain
from grassroots_participation.domain.meetings import Recurrence
from grassroots_participation.graphql.activity_types import Activity
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.mutations.meeting_schedule import RecurrenceInput
from grassroots_participation.handlers.activities import CreateActivity, create_activity


@strawberry.input(description="An activity or service day to hold at an org unit.")
class CreateActivityInput:
    org_unit_id: strawberry.ID = strawberry.field(description="Where it is held.")
    kind: domain.ActivityKind = strawberry.field(description="Service day or other activity.")
    title: str = strawberry.field(
        description="What it is called, e.g. `Good Neighbor Service Day`."
    )
    starts_at: datetime = strawberry.field(description="When it (first) takes place.")
    capacity: int = strawberry.field(description="How many volunteers may sign up (1 to 500).")
    ends_at: datetime | None = strawberry.field(
        default=None, description="When its first occurrence ends."
    )
    location: str = strawberry.field(default="", description="Where volunteers gather.")
    description: str = strawberry.field(default="", description="What volunteers do.")
    recurrence: RecurrenceInput | None = strawberry.field(
        default=None, description="Weekly repetition, e.g. every Tuesday; none for one date."
    )
    team_id: strawberry.ID | None = strawberry.field(
        default=None, description="The volunteer team running it; its leader may organize it."
    )
    point: GeoPointInput | None = strawberry.field(
        default=None,
        description="Where it is held on the map (WGS-84); `location` stays the words for it.",
    )


@strawberry.type(description="The result of createActivity.")
class CreateActivityPayload:
    activity: Activity = strawberry.field(description="The activity just created.")


async def resolve_create_activity(
    info: Info[Context, None], input: CreateActivityInput
) -> CreateActivityPayload:
    rec = input.recurrence
    activity = await create_activity(
        info.context.activities,
        info.context.require_caller(),
        CreateActivity(
            org_unit_id=str(input.org_unit_id),
            kind=input.kind,
            title=input.title,
            starts_at=input.starts_at,
            capacity=input.capacity,
            ends_at=input.ends_at,
            location=input.location,
            description=input.description,
            recurrence=Recurrence(rec.weekday, rec.until) if rec else None,
            team_id=str(input.team_id) if input.team_id else None,
            point=point_of(input.point),
        ),
    )
    return CreateActivityPayload(activity=Activity.from_domain(activity))
