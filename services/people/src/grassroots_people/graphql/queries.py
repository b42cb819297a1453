from __future__ import annotations

from datetime import date

import strawberry
from grassroots_kit.errors import NotFound
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from grassroots_kit.i18n import msg
from strawberry.types import Info

from grassroots_people.domain import access
from grassroots_people.domain.listing import (
    HouseholdQuery,
    OrganizationQuery,
    OrgUnitQuery,
    PersonQuery,
    person_key,
)
from grassroots_people.domain.roles import Role
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.filters import (
    HouseholdFilter,
    OrganizationFilter,
    OrgUnitFilter,
    PersonFilter,
)
from grassroots_people.graphql.types.coverage import CareCoverage
from grassroots_people.graphql.types.household import (
    Household,
    household_connection,
    visible_household,
)
from grassroots_people.graphql.types.org_unit import OrgUnit, org_unit_connection
from grassroots_people.graphql.types.organization import Organization, organization_connection
from grassroots_people.graphql.types.person import Person
from grassroots_people.graphql.vocabulary import VocabularyTerm, resolve_vocabulary
from grassroots_people.handlers import reading
from grassroots_people.handlers.coverage import coverage_of


async def _scope(
    context: Context, within: strawberry.ID | None, roles: frozenset[Role] = access.SEEING
) -> list[str] | None:
    """The subtrees a list may show: `within` if the caller sees it with these roles, else
    all they see with them."""
    actor = context.require_caller()
    if within is None:
        return access.visible_scope(actor, roles)
    unit = await context.org_units.load(str(within))
    if unit is None:
        raise NotFound(msg("no org unit with id {unit_id}", unit_id=within), field="within")
    access.require(
        access.has_role_over(actor, roles, unit.path_with_self),
        msg("list what is in this org unit"),
    )
    return None


@strawberry.type
class Query:
    vocabulary: list[VocabularyTerm] = strawberry.field(
        resolver=resolve_vocabulary,
        description=(
            "The label and description of every code of the graph's enums, in a language; "
            "anyone may read it."
        ),
    )

    @strawberry.field(description="The person the access token belongs to.")
    async def me(self, info: Info[Context, None]) -> Person | None:
        actor = info.context.require_caller()
        person = await info.context.persons.load(actor.person_id)
        return Person.from_domain(person) if person else None

    @strawberry.field(
        description="One person by id, shown as people's privacy policy allows (docs/people.md)."
    )
    async def person(self, info: Info[Context, None], id: strawberry.ID) -> Person | None:
        info.context.require_caller()
        person = await info.context.persons.load(str(id))
        return Person.from_domain(person) if person else None

    @strawberry.field(
        description="People by name within the caller's scope (or your own household)."
    )
    async def people(
        self,
        info: Info[Context, None],
        filter: PersonFilter | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Person]:
        context = info.context
        f = filter or PersonFilter()
        # A resident may list their household, but not search it by phone: the policy masks a
        # housemate's phone, and a prefix search would spell it out digit by digit.
        own_household = (
            f.household_id is not None
            and f.phone_starts_with is None
            and str(f.household_id) == await context.viewer_household()
        )
        scope = None if own_household else await _scope(context, f.within)
        query = PersonQuery(
            within=str(f.within) if f.within else None,
            scope=scope,
            name_prefix=f.name_starts_with,
            phone_prefix=f.phone_starts_with,
            household_id=str(f.household_id) if f.household_id else None,
            party_member=f.party_member,
        )
        page = await reading.people(
            context.stores, query, page_size(first), decode_cursor(after) if after else None
        )
        for person in page.items:
            context.persons.prime(person.id, person)
        return to_connection(page, person_key, Person.from_domain)

    @strawberry.field(
        description="One household by id; null when there is none or you may not see it."
    )
    async def household(self, info: Info[Context, None], id: strawberry.ID) -> Household | None:
        info.context.require_caller()
        return await visible_household(info.context, str(id))

    @strawberry.field(
        description="Households within the caller's scope, by address; with `visitOverdue` "
        "those whose visit is overdue, most overdue first."
    )
    async def households(
        self,
        info: Info[Context, None],
        filter: HouseholdFilter | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Household]:
        context = info.context
        f = filter or HouseholdFilter()
        query = HouseholdQuery(
            within=str(f.within) if f.within else None,
            # Households show to those who care for them (domain/privacy.py `sees_household`).
            scope=await _scope(context, f.within, access.CARING),
            care_level=f.care_level,
            overdue_at=context.now if f.visit_overdue else None,
            address=f.address,
        )
        return await household_connection(context, query, first, after)

    @strawberry.field(
        description="Households of each care level in an org unit's subtree and how many are "
        "visited on schedule at the end of `asOf` (a business day; today when not given; from "
        "2000-01-01 to 366 days ahead), for "
        "the unit and for each child unit. For staff over the unit (grid members upward). Care "
        "levels are the households' current ones."
    )
    async def care_coverage(
        self, info: Info[Context, None], org_unit_id: strawberry.ID, as_of: date | None = None
    ) -> CareCoverage:
        ports = info.context.runtime.ports
        found = await coverage_of(ports, info.context.caller, str(org_unit_id), as_of)
        return CareCoverage.from_domain(found, ports.schedule)

    @strawberry.field(description="One organization by id.")
    async def organization(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> Organization | None:
        found = await info.context.organizations.load(str(id))
        return Organization.from_domain(found) if found else None

    @strawberry.field(description="Organizations by name, narrowed by a filter.")
    async def organizations(
        self,
        info: Info[Context, None],
        filter: OrganizationFilter | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Organization]:
        query = filter.to_query() if filter else OrganizationQuery()
        return await organization_connection(info.context, query, first, after)

    @strawberry.field(description="One org unit by id, or null when there is none.")
    async def org_unit(self, info: Info[Context, None], id: strawberry.ID) -> OrgUnit | None:
        unit = await info.context.org_units.load(str(id))
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="Org units by name, narrowed by a filter.")
    async def org_units(
        self,
        info: Info[Context, None],
        filter: OrgUnitFilter | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[OrgUnit]:
        query = filter.to_query() if filter else OrgUnitQuery()
        return await org_unit_connection(info.context, query, first, after)
