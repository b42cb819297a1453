from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import HouseholdId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import CareLevel
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.households import SetCareLevel, set_care_level


@strawberry.input(description="A household's care level and, optionally, its needs.")
class SetCareLevelInput:
    household_id: strawberry.ID = strawberry.field(description="The household.")
    care_level: CareLevel = strawberry.field(description="RED, YELLOW, GREEN or NONE.")
    needs: list[str] | None = strawberry.field(
        default=None, description="Replaces the needs when given."
    )


@strawberry.type(description="The result of setCareLevel.")
class SetCareLevelPayload:
    household: Household = strawberry.field(description="The household with its next visit due.")


async def resolve_set_care_level(
    info: Info[Context, None], input: SetCareLevelInput
) -> SetCareLevelPayload:
    household = await set_care_level(
        info.context.runtime.ports,
        info.context.caller,
        SetCareLevel(
            household_id=HouseholdId(str(input.household_id)),
            care_level=input.care_level,
            needs=list(input.needs) if input.needs is not None else None,
        ),
    )
    return SetCareLevelPayload(household=Household.from_domain(household))
