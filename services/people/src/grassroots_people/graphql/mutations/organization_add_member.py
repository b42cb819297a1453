from __future__ import annotations

import strawberry
from strawberry.types import Info

from grassroots_people.domain.ids import OrganizationId, PersonId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.organization import Organization
from grassroots_people.handlers.organizations import (
    AddOrganizationMember,
    add_organization_member,
)


@strawberry.input(description="A person joins an organization.")
class AddOrganizationMemberInput:
    organization_id: strawberry.ID = strawberry.field(description="The organization.")
    person_id: strawberry.ID = strawberry.field(description="The new member.")
    title: str | None = strawberry.field(default=None, description="Their title there.")


@strawberry.type(description="The result of addOrganizationMember.")
class AddOrganizationMemberPayload:
    organization: Organization = strawberry.field(description="The organization.")


async def resolve_add_organization_member(
    info: Info[Context, None], input: AddOrganizationMemberInput
) -> AddOrganizationMemberPayload:
    organization = await add_organization_member(
        info.context.runtime.ports,
        info.context.caller,
        AddOrganizationMember(
            organization_id=OrganizationId(str(input.organization_id)),
            person_id=PersonId(str(input.person_id)),
            title=input.title,
        ),
    )
    return AddOrganizationMemberPayload(organization=Organization.from_domain(organization))
