from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import HouseholdId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.editing import UpdateHousehold, update_household


@strawberry.input(
    description="Correct a household's address or needs: its members, or those who serve it."
)
class UpdateHouseholdInput:
    household_id: strawberry.ID = strawberry.field(description="The household.")
    address: str | None = strawberry.field(default=None, description="New address.")
    needs: list[str] | None = strawberry.field(default=None, description="Replaces the needs.")


@strawberry.type(description="The result of updateHousehold.")
class UpdateHouseholdPayload:
    household: Household = strawberry.field(description="The household as updated.")


async def resolve_update_household(
    info: Info[Context, None], input: UpdateHouseholdInput
) -> UpdateHouseholdPayload:
    household = await update_household(
        info.context.runtime.ports,
        info.context.caller,
        UpdateHousehold(
            household_id=HouseholdId(str(input.household_id)),
            address=input.address,
            needs=list(input.needs) if input.needs is not None else None,
        ),
    )
    return UpdateHouseholdPayload(household=Household.from_domain(household))
