"""Root queries of the participation subgraph."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql import surveys
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers import reading


@strawberry.type
class Query:
    @strawberry.field(
        description="A meeting, for the people and staff of its unit and those invited; "
        "NOT_FOUND for one that does not exist or you may not see."
    )
    async def meeting(self, info: Info[Context, None], id: strawberry.ID) -> Meeting | None:
        found = await reading.meeting(info.context.ports, info.context.require_caller(), str(id))
        return Meeting.from_domain(found)

    @strawberry.field(
        description="A survey, for the staff over its unit and, once open, its people; "
        "NOT_FOUND for one that does not exist or you may not see."
    )
    async def survey(self, info: Info[Context, None], id: strawberry.ID) -> surveys.Survey | None:
        return await surveys.survey_by_id(info, str(id))
