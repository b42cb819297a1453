from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.connections import Connection, decode_cursor, page_size, to_connection
from strawberry.types import Info

from grassroots_people.domain import people as domain
from grassroots_people.domain.care import overdue_by
from grassroots_people.domain.listing import HouseholdQuery, household_key
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import CareLevel
from grassroots_people.graphql.types.org_unit import OrgUnit
from grassroots_people.graphql.types.person import Person
from grassroots_people.handlers import reading


@strawberry.federation.type(
    keys=["id"],
    description="A household at an address in the ladder. Only its members and the chiefs and "
    "staff who care for it (a caring role over its unit) see a household; to anyone else, "
    "whichever path they come by, it is null (docs/people.md, Private data).",
)
class Household:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    care_level: CareLevel = strawberry.field(description="RED, YELLOW, GREEN or NONE.")
    needs: list[str] = strawberry.field(description="What the household needs help with.")
    last_visit_at: datetime | None = strawberry.field(description="When it was last visited.")
    next_visit_due: datetime | None = strawberry.field(
        description="When the household becomes overdue by its care level: the end (business "
        "time zone's midnight) of the day its next visit is due on; null for NONE."
    )
    raw_address: strawberry.Private[str]
    org_unit_id: strawberry.Private[str]
    org_unit_path: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, household: domain.Household) -> Household:
        return cls(
            id=strawberry.ID(household.id),
            care_level=household.care_level,
            needs=list(household.needs),
            last_visit_at=household.last_visit_at,
            next_visit_due=household.next_visit_due,
            raw_address=household.address,
            org_unit_id=household.org_unit_id,
            org_unit_path=household.org_unit_path,
        )

    @classmethod
    async def resolve_reference(
        cls, info: Info[Context, None], id: strawberry.ID
    ) -> Household | None:
        return await visible_household(info.context, str(id))

    @strawberry.field(description="Street address, unit and room.")
    def address(self) -> str:
        return self.raw_address

    @strawberry.field(description="Days the next visit is overdue; null when it is not.")
    def overdue_days(self, info: Info[Context, None]) -> int | None:
        late = overdue_by(self.next_visit_due, info.context.now)
        return late.days if late is not None else None

    @strawberry.field(description="The org unit (usually a neighborhood or building) it is in.")
    async def org_unit(self, info: Info[Context, None]) -> OrgUnit | None:
        unit = await info.context.org_units.load(self.org_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The people living here, by name.")
    async def members(self, info: Info[Context, None]) -> list[Person]:
        return [Person.from_domain(p) for p in await info.context.members.load(str(self.id))]


async def visible_household(context: Context, household_id: str) -> Household | None:
    """The household if the caller may see it (`domain/privacy.py`), else None."""
    household = await context.households.load(household_id)
    if household is None or not await context.sees_household(household):
        return None
    return Household.from_domain(household)


async def household_connection(
    context: Context, query: HouseholdQuery, first: int | None, after: str | None
) -> Connection[Household]:
    page = await reading.households(
        context.stores, query, page_size(first), decode_cursor(after) if after else None
    )
    for household in page.items:
        context.households.prime(household.id, household)
    by_due = query.overdue_at is not None
    return to_connection(page, lambda h: household_key(h, by_due=by_due), Household.from_domain)
