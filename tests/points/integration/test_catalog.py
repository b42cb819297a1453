"""A community's catalog: reward names are unique per catalog, and a clash is a CONFLICT."""

from __future__ import annotations

from tests.points.helpers import C1_STAFF, CREATE_REWARD, Points, given_the_ladder, uid

UPDATE_REWARD = """mutation($input: UpdateRewardInput!) {
  updateReward(input: $input) { reward { id name } } }"""


async def create(points: Points, name: str) -> dict:
    return await points.gql(
        CREATE_REWARD,
        {"input": {"orgUnitId": "c1", "name": name, "cost": 10, "stock": 1}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
        language="en",
    )


async def test_a_second_reward_of_the_same_name_is_a_conflict_and_not_stored(points: Points):
    await given_the_ladder(points)
    name = uid("Rice ")
    first = await create(points, name)
    assert "errors" not in first, first

    second = await create(points, name)

    assert second["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "already has a reward named" in second["errors"][0]["message"]
    assert await points.db["rewards"].count_documents({"name": name}) == 1


async def test_renaming_a_reward_onto_a_taken_name_is_a_conflict_and_changes_nothing(
    points: Points,
):
    await given_the_ladder(points)
    taken, other = uid("Rice "), uid("Beans ")
    assert "errors" not in await create(points, taken)
    created = await create(points, other)
    reward_id = created["data"]["createReward"]["reward"]["id"]

    renamed = await points.gql(
        UPDATE_REWARD,
        {"input": {"id": reward_id, "name": taken}},
        as_person=uid("staff-"),
        grants=(C1_STAFF,),
    )

    assert renamed["errors"][0]["extensions"]["code"] == "CONFLICT"
    stored = await points.db["rewards"].find_one({"_id": reward_id})
    assert stored["name"] == other
