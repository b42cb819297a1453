from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrganizationId, OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.organization import Organization
from grassroots_people.handlers.organizations import PairOrganization, pair_organization


@strawberry.input(description="Pair an organization (e.g. a red partner) with a community.")
class PairOrganizationInput:
    organization_id: strawberry.ID = strawberry.field(description="The organization.")
    org_unit_id: strawberry.ID = strawberry.field(description="The unit it is paired with.")


@strawberry.type(description="The result of pairOrganization.")
class PairOrganizationPayload:
    organization: Organization = strawberry.field(description="The organization.")


async def resolve_pair_organization(
    info: Info[Context, None], input: PairOrganizationInput
) -> PairOrganizationPayload:
    organization = await pair_organization(
        info.context.runtime.ports,
        info.context.caller,
        PairOrganization(
            organization_id=OrganizationId(str(input.organization_id)),
            org_unit_id=OrgUnitId(str(input.org_unit_id)),
        ),
    )
    return PairOrganizationPayload(organization=Organization.from_domain(organization))
