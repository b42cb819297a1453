from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId, PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.role import RoleAssignment
from grassroots_people.handlers.roles import RecordElection, record_election


@strawberry.input(description="The households of a neighborhood (5-15) elected a neighbor chief.")
class RecordElectionInput:
    neighborhood_id: strawberry.ID = strawberry.field(description="The NEIGHBORHOOD.")
    chief_id: strawberry.ID = strawberry.field(description="The elected resident.")
    held_on: date = strawberry.field(description="The day of the vote.")
    households_voting: int = strawberry.field(description="Households that voted (a majority).")


@strawberry.type(description="The result of recordElection.")
class RecordElectionPayload:
    role_assignment: RoleAssignment = strawberry.field(
        description="The chief's NEIGHBOR_CHIEF role, with the election."
    )


async def resolve_record_election(
    info: Info[Context, None], input: RecordElectionInput
) -> RecordElectionPayload:
    assignment = await record_election(
        info.context.runtime.ports,
        info.context.caller,
        RecordElection(
            neighborhood_id=OrgUnitId(str(input.neighborhood_id)),
            chief_id=PersonId(str(input.chief_id)),
            held_on=input.held_on,
            households_voting=input.households_voting,
        ),
    )
    return RecordElectionPayload(role_assignment=RoleAssignment.from_domain(assignment))
