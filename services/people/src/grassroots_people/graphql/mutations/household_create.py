from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.households import CreateHousehold, create_households


@strawberry.input(description="A household at an address inside an org unit.")
class CreateHouseholdInput:
    org_unit_id: strawberry.ID = strawberry.field(
        description="Where it is, usually a neighborhood or building."
    )
    address: str = strawberry.field(description="Street address, unit and room.")
    needs: list[str] = strawberry.field(
        default_factory=list, description="What it needs help with."
    )

    def to_command(self) -> CreateHousehold:
        return CreateHousehold(
            org_unit_id=OrgUnitId(str(self.org_unit_id)),
            address=self.address,
            needs=list(self.needs),
        )


@strawberry.type(description="The result of createHousehold.")
class CreateHouseholdPayload:
    household: Household = strawberry.field(description="The household just created.")


async def resolve_create_household(
    info: Info[Context, None], input: CreateHouseholdInput
) -> CreateHouseholdPayload:
    [household] = await create_households(
        info.context.runtime.ports, info.context.caller, [input.to_command()]
    )
    return CreateHouseholdPayload(household=Household.from_domain(household))
