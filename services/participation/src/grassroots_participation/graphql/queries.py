"""Root queries of the participation subgraph."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql import surveys
from grassroots_participation.graphql.activity_types import Activity, VolunteerTeam
from grassroots_participation.graphql.context import Context
from grassroots_participation.graphql.cost_share_types import CostSharePlan
from grassroots_participation.graphql.types import Meeting
from grassroots_participation.handlers import activities, cost_shares, reading


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
        description="A cost-sharing plan, for the staff and people of its unit (households see "
        "their own line, others the totals); NOT_FOUND for one that does not exist or you may "
        "not see."
    )
    async def cost_share_plan(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> CostSharePlan | None:
        found = await cost_shares.plan(info.context.ports, info.context.require_caller(), str(id))
        return CostSharePlan.from_domain(*found)

    @strawberry.field(
        description="An activity, for the people and staff of its unit, its team and those "
        "signed up; NOT_FOUND for one that does not exist or you may not see."
    )
    async def activity(self, info: Info[Context, None], id: strawberry.ID) -> Activity | None:
        ctx = info.context
        found = await activities.activity(ctx.activities, ctx.require_caller(), str(id))
        return Activity.from_domain(found)

    @strawberry.field(
        description="A volunteer team, for the people and staff of its unit and its members; "
        "NOT_FOUND for one that does not exist or you may not see."
    )
    async def volunteer_team(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> VolunteerTeam | None:
        ctx = info.context
        found = await activities.team(ctx.activities, ctx.require_caller(), str(id))
        return VolunteerTeam.from_domain(found)

    @strawberry.field(
        description="A survey, for the staff over its unit and, once open, its people; "
        "NOT_FOUND for one that does not exist or you may not see."
    )
    async def survey(self, info: Info[Context, None], id: strawberry.ID) -> surveys.Survey | None:
        return await surveys.survey_by_id(info, str(id))
