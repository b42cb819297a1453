from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from grassroots_kit.graphql.connections import (
    MAX_PAGE,
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_people.domain import org_units as domain
from grassroots_people.domain import privacy
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.listing import OrgUnitQuery, org_unit_key
from grassroots_people.domain.roles import Role as DomainRole
from grassroots_people.domain.roles import nearest_first
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.types.enums import OrgUnitKind, Role
from grassroots_people.handlers import reading

if TYPE_CHECKING:
    from grassroots_people.graphql.types.commitment import CommitmentBoard
    from grassroots_people.graphql.types.role import RoleAssignment

# `servedBy` without `first`: more than the chiefs and staff of a whole ladder.
SERVED_BY_DEFAULT = 20
# Who serves a place: the chiefs and the staff, not the residents and volunteers.
SERVING = tuple(
    r
    for r in DomainRole
    if r not in (DomainRole.RESIDENT, DomainRole.VOLUNTEER, DomainRole.PLATFORM_ADMIN)
)


@strawberry.federation.type(keys=["id"], description="A unit of the administrative ladder.")
class OrgUnit:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    kind: OrgUnitKind = strawberry.field(description="Which rung of the ladder this unit is.")
    name: str = strawberry.field(description="Display name, unique among its siblings.")
    path: list[strawberry.ID] = strawberry.field(
        description="Ids of the ancestors, root first (the unit itself excluded)."
    )
    version: int = strawberry.field(description="Grows with every change (rename, move).")
    created_at: datetime = strawberry.field(description="When the unit was created.")
    parent_id: strawberry.Private[str | None]
    path_with_self: strawberry.Private[tuple[OrgUnitId, ...]]

    @classmethod
    def from_domain(cls, unit: domain.OrgUnit) -> OrgUnit:
        return cls(
            id=strawberry.ID(unit.id),
            kind=unit.kind,
            name=unit.name,
            path=[strawberry.ID(p) for p in unit.path],
            version=unit.version,
            created_at=unit.created_at,
            parent_id=unit.parent_id,
            path_with_self=unit.path_with_self,
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

    @strawberry.field(
        description="Who serves this unit: chiefs and staff holding a role here or above, "
        "nearest first up the ladder (the rung's highest role first), at most `first` "
        f"({SERVED_BY_DEFAULT} unless given, at most {MAX_PAGE}). Residents and volunteers "
        "(`roles: [RESIDENT, VOLUNTEER]`) are listed only to those who serve the unit."
    )
    async def served_by(
        self,
        info: Info[Context, None],
        roles: list[Role] | None = None,
        first: Annotated[
            int | None,
            strawberry.argument(
                description=f"How many, at most {MAX_PAGE}; {SERVED_BY_DEFAULT} when not given."
            ),
        ] = None,
    ) -> list[Annotated[RoleAssignment, strawberry.lazy("grassroots_people.graphql.types.role")]]:
        from grassroots_people.graphql.types.role import RoleAssignment

        limit = SERVED_BY_DEFAULT if first is None else page_size(first)
        wanted = {DomainRole(r) for r in roles} if roles else set(SERVING)
        if not privacy.lists_residents(info.context.viewer_by_grants(), self.path_with_self):
            wanted -= privacy.RESIDENT_ROLES
        if not wanted or limit == 0:
            return []
        found = await info.context.serving.load((tuple(self.path_with_self), tuple(sorted(wanted))))
        nearest = nearest_first(found, self.path_with_self)[:limit]
        return [RoleAssignment.from_domain(a) for a in nearest]

    @strawberry.field(description="Commitments made in this unit's subtree and how they fare.")
    async def commitment_board(
        self, info: Info[Context, None]
    ) -> Annotated[CommitmentBoard, strawberry.lazy("grassroots_people.graphql.types.commitment")]:
        from grassroots_people.graphql.types.commitment import commitment_board

        return await commitment_board(info.context, str(self.id))


async def org_unit_connection(
    context: Context, query: OrgUnitQuery, first: int | None, after: str | None
) -> Connection[OrgUnit]:
    page = await reading.org_units(
        context.stores, query, page_size(first), decode_cursor(after) if after else None
    )
    for unit in page.items:
        context.org_units.prime(unit.id, unit)
    return to_connection(page, org_unit_key, OrgUnit.from_domain)
