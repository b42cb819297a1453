from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from grassroots_people.domain import people as domain
from grassroots_people.domain import privacy
from grassroots_people.domain.masking import mask_name, mask_phone
from grassroots_people.domain.privacy import Sight
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.org_unit import OrgUnit

if TYPE_CHECKING:
    from grassroots_people.graphql.types.household import Household
    from grassroots_people.graphql.types.role import RoleAssignment


@strawberry.federation.type(
    keys=["id"],
    description="A resident or someone who serves. What you see of them follows people's "
    "privacy policy (docs/people.md): a resident's name, roles and org unit show only to "
    "themselves, their household and those who serve them; a chief's or staff member's name "
    "shows to everyone.",
)
class Person:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    created_at: datetime = strawberry.field(description="When they were registered.")
    raw: strawberry.Private[domain.Person]

    @classmethod
    def from_domain(cls, person: domain.Person) -> Person:
        return cls(id=strawberry.ID(person.id), created_at=person.created_at, raw=person)

    @classmethod
    async def resolve_reference(cls, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        person = await info.context.persons.load(str(id))
        return cls.from_domain(person) if person else None

    async def _view(self, info: Info[Context, None]) -> privacy.PersonView:
        return await info.context.person_view(self.raw)

    @strawberry.field(
        description="Full name; `****` when you may not know who they are (a resident you "
        "neither are, live with, nor serve)."
    )
    async def name(self, info: Info[Context, None]) -> str:
        if (await self._view(info)).name is Sight.FULL:
            return self.raw.name
        return mask_name(self.raw.name)

    @strawberry.field(
        description="Whether they are a party member; false unless you are this person, of "
        "their household, or hold a role over where they live.",
        deprecation_reason="Reads false when hidden from you; use partyMembership (null when "
        "hidden).",
    )
    async def party_member(self, info: Info[Context, None]) -> bool:
        return self.raw.party_member and (await self._view(info)).party_membership

    @strawberry.field(
        description="Whether they are a party member; null unless you are this person, of "
        "their household, or hold a role over where they live."
    )
    async def party_membership(self, info: Info[Context, None]) -> bool | None:
        return self.raw.party_member if (await self._view(info)).party_membership else None

    @strawberry.field(
        description="Mobile number: in full to this person and those who serve them, masked "
        "(138****5678) to others who may see their name, null to everyone else."
    )
    async def phone(self, info: Info[Context, None]) -> str | None:
        if self.raw.phone is None:
            return None
        match (await self._view(info)).phone:
            case Sight.FULL:
                return self.raw.phone
            case Sight.MASKED:
                return mask_phone(self.raw.phone)
            case Sight.HIDDEN:
                return None

    @strawberry.field(description="Whether `phone` is shown in full to you.")
    async def phone_visible(self, info: Info[Context, None]) -> bool:
        return (await self._view(info)).phone is Sight.FULL

    @strawberry.field(
        description="The household they live in: null when there is none or you may not see "
        "it (only its members and the chiefs and staff who care for it may)."
    )
    async def household(
        self, info: Info[Context, None]
    ) -> Annotated[Household, strawberry.lazy("grassroots_people.graphql.types.household")] | None:
        from grassroots_people.graphql.types.household import Household

        if self.raw.household_id is None:
            return None
        household = await info.context.households.load(self.raw.household_id)
        if household is None or not await info.context.sees_household(household):
            return None
        return Household.from_domain(household)

    @strawberry.field(
        description="The org unit they live in or serve; null when you may not see their name."
    )
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        if self.raw.org_unit_id is None or not (await self._view(info)).identified:
            return None
        unit = await info.context.org_units.load(self.raw.org_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The roles they hold now; empty when you may not see their name.")
    async def roles(
        self, info: Info[Context, None]
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("grassroots_people.graphql.types.role")]]:
        from grassroots_people.graphql.types.role import RoleAssignment

        if not (await self._view(info)).identified:
            return []
        return [RoleAssignment.from_domain(a) for a in await info.context.roles.load(str(self.id))]
