from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import OrganizationKind
from grassroots_people.graphql.types.organization import Organization
from grassroots_people.handlers.organizations import CreateOrganization, create_organization


@strawberry.input(description="An organization registered in an org unit.")
class CreateOrganizationInput:
    kind: OrganizationKind = strawberry.field(description="What sort of organization.")
    name: str = strawberry.field(description="Unique within the org unit.")
    org_unit_id: strawberry.ID = strawberry.field(
        description="Where it is registered; whoever manages that unit manages it."
    )


@strawberry.type(description="The result of createOrganization.")
class CreateOrganizationPayload:
    organization: Organization = strawberry.field(description="The organization registered.")


async def resolve_create_organization(
    info: Info[Context, None], input: CreateOrganizationInput
) -> CreateOrganizationPayload:
    organization = await create_organization(
        info.context.runtime.ports,
        info.context.caller,
        CreateOrganization(
            kind=input.kind, name=input.name, org_unit_id=OrgUnitId(str(input.org_unit_id))
        ),
    )
    return CreateOrganizationPayload(organization=Organization.from_domain(organization))
