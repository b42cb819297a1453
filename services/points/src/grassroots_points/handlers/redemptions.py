"""Redeeming points for a reward, and staff handing it over or cancelling it.

Redeeming reserves the stock and debits the points in one transaction: either both happen or
neither. Two people racing for the last item conflict on the reward document; the loser's
transaction is retried, finds no stock, and fails with CONFLICT.
"""

from __future__ import annotations

from dataclasses import dataclass

from grassroots_contracts.event_types import REWARD_REDEEMED, SOURCE_POINTS
from grassroots_contracts.points_events import RewardRedeemed
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict, Forbidden, NotFound
from grassroots_kit.i18n import msg
from grassroots_kit.messaging.envelope import new_event

from grassroots_points.domain.access import CATALOG_ROLES
from grassroots_points.domain.ids import PersonId, new_entry_id, new_redemption_id
from grassroots_points.domain.ledger import Entry, EntryKind, written
from grassroots_points.domain.rewards import (
    Redemption,
    RedemptionStatus,
    check_can_leave,
    check_quantity,
)
from grassroots_points.handlers.ports import PointsPorts, PointsTx, RedemptionRepository


@dataclass(frozen=True)
class RedeemReward:
    reward_id: str
    quantity: int = 1


async def redeem_reward(ports: PointsPorts, caller: Principal, command: RedeemReward) -> Redemption:
    quantity = check_quantity(command.quantity)
    person = PersonId(caller.person_id)

    async def work(tx: PointsTx) -> Redemption:
        reward = await tx.rewards.get(command.reward_id)
        if reward is None:
            raise NotFound(
                msg("no reward with id {reward_id}", reward_id=command.reward_id), field="rewardId"
            )
        if not reward.active:
            raise Conflict(
                msg("{name} is not offered at the moment", name=reward.name), field="rewardId"
            )
        reserved = await tx.rewards.change_stock(reward.id, -quantity)
        if reserved is None:
            raise Conflict(
                msg(
                    "{name} is out of stock (asked for {quantity})",
                    name=reward.name,
                    quantity=quantity,
                ),
                field="quantity",
            )
        now = ports.clock()
        redemption = Redemption(
            id=new_redemption_id(),
            person_id=person,
            reward_id=reward.id,
            reward_name=reward.name,
            org_unit_id=reward.org_unit_id,
            org_unit_path=reward.org_unit_path,
            quantity=quantity,
            cost=reward.cost * quantity,
            status=RedemptionStatus.REQUESTED,
            at=now,
            updated_at=now,
        )
        await tx.ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=person,
                delta=-redemption.cost,
                kind=EntryKind.REDEMPTION,
                **written(msg("redeemed {quantity} x {name}", quantity=quantity, name=reward.name)),
                at=now,
                org_unit_path=reward.org_unit_path,
                redemption_id=redemption.id,
            )
        )
        await tx.redemptions.insert(redemption)
        payload = RewardRedeemed(
            redemption_id=redemption.id,
            reward_id=reward.id,
            reward_name=reward.name,
            person_id=person,
            quantity=quantity,
            cost=redemption.cost,
            org_unit_id=reward.org_unit_id,
            org_unit_path=reward.org_unit_path,
            at=now,
        )
        event = new_event(
            REWARD_REDEEMED, source=SOURCE_POINTS, subject=redemption.id, data=payload.to_data()
        )
        tx.publish([event])
        return redemption

    return await ports.uow.run(work)


async def fulfill_redemption(
    ports: PointsPorts, caller: Principal, redemption_id: str
) -> Redemption:
    async def work(tx: PointsTx) -> Redemption:
        current = await _handled_by_staff(tx.redemptions, caller, redemption_id)
        check_can_leave(current.status, RedemptionStatus.FULFILLED)
        done = await tx.redemptions.leave_requested(
            redemption_id, RedemptionStatus.FULFILLED, caller.person_id
        )
        if done is None:
            raise Conflict(msg("this redemption changed meanwhile; look again"), field="id")
        return done

    return await ports.uow.run(work)


async def cancel_redemption(
    ports: PointsPorts, caller: Principal, redemption_id: str
) -> Redemption:
    """Staff, or the person who redeemed, cancel a redemption not yet handed over: the points
    are refunded and the stock restored in the same transaction."""

    async def work(tx: PointsTx) -> Redemption:
        current = await tx.redemptions.get(redemption_id)
        if current is None:
            raise NotFound(
                msg("no redemption with id {redemption_id}", redemption_id=redemption_id),
                field="id",
            )
        is_staff = caller.has_any(CATALOG_ROLES, current.org_unit_path)
        if not is_staff and caller.person_id != current.person_id:
            raise Forbidden(msg("only the community's staff or the person who redeemed may cancel"))
        check_can_leave(current.status, RedemptionStatus.CANCELLED)
        cancelled = await tx.redemptions.leave_requested(
            redemption_id, RedemptionStatus.CANCELLED, caller.person_id
        )
        if cancelled is None:
            raise Conflict(msg("this redemption changed meanwhile; look again"), field="id")
        await tx.rewards.change_stock(cancelled.reward_id, cancelled.quantity)
        await tx.ledger.post(
            Entry(
                id=new_entry_id(),
                person_id=cancelled.person_id,
                delta=cancelled.cost,
                kind=EntryKind.REFUND,
                **written(
                    msg(
                        "cancelled redemption of {quantity} x {name}",
                        quantity=cancelled.quantity,
                        name=cancelled.reward_name,
                    )
                ),
                at=ports.clock(),
                org_unit_path=cancelled.org_unit_path,
                actor_id=PersonId(caller.person_id),
                redemption_id=cancelled.id,
            )
        )
        return cancelled

    return await ports.uow.run(work)


async def _handled_by_staff(
    redemptions: RedemptionRepository, caller: Principal, redemption_id: str
) -> Redemption:
    current = await redemptions.get(redemption_id)
    if current is None:
        raise NotFound(
            msg("no redemption with id {redemption_id}", redemption_id=redemption_id), field="id"
        )
    if not caller.has_any(CATALOG_ROLES, current.org_unit_path):
        raise Forbidden(msg("only the community's staff hand over redemptions"))
    return current
