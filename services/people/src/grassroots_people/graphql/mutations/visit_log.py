from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.geo import GeoPointInput, point_of
from strawberry.types import Info

from grassroots_people.domain.ids import HouseholdId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.commitment import Visit
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.households import LogVisit, log_visit


@strawberry.input(
    description="A visit the caller paid to a household, at most 72 hours ago; it counts once "
    "a member of the household or someone else serving it confirms it (confirmVisit)."
)
class LogVisitInput:
    household_id: strawberry.ID = strawberry.field(description="The household visited.")
    at: datetime | None = strawberry.field(default=None, description="When; default now.")
    notes: str = strawberry.field(default="", description="What was found or done.")
    location: GeoPointInput | None = strawberry.field(
        default=None, description="Where the visit took place (WGS-84); optional."
    )
    media_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Photos of the visit: ids from requestVisitPhotoUpload that you uploaded.",
    )


@strawberry.type(description="The result of logVisit.")
class LogVisitPayload:
    visit: Visit = strawberry.field(description="The visit logged, not yet confirmed.")


async def resolve_log_visit(info: Info[Context, None], input: LogVisitInput) -> LogVisitPayload:
    visit, household = await log_visit(
        info.context.runtime.ports,
        info.context.caller,
        LogVisit(
            household_id=HouseholdId(str(input.household_id)),
            at=input.at,
            notes=input.notes,
            location=point_of(input.location),
            photo_ids=tuple(str(m) for m in input.media_ids or ()),
        ),
    )
    return LogVisitPayload(visit=Visit.from_domain(visit, Household.from_domain(household)))
