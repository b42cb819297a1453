from __future__ import annotations

import strawberry
from grassroots_kit.graphql.connections import After, Connection, First
from strawberry.types import Info

from grassroots_people.adapters.org_units import OrgUnitQuery
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types import OrgUnit, OrgUnitKind, org_unit_connection


@strawberry.input(description="Narrows a list of org units; all given conditions apply.")
class OrgUnitFilter:
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the direct children of this unit."
    )
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Only units in this unit's subtree (the unit itself excluded)."
    )
    kind: OrgUnitKind | None = strawberry.field(
        default=None, description="Only units of this kind."
    )
    name: str | None = strawberry.field(
        default=None, description="Only units with exactly this name."
    )
    roots_only: bool = strawberry.field(default=False, description="Only the top of the ladder.")

    def to_query(self) -> OrgUnitQuery:
        return OrgUnitQuery(
            parent_id=OrgUnitId(str(self.parent_id)) if self.parent_id else None,
            within=OrgUnitId(str(self.within)) if self.within else None,
            kind=self.kind,
            name=self.name,
            roots_only=self.roots_only,
        )


@strawberry.type
class Query:
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
