from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from grassroots_people.domain import roles as domain
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import Role
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.graphql.types.person import Person

if TYPE_CHECKING:
    from grassroots_people.graphql.types.organization import Organization


@strawberry.type(description="How a neighbor chief was elected.")
class Election:
    held_on: date = strawberry.field(description="The day of the vote.")
    households_voting: int = strawberry.field(description="Households that voted.")
    households_total: int = strawberry.field(description="Households of the neighborhood.")


@strawberry.type(description="A role held by a person over an org unit's subtree, for a term.")
class RoleAssignment:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    role: Role = strawberry.field(description="The role.")
    since: datetime = strawberry.field(description="Start of the term.")
    until: datetime | None = strawberry.field(description="End of the term, if fixed.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")
    election: Election | None = strawberry.field(description="For an elected neighbor chief.")
    person_id: strawberry.Private[str]
    org_unit_id: strawberry.Private[str]
    organization_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, assignment: domain.RoleAssignment) -> RoleAssignment:
        e = assignment.election
        return cls(
            id=strawberry.ID(assignment.id),
            role=assignment.role,
            since=assignment.since,
            until=assignment.until,
            revoked_at=assignment.revoked_at,
            election=Election(
                held_on=e.held_on,
                households_voting=e.households_voting,
                households_total=e.households_total,
            )
            if e
            else None,
            person_id=assignment.person_id,
            org_unit_id=assignment.org_unit_id,
            organization_id=assignment.organization_id,
        )

    @strawberry.field(description="Who holds the role.")
    async def person(self, info: Info[Context, None]) -> Person | None:
        person = await info.context.persons.load(self.person_id)
        return Person.from_domain(person) if person else None

    @strawberry.field(description="Where the role is held (null for a platform-wide role).")
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        unit = await info.context.org_units.load(self.org_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The organization the role is held for, if any.")
    async def organization(
        self, info: Info[Context, None]
    ) -> (
        Annotated[Organization, strawberry.lazy("grassroots_people.graphql.types.organization")]
        | None
    ):
        from grassroots_people.graphql.types.organization import Organization

        if self.organization_id is None:
            return None
        found = await info.context.organizations.load(self.organization_id)
        return Organization.from_domain(found) if found else None
