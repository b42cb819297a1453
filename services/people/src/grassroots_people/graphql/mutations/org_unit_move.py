from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.handlers.org_units import MoveOrgUnit, move_org_unit


@strawberry.input(description="Move an org unit, with its whole subtree, under another parent.")
class MoveOrgUnitInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit to move.")
    new_parent_id: strawberry.ID = strawberry.field(
        description="Its new parent: ranks above it and is not inside its subtree."
    )


@strawberry.type(description="The result of moveOrgUnit.")
class MoveOrgUnitPayload:
    org_unit: OrgUnit = strawberry.field(description="The unit at its new place.")


async def resolve_move_org_unit(
    info: Info[Context, None], input: MoveOrgUnitInput
) -> MoveOrgUnitPayload:
    unit = await move_org_unit(
        info.context.runtime.ports,
        info.context.caller,
        MoveOrgUnit(
            org_unit_id=OrgUnitId(str(input.org_unit_id)),
            new_parent_id=OrgUnitId(str(input.new_parent_id)),
        ),
    )
    return MoveOrgUnitPayload(org_unit=OrgUnit.from_domain(unit))
