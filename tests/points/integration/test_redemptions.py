"""Redeeming points for rewards: stock and points change together or not at all."""

from __future__ import annotations

import asyncio

from tests.points.helpers import (
    C1_STAFF,
    C2_STAFF,
    REDEEM,
    Points,
    given_a_reward,
    given_points,
    given_the_ladder,
    uid,
)

FULFILL = """mutation($i: FulfillRedemptionInput!) {
  fulfillRedemption(input: $i) { redemption { status handledBy { id } } } }"""
CANCEL = """mutation($i: CancelRedemptionInput!) {
  cancelRedemption(input: $i) { redemption { status } } }"""
STOCK = """query($c: ID!) { rewards(orgUnitId: $c) { edges { node { id stock } } } }"""


async def stock_of(points: Points, reward_id: str) -> int:
    doc = await points.db["rewards"].find_one({"_id": reward_id})
    return int(doc["stock"])


async def test_redeeming_debits_points_reserves_stock_and_publishes_reward_redeemed(
    points: Points,
):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=5, cost=30)
    resident = uid("resident-")
    await given_points(points, resident, 100)

    data = await points.ok(
        REDEEM, {"input": {"rewardId": reward, "quantity": 2}}, as_person=resident
    )

    redemption = data["redeemReward"]["redemption"]
    assert (redemption["status"], redemption["cost"], redemption["quantity"]) == (
        "REQUESTED",
        60,
        2,
    )
    assert await points.balance(resident) == 40
    assert await stock_of(points, reward) == 3
    assert [e["kind"] for e in await points.entries(resident)] == ["AWARD", "REDEMPTION"]
    published = await points.db["outbox"].count_documents({"type": "reward.redeemed"})
    assert published == 1


async def test_two_people_racing_for_the_last_item_one_wins_the_other_gets_conflict(
    points: Points,
):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=1, cost=30)
    racers = [uid("resident-") for _ in range(6)]
    for racer in racers:
        await given_points(points, racer, 50)

    # when six people redeem the last item at once
    bodies = await asyncio.gather(
        *(
            points.gql(REDEEM, {"input": {"rewardId": reward}}, as_person=r, language="en")
            for r in racers
        )
    )

    # then exactly one got it; the others were told it is out of stock and kept their points
    winners = [b for b in bodies if "errors" not in b]
    losers = [b for b in bodies if "errors" in b]
    assert len(winners) == 1
    assert {b["errors"][0]["extensions"]["code"] for b in losers} == {"CONFLICT"}
    assert all("out of stock" in b["errors"][0]["message"] for b in losers)
    assert await stock_of(points, reward) == 0
    balances = sorted([await points.balance(r) for r in racers])
    assert balances == [20, 50, 50, 50, 50, 50]


async def test_a_redemption_larger_than_the_balance_changes_nothing(points: Points):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=5, cost=30)
    resident = uid("resident-")
    await given_points(points, resident, 50)

    body = await points.gql(
        REDEEM, {"input": {"rewardId": reward, "quantity": 2}}, as_person=resident, language="en"
    )

    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "the balance is 50 points; 60 are needed"
    assert await points.balance(resident) == 50
    assert await stock_of(points, reward) == 5  # the reservation was rolled back
    assert await points.db["redemptions"].count_documents({}) == 0


async def test_cancelling_refunds_the_points_and_restores_the_stock(points: Points):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=2, cost=30)
    resident = uid("resident-")
    await given_points(points, resident, 40)
    made = await points.ok(REDEEM, {"input": {"rewardId": reward}}, as_person=resident)
    redemption = made["redeemReward"]["redemption"]["id"]

    data = await points.ok(
        CANCEL, {"i": {"id": redemption}}, as_person=uid("staff-"), grants=(C1_STAFF,)
    )

    assert data["cancelRedemption"]["redemption"]["status"] == "CANCELLED"
    assert await points.balance(resident) == 40
    assert await stock_of(points, reward) == 2
    assert [e["kind"] for e in await points.entries(resident)] == [
        "AWARD",
        "REDEMPTION",
        "REFUND",
    ]
    # and a cancelled redemption cannot be fulfilled or cancelled again
    again = await points.gql(CANCEL, {"i": {"id": redemption}}, as_person=resident)
    assert again["errors"][0]["extensions"]["code"] == "INVALID_TRANSITION"
    assert await points.balance(resident) == 40


async def test_staff_fulfil_a_redemption_of_their_community_only(points: Points):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=2, cost=10)
    resident = uid("resident-")
    await given_points(points, resident, 10)
    made = await points.ok(REDEEM, {"input": {"rewardId": reward}}, as_person=resident)
    redemption = made["redeemReward"]["redemption"]["id"]

    other = await points.gql(
        FULFILL, {"i": {"id": redemption}}, as_person=uid("staff-"), grants=(C2_STAFF,)
    )
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    staff = uid("staff-")
    data = await points.ok(FULFILL, {"i": {"id": redemption}}, as_person=staff, grants=(C1_STAFF,))
    assert data["fulfillRedemption"]["redemption"] == {
        "status": "FULFILLED",
        "handledBy": {"id": staff},
    }
    cancel = await points.gql(CANCEL, {"i": {"id": redemption}}, as_person=resident)
    assert cancel["errors"][0]["extensions"]["code"] == "INVALID_TRANSITION"


async def test_only_the_communitys_staff_manage_its_catalog(points: Points):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=1)
    restock = (
        """mutation($i: RestockRewardInput!) { restockReward(input: $i) { reward { stock } } }"""
    )
    update = """mutation($i: UpdateRewardInput!) {
      updateReward(input: $i) { reward { name cost active } } }"""

    outsider = await points.gql(
        restock, {"i": {"id": reward, "quantity": 3}}, as_person="x", grants=(C2_STAFF,)
    )
    restocked = await points.ok(
        restock, {"i": {"id": reward, "quantity": 3}}, as_person="s", grants=(C1_STAFF,)
    )
    updated = await points.ok(
        update,
        {"i": {"id": reward, "name": "Cooking oil 1.8 L", "cost": 45, "active": False}},
        as_person="s",
        grants=(C1_STAFF,),
    )
    withdrawn = await points.gql(REDEEM, {"input": {"rewardId": reward}}, as_person="r")

    assert outsider["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert restocked["restockReward"]["reward"]["stock"] == 4
    assert updated["updateReward"]["reward"] == {
        "name": "Cooking oil 1.8 L",
        "cost": 45,
        "active": False,
    }
    assert withdrawn["errors"][0]["extensions"]["code"] == "CONFLICT"


async def test_a_catalog_belongs_to_a_community_and_names_are_unique_in_it(points: Points):
    await given_the_ladder(points)
    create = """mutation($i: CreateRewardInput!) { createReward(input: $i) { reward { id } } }"""
    street = await points.gql(
        create,
        {"i": {"orgUnitId": "s1", "name": "Towel", "cost": 5, "stock": 1}},
        as_person="s",
        grants=(C1_STAFF,),
    )
    first = await points.gql(
        create,
        {"i": {"orgUnitId": "c1", "name": "Towel", "cost": 5, "stock": 1}},
        as_person="s",
        grants=(C1_STAFF,),
    )
    second = await points.gql(
        create,
        {"i": {"orgUnitId": "c1", "name": "Towel", "cost": 5, "stock": 1}},
        as_person="s",
        grants=(C1_STAFF,),
    )

    assert street["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "errors" not in first
    assert second["errors"][0]["extensions"]["code"] == "CONFLICT"
