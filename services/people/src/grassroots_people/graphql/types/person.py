from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from grassroots_people.domain import people as domain
from grassroots_people.domain.masking import mask_phone
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.org_unit import OrgUnit

if TYPE_CHECKING:
    from grassroots_people.graphql.types.household import Household
    from grassroots_people.graphql.types.role import RoleAssignment


@strawberry.federation.type(keys=["id"], description="A resident or someone who serves.")
class Person:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="Full name.")
    party_member: bool = strawberry.field(description="Whether they are a party member.")
    created_at: datetime = strawberry.field(description="When they were registered.")
    raw_phone: strawberry.Private[str | None]
    household_id: strawberry.Private[str | None]
    org_unit_id: strawberry.Private[str | None]
    org_unit_path: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, person: domain.Person) -> Person:
        return cls(
            id=strawberry.ID(person.id),
            name=person.name,
            party_member=person.party_member,
            created_at=person.created_at,
            raw_phone=person.phone,
            household_id=person.household_id,
            org_unit_id=person.org_unit_id,
            org_unit_path=person.org_unit_path,
        )

    @classmethod
    async def resolve_reference(cls, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        person = await info.context.persons.load(str(id))
        return cls.from_domain(person) if person else None

    @strawberry.field(
        description="Mobile number; masked (138****5678) unless you are this person, of their "
        "household, or hold a role over where they live."
    )
    async def phone(self, info: Info[Context, None]) -> str | None:
        if self.raw_phone is None:
            return None
        if await info.context.sees_private(str(self.id), self.household_id, self.org_unit_path):
            return self.raw_phone
        return mask_phone(self.raw_phone)

    @strawberry.field(description="Whether `phone` is shown in full to you.")
    async def phone_visible(self, info: Info[Context, None]) -> bool:
        return await info.context.sees_private(str(self.id), self.household_id, self.org_unit_path)

    @strawberry.field(description="The household they live in, if registered in one.")
    async def household(
        self, info: Info[Context, None]
    ) -> Annotated[Household, strawberry.lazy("grassroots_people.graphql.types.household")] | None:
        from grassroots_people.graphql.types.household import Household

        if self.household_id is None:
            return None
        household = await info.context.households.load(self.household_id)
        return Household.from_domain(household) if household else None

    @strawberry.field(description="The org unit they live in or serve.")
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        if self.org_unit_id is None:
            return None
        unit = await info.context.org_units.load(self.org_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The roles they hold now.")
    async def roles(
        self, info: Info[Context, None]
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("grassroots_people.graphql.types.role")]]:
        from grassroots_people.graphql.types.role import RoleAssignment

        return [RoleAssignment.from_domain(a) for a in await info.context.roles.load(str(self.id))]
