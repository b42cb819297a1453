from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from grassroots_people.domain import access
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
    org_unit_path: strawberry.Private[tuple[str, ...]]
    granted_by_id: strawberry.Private[str | None]
    revoked_by_id: strawberry.Private[str | None]

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
            org_unit_path=assignment.org_unit_path,
            granted_by_id=assignment.granted_by,
            revoked_by_id=assignment.revoked_by,
        )

    async def _who(self, info: Info[Context, None], person_id: str | None) -> Person | None:
        # Who granted or revoked a role is shown to its holder and to those who manage the unit.
        viewer = info.context.caller
        if person_id is None or viewer is None:
            return None
        if viewer.person_id != self.person_id and not access.can_manage(viewer, self.org_unit_path):
            return None
        person = await info.context.persons.load(person_id)
        return Person.from_domain(person) if person else None

    @strawberry.field(
        description="Who granted the role (null when bootstrapped); shown to its holder and "
        "to those who manage the unit."
    )
    async def granted_by(self, info: Info[Context, None]) -> Person | None:
        return await self._who(info, self.granted_by_id)

    @strawberry.field(
        description="Who revoked the role, if it was; shown to its holder and to those who "
        "manage the unit."
    )
    async def revoked_by(self, info: Info[Context, None]) -> Person | None:
        return await self._who(info, self.revoked_by_id)

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
