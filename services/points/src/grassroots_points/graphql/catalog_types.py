"""GraphQL types of the rewards catalog and redemptions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from grassroots_points.domain import rewards as domain
from grassroots_points.graphql.context import Context
from grassroots_points.graphql.types import Person

if TYPE_CHECKING:
    from grassroots_points.graphql.org_unit import OrgUnit

strawberry.enum(domain.RedemptionStatus, description="Where a redemption stands.")
RedemptionStatus = domain.RedemptionStatus

OrgUnitRef = Annotated["OrgUnit", strawberry.lazy("grassroots_points.graphql.org_unit")]


def _org_unit(unit_id: str) -> OrgUnitRef:
    from grassroots_points.graphql.org_unit import OrgUnit

    return OrgUnit(id=strawberry.ID(unit_id))


@strawberry.federation.type(keys=["id"], description="Something a community offers for points.")
class Reward:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="What it is, e.g. `5 kg rice`.")
    cost: int = strawberry.field(description="Points per item.")
    stock: int = strawberry.field(description="Items left; never negative.")
    active: bool = strawberry.field(description="Offered now.")
    created_at: datetime = strawberry.field(description="When it entered the catalog.")
    org_unit_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, reward: domain.Reward) -> Reward:
        return cls(
            id=strawberry.ID(reward.id),
            name=reward.name,
            cost=reward.cost,
            stock=reward.stock,
            active=reward.active,
            created_at=reward.created_at,
            org_unit_id=reward.org_unit_id,
        )

    @classmethod
    async def resolve_reference(cls, info: Info[Context, None], id: strawberry.ID) -> Reward | None:
        reward = await info.context.rewards.load(str(id))
        return cls.from_domain(reward) if reward else None

    @strawberry.field(description="The community whose catalog this is.")
    def org_unit(self) -> OrgUnitRef:
        return _org_unit(self.org_unit_id)


@strawberry.type(description="A person's exchange of points for a reward.")
class Redemption:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    person: Person = strawberry.field(description="Who redeemed.")
    reward_name: str = strawberry.field(description="The reward's name when it was redeemed.")
    quantity: int = strawberry.field(description="How many items.")
    cost: int = strawberry.field(description="Points debited in all.")
    status: RedemptionStatus = strawberry.field(description="Where it stands.")
    at: datetime = strawberry.field(description="When it was requested.")
    updated_at: datetime = strawberry.field(description="When its status last changed.")
    handled_by: Person | None = strawberry.field(description="Who fulfilled or cancelled it.")
    reward_id: strawberry.Private[str]
    org_unit_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, r: domain.Redemption) -> Redemption:
        return cls(
            id=strawberry.ID(r.id),
            person=Person(id=strawberry.ID(r.person_id)),
            reward_name=r.reward_name,
            quantity=r.quantity,
            cost=r.cost,
            status=r.status,
            at=r.at,
            updated_at=r.updated_at,
            handled_by=Person(id=strawberry.ID(r.handled_by)) if r.handled_by else None,
            reward_id=r.reward_id,
            org_unit_id=r.org_unit_id,
        )

    @strawberry.field(description="The reward redeemed.")
    async def reward(self, info: Info[Context, None]) -> Reward | None:
        reward = await info.context.rewards.load(self.reward_id)
        return Reward.from_domain(reward) if reward else None

    @strawberry.field(description="The community that hands it over.")
    def org_unit(self) -> OrgUnitRef:
        return _org_unit(self.org_unit_id)
