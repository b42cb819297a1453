from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.handlers.org_units import RenameOrgUnit, rename_org_unit


@strawberry.input(description="A new name for an org unit.")
class RenameOrgUnitInput:
    org_unit_id: strawberry.ID = strawberry.field(description="The unit to rename.")
    name: str = strawberry.field(description="Unique among its siblings.")


@strawberry.type(description="The result of renameOrgUnit.")
class RenameOrgUnitPayload:
    org_unit: OrgUnit = strawberry.field(description="The unit as renamed.")


async def resolve_rename_org_unit(
    info: Info[Context, None], input: RenameOrgUnitInput
) -> RenameOrgUnitPayload:
    unit = await rename_org_unit(
        info.context.runtime.ports,
        info.context.caller,
        RenameOrgUnit(org_unit_id=OrgUnitId(str(input.org_unit_id)), name=input.name),
    )
    return RenameOrgUnitPayload(org_unit=OrgUnit.from_domain(unit))
