from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.graphql.context import Context
from grassroots_people.graphql.mutations.household_create import CreateHouseholdInput
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.households import MAX_BATCH, create_households


@strawberry.input(description=f"Up to {MAX_BATCH} households created together: all or none.")
class CreateHouseholdsInput:
    households: list[CreateHouseholdInput] = strawberry.field(description="The households.")


@strawberry.type(description="The result of createHouseholds.")
class CreateHouseholdsPayload:
    households: list[Household] = strawberry.field(description="Created, in input order.")


async def resolve_create_households(
    info: Info[Context, None], input: CreateHouseholdsInput
) -> CreateHouseholdsPayload:
    households = await create_households(
        info.context.runtime.ports, info.context.caller, [h.to_command() for h in input.households]
    )
    return CreateHouseholdsPayload(households=[Household.from_domain(h) for h in households])
