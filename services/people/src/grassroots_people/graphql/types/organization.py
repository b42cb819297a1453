from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.connections import Connection, decode_cursor, page_size, to_connection
from strawberry.types import Info

from grassroots_people.domain import organizations as domain
from grassroots_people.domain.listing import OrganizationQuery, organization_key
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import OrganizationKind
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.graphql.types.person import Person
from grassroots_people.graphql.types.role import RoleAssignment
from grassroots_people.handlers import reading


@strawberry.type(description="A person's membership of an organization.")
class OrganizationMember:
    title: str | None = strawberry.field(description="Their title there, if given.")
    since: datetime = strawberry.field(description="Member since.")
    person_id: strawberry.Private[str]

    @strawberry.field(description="The member.")
    async def person(self, info: Info[Context, None]) -> Person | None:
        person = await info.context.persons.load(self.person_id)
        return Person.from_domain(person) if person else None


@strawberry.federation.type(
    keys=["id"], description="A red partner, department, property company, committee or NGO."
)
class Organization:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    kind: OrganizationKind = strawberry.field(description="What sort of organization.")
    name: str = strawberry.field(description="Name, unique within its org unit.")
    created_at: datetime = strawberry.field(description="When it was registered.")
    org_unit_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, organization: domain.Organization) -> Organization:
        return cls(
            id=strawberry.ID(organization.id),
            kind=organization.kind,
            name=organization.name,
            created_at=organization.created_at,
            org_unit_id=organization.org_unit_id,
        )

    @classmethod
    async def resolve_reference(
        cls, info: Info[Context, None], id: strawberry.ID
    ) -> Organization | None:
        found = await info.context.organizations.load(str(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The org unit it is registered in.")
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        unit = await info.context.org_units.load(self.org_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The communities (or other units) it is paired with.")
    async def paired_org_units(self, info: Info[Context, None]) -> list[OrgUnit]:
        ids = await info.context.paired_units.load(str(self.id))
        units = await info.context.org_units.load_many(ids)
        return [OrgUnit.from_domain(u) for u in units if u is not None]

    @strawberry.field(description="Its members.")
    async def members(self, info: Info[Context, None]) -> list[OrganizationMember]:
        return [
            OrganizationMember(title=m.title, since=m.since, person_id=m.person_id)
            for m in await info.context.organization_members.load(str(self.id))
        ]

    @strawberry.field(description="Roles held on its behalf (department staff, partner members).")
    async def staff(self, info: Info[Context, None]) -> list[RoleAssignment]:
        found = await info.context.organization_staff.load(str(self.id))
        return [RoleAssignment.from_domain(a) for a in found]


async def organization_connection(
    context: Context, query: OrganizationQuery, first: int | None, after: str | None
) -> Connection[Organization]:
    page = await reading.organizations(
        context.stores, query, page_size(first), decode_cursor(after) if after else None
    )
    for organization in page.items:
        context.organizations.prime(organization.id, organization)
    return to_connection(page, organization_key, Organization.from_domain)
