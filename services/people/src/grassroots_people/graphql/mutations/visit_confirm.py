from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import VisitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.commitment import Visit
from grassroots_people.graphql.types.household import Household
from grassroots_people.handlers.households import ConfirmVisit, confirm_visit


@strawberry.input(
    description="Confirm a visit: a member of the household visited, or someone else serving "
    "it; never the visitor."
)
class ConfirmVisitInput:
    visit_id: strawberry.ID = strawberry.field(description="The visit logged.")


@strawberry.type(description="The result of confirmVisit.")
class ConfirmVisitPayload:
    visit: Visit = strawberry.field(description="The visit, confirmed.")


async def resolve_confirm_visit(
    info: Info[Context, None], input: ConfirmVisitInput
) -> ConfirmVisitPayload:
    visit, household = await confirm_visit(
        info.context.runtime.ports,
        info.context.caller,
        ConfirmVisit(visit_id=VisitId(str(input.visit_id))),
    )
    return ConfirmVisitPayload(visit=Visit.from_domain(visit, Household.from_domain(household)))
