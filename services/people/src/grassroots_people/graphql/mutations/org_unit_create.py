from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import OrgUnitKind
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.handlers.org_units import CreateOrgUnit, create_org_unit


@strawberry.input(description="A new org unit under an existing parent (none for a district).")
class CreateOrgUnitInput:
    kind: OrgUnitKind = strawberry.field(description="Must rank below the parent's kind.")
    name: str = strawberry.field(description="Unique among the parent's children.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit one rung up; omit only for a district."
    )


@strawberry.type(description="The result of createOrgUnit.")
class CreateOrgUnitPayload:
    org_unit: OrgUnit = strawberry.field(description="The unit just created.")


async def resolve_create_org_unit(
    info: Info[Context, None], input: CreateOrgUnitInput
) -> CreateOrgUnitPayload:
    unit = await create_org_unit(
        info.context.runtime.ports,
        info.context.caller,
        CreateOrgUnit(
            kind=input.kind,
            name=input.name,
            parent_id=OrgUnitId(str(input.parent_id)) if input.parent_id else None,
        ),
    )
    return CreateOrgUnitPayload(org_unit=OrgUnit.from_domain(unit))
