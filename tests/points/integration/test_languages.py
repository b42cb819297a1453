"""Points speaks the language the caller asked for (`Accept-Language`), zh-CN by default: an
error reads in it and carries the same `extensions` whatever the language (and changes nothing);
the reasons points writes in the ledger read in it too, while a reason a person typed reads as
typed."""

from __future__ import annotations

from tests.points.helpers import (
    C1_STAFF,
    REDEEM,
    Points,
    given_a_reward,
    given_points,
    given_the_ladder,
    uid,
)


async def redeem(points: Points, who: str, reward: str, quantity: int, language: str | None):
    body = await points.gql(
        REDEEM,
        {"input": {"rewardId": reward, "quantity": quantity}},
        as_person=who,
        language=language,
    )
    assert body["data"] is None or body["data"]["redeemReward"] is None, body
    return body["errors"][0]


async def test_redeeming_more_than_the_balance_is_refused_in_chinese_and_in_english(
    points: Points,
):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=5, cost=30)
    resident = uid("resident-")
    await given_points(points, resident, 50)

    chinese = await redeem(points, resident, reward, 2, "zh-CN,zh;q=0.9,en;q=0.5")
    english = await redeem(points, resident, reward, 2, "en-US,en;q=0.9")
    default = await redeem(points, resident, reward, 2, None)

    assert chinese["message"] == "积分余额不足：当前余额 50 分，需要 60 分"
    assert english["message"] == "the balance is 50 points; 60 are needed"
    assert default["message"] == chinese["message"]  # DEFAULT_LOCALE is zh-CN
    expected = {"code": "BAD_USER_INPUT", "field": "quantity", "balance": 50}
    assert chinese["extensions"] == english["extensions"] == default["extensions"] == expected
    assert await points.balance(resident) == 50
    assert await points.db["redemptions"].count_documents({}) == 0


async def test_an_unknown_reward_is_not_found_in_chinese_and_in_english(points: Points):
    await given_the_ladder(points)
    resident = uid("resident-")
    await given_points(points, resident, 50)

    chinese = await redeem(points, resident, "no-such-reward", 1, "zh-CN")
    english = await redeem(points, resident, "no-such-reward", 1, "en")

    assert chinese["message"] == "找不到 ID 为 no-such-reward 的奖品"
    assert english["message"] == "no reward with id no-such-reward"
    assert chinese["extensions"] == english["extensions"]
    assert english["extensions"] == {"code": "NOT_FOUND", "field": "rewardId"}
    assert await points.balance(resident) == 50


LEDGER = """query($id: ID!) { ledger(personId: $id) { edges { node { kind reason } } } }"""
ADJUST = """mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { entry { id } } }"""


async def reasons(points: Points, person: str, language: str) -> dict[str, str]:
    data = await points.ok(LEDGER, {"id": person}, as_person=person, language=language)
    return {e["node"]["kind"]: e["node"]["reason"] for e in data["ledger"]["edges"]}


async def test_the_reasons_points_writes_read_in_the_readers_language_and_typed_ones_as_typed(
    points: Points,
):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=5, cost=10)
    name = (await points.db["rewards"].find_one({"_id": reward}))["name"]
    resident = uid("resident-")
    await given_points(points, resident, 50)  # an award for handling a case as a volunteer
    await points.ok(REDEEM, {"input": {"rewardId": reward, "quantity": 2}}, as_person=resident)
    await points.ok(
        ADJUST,
        {"i": {"personId": resident, "delta": 3, "reason": "帮忙搬运防汛物资"}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
    )

    chinese = await reasons(points, resident, "zh-CN")
    english = await reasons(points, resident, "en")

    assert chinese == {
        "AWARD": "作为志愿者办结了一件案件",
        "REDEMPTION": f"兑换了 2 件“{name}”",
        "ADJUSTMENT": "帮忙搬运防汛物资",
    }
    assert english == {
        "AWARD": "handled a case as volunteer",
        "REDEMPTION": f"redeemed 2 x {name}",
        "ADJUSTMENT": "帮忙搬运防汛物资",
    }
    stored = await points.entries(resident)
    assert {e["kind"]: e["reason"] for e in stored} == english  # kept in English
