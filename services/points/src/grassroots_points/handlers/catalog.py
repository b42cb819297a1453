"""Community staff manage their community's catalog of rewards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import Document, Session
from grassroots_kit.org_units import OrgUnitProjection

from grassroots_points.adapters.rewards import RewardStore
from grassroots_points.domain import rewards as domain
from grassroots_points.domain.access import require_catalog_manager
from grassroots_points.domain.ids import new_reward_id
from grassroots_points.domain.rewards import Reward, RewardNameTaken


@dataclass(frozen=True)
class CreateReward:
    org_unit_id: str
    name: str
    cost: int
    stock: int
    active: bool = True


@dataclass(frozen=True)
class UpdateReward:
    reward_id: str
    name: str | None = None
    cost: int | None = None
    active: bool | None = None


async def create_reward(host: ServiceHost, caller: Principal, command: CreateReward) -> Reward:
    unit = await OrgUnitProjection(host.db).get(command.org_unit_id)
    if unit is None:
        raise NotFound(f"no org unit with id {command.org_unit_id}", field="orgUnitId")
    if unit.kind != "COMMUNITY":
        raise BadUserInput("a catalog belongs to a community", field="orgUnitId")
    require_catalog_manager(caller, unit.path_with_self)
    reward = Reward(
        id=new_reward_id(),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        name=domain.clean_name(command.name),
        cost=domain.check_cost(command.cost),
        stock=domain.check_stock(command.stock),
        active=command.active,
        created_at=datetime.now(UTC),
    )
    store = RewardStore(host.db)

    async def work(session: Session) -> Reward:
        try:
            await store.insert(reward, session)
        except RewardNameTaken:
            raise Conflict(
                f"this catalog already has a reward named {reward.name!r}", field="name"
            ) from None
        return reward

    return await host.transaction(work)


async def _managed(host: ServiceHost, caller: Principal, reward_id: str) -> Reward:
    reward = await RewardStore(host.db).get(reward_id)
    if reward is None:
        raise NotFound(f"no reward with id {reward_id}", field="id")
    require_catalog_manager(caller, reward.org_unit_path)
    return reward


async def update_reward(host: ServiceHost, caller: Principal, command: UpdateReward) -> Reward:
    await _managed(host, caller, command.reward_id)
    changes: Document = {}
    if command.name is not None:
        changes["name"] = domain.clean_name(command.name)
    if command.cost is not None:
        changes["cost"] = domain.check_cost(command.cost)
    if command.active is not None:
        changes["active"] = command.active
    store = RewardStore(host.db)

    async def work(session: Session) -> Reward:
        try:
            updated = await store.update(command.reward_id, changes, session)
        except RewardNameTaken:
            raise Conflict(
                "this catalog already has a reward with that name", field="name"
            ) from None
        if updated is None:
            raise NotFound(f"no reward with id {command.reward_id}", field="id")
        return updated

    return await host.transaction(work)


async def restock_reward(
    host: ServiceHost, caller: Principal, reward_id: str, quantity: int
) -> Reward:
    await _managed(host, caller, reward_id)
    quantity = domain.check_restock(quantity)
    store = RewardStore(host.db)

    async def work(session: Session) -> Reward:
        updated = await store.change_stock(reward_id, quantity, session)
        if updated is None:
            raise NotFound(f"no reward with id {reward_id}", field="id")
        return updated

    return await host.transaction(work)
