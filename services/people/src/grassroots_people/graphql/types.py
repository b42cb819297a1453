"""GraphQL types of the people subgraph."""

from __future__ import annotations

from datetime import datetime

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_people.adapters.org_units import OrgUnitQuery, OrgUnitStore, page_key
from grassroots_people.domain import org_units as domain
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.graphql.context import Context

strawberry.enum(
    domain.OrgUnitKind, description="A rung of the administrative ladder, highest first."
)
OrgUnitKind = domain.OrgUnitKind


@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    kind: OrgUnitKind = strawberry.field(description="Which rung of the ladder this unit is.")
    name: str = strawberry.field(description="Display name, unique among its siblings.")
    path: list[strawberry.ID] = strawberry.field(
        description="Ids of the ancestors, root first (the unit itself excluded)."
    )
    created_at: datetime = strawberry.field(description="When the unit was created.")
    parent_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, unit: domain.OrgUnit) -> OrgUnit:
        return cls(
            id=strawberry.ID(unit.id),
            kind=unit.kind,
            name=unit.name,
            path=[strawberry.ID(p) for p in unit.path],
            created_at=unit.created_at,
            parent_id=unit.parent_id,
        )

    @classmethod
    async def resolve_reference(
        cls, info: Info[Context, None], id: strawberry.ID
    ) -> OrgUnit | None:
        unit = await info.context.org_units.load(str(id))
        return cls.from_domain(unit) if unit else None

    @strawberry.field(description="The unit one rung up, or null for a district.")
    async def parent(self, info: Info[Context, None]) -> OrgUnit | None:
        if self.parent_id is None:
            return None
        unit = await info.context.org_units.load(self.parent_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="The ancestors, root first.")
    async def ancestors(self, info: Info[Context, None]) -> list[OrgUnit]:
        units = await info.context.org_units.load_many([str(p) for p in self.path])
        return [OrgUnit.from_domain(u) for u in units if u is not None]

    @strawberry.field(description="The units directly below this one, by name.")
    async def children(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
    ) -> Connection[OrgUnit]:
        return await org_unit_connection(
            info.context, OrgUnitQuery(parent_id=OrgUnitId(str(self.id))), first, after
        )


async def org_unit_connection(
    context: Context, query: OrgUnitQuery, first: int | None, after: str | None
) -> Connection[OrgUnit]:
    page = await OrgUnitStore(context.host.db).page(
        query, page_size(first), decode_cursor(after) if after else None
    )
    for unit in page.items:
        context.org_units.prime(unit.id, unit)
    return to_connection(page, page_key, OrgUnit.from_domain)
