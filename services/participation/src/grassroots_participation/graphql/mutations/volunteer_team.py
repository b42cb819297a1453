from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_participation.graphql.activity_types import VolunteerTeam
from grassroots_participation.graphql.context import Context
from grassroots_participation.handlers.activities import add_team_members, create_team


@strawberry.input(description="A volunteer team to form at an org unit.")
class CreateVolunteerTeamInput:
    org_unit_id: strawberry.ID = strawberry.field(description="Where it serves.")
    name: str = strawberry.field(description="What it is called, e.g. `Red volunteers`.")
    leader_id: strawberry.ID = strawberry.field(description="Its leader, its first member.")


@strawberry.type(description="The result of createVolunteerTeam.")
class CreateVolunteerTeamPayload:
    team: VolunteerTeam = strawberry.field(description="The team just formed.")


@strawberry.input(description="People to add to a volunteer team.")
class AddTeamMemberInput:
    team_id: strawberry.ID = strawberry.field(description="The team.")
    person_ids: list[strawberry.ID] = strawberry.field(
        description="Who joins (at most 100 at a time; each is added once)."
    )


@strawberry.type(description="The result of addTeamMember.")
class AddTeamMemberPayload:
    team: VolunteerTeam = strawberry.field(description="The team with its members.")


async def resolve_create_volunteer_team(
    info: Info[Context, None], input: CreateVolunteerTeamInput
) -> CreateVolunteerTeamPayload:
    ctx = info.context
    team = await create_team(
        ctx.activities,
        ctx.require_caller(),
        str(input.org_unit_id),
        input.name,
        str(input.leader_id),
    )
    return CreateVolunteerTeamPayload(team=VolunteerTeam.from_domain(team))


async def resolve_add_team_member(
    info: Info[Context, None], input: AddTeamMemberInput
) -> AddTeamMemberPayload:
    ctx = info.context
    team = await add_team_members(
        ctx.activities, ctx.require_caller(), str(input.team_id), [str(p) for p in input.person_ids]
    )
    return AddTeamMemberPayload(team=VolunteerTeam.from_domain(team))
