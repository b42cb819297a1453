"""Community staff manage their community's catalog of rewards."""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_kit.auth import Principal
from grassroots_kit.errors import BadUserInput, Conflict, NotFound
from grassroots_kit.i18n import msg

from grassroots_points.domain import rewards as domain
from grassroots_points.domain.access import require_catalog_manager
from grassroots_points.domain.ids import new_reward_id
from grassroots_points.domain.rewards import Reward, RewardChanges, RewardNameTaken
from grassroots_points.domain.vocabulary import COMMUNITY_RUNG
from grassroots_points.handlers.ports import PointsPorts, PointsTx


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


async def create_reward(ports: PointsPorts, caller: Principal, command: CreateReward) -> Reward:
    unit = await ports.org_units.get(command.org_unit_id)
    if unit is None:
        raise NotFound(
            msg("no org unit with id {org_unit_id}", org_unit_id=command.org_unit_id),
            field="orgUnitId",
        )
    if unit.kind not in COMMUNITY_RUNG:
        raise BadUserInput(msg("a catalog belongs to a community"), field="orgUnitId")
    require_catalog_manager(caller, unit.path_with_self)
    reward = Reward(
        id=new_reward_id(),
        org_unit_id=unit.id,
        org_unit_path=unit.path_with_self,
        name=domain.clean_name(command.name),
        cost=domain.check_cost(command.cost),
        stock=domain.check_stock(command.stock),
        active=command.active,
        created_at=ports.clock(),
    )

    async def work(tx: PointsTx) -> Reward:
        try:
            await tx.rewards.insert(reward)
        except RewardNameTaken:
            raise Conflict(
                msg('this catalog already has a reward named "{name}"', name=reward.name),
                field="name",
            ) from None
        return reward

    return await ports.uow.run(work)


async def _managed(tx: PointsTx, caller: Principal, reward_id: str) -> Reward:
    reward = await tx.rewards.get(reward_id)
    if reward is None:
        raise NotFound(msg("no reward with id {reward_id}", reward_id=reward_id), field="id")
    require_catalog_manager(caller, reward.org_unit_path)
    return reward


async def update_reward(ports: PointsPorts, caller: Principal, command: UpdateReward) -> Reward:
    async def work(tx: PointsTx) -> Reward:
        await _managed(tx, caller, command.reward_id)
        changes = RewardChanges(
            name=None if command.name is None else domain.clean_name(command.name),
            cost=None if command.cost is None else domain.check_cost(command.cost),
            active=command.active,
        )
        try:
            updated = await tx.rewards.update(command.reward_id, changes)
        except RewardNameTaken:
            raise Conflict(
                msg("this catalog already has a reward with that name"), field="name"
            ) from None
        if updated is None:
            raise NotFound(
                msg("no reward with id {reward_id}", reward_id=command.reward_id), field="id"
            )
        return updated

    return await ports.uow.run(work)


async def restock_reward(
    ports: PointsPorts, caller: Principal, reward_id: str, quantity: int
) -> Reward:
    async def work(tx: PointsTx) -> Reward:
        await _managed(tx, caller, reward_id)
        updated = await tx.rewards.change_stock(reward_id, domain.check_restock(quantity))
        if updated is None:
            raise NotFound(msg("no reward with id {reward_id}", reward_id=reward_id), field="id")
        return updated

    return await ports.uow.run(work)
