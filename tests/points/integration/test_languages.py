"""A points error reads in the language the caller asked for (`Accept-Language`), zh-CN by
default, and carries the same `extensions` whatever the language; it changes nothing."""

from __future__ import annotations

from tests.points.helpers import REDEEM, Points, given_a_reward, given_points, given_the_ladder, uid


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
