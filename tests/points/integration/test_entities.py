"""Every entity points contributes resolves through `_entities`."""

from __future__ import annotations

from tests.points.helpers import Points, given_a_reward, given_the_ladder

ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on OrgUnit { id rewards { totalCount edges { node { id orgUnit { id } } } } }
  ... on Person { id }
  ... on Reward { id name stock } } }"""


async def test_org_unit_person_and_reward_resolve_as_entities(points: Points):
    await given_the_ladder(points)
    reward = await given_a_reward(points, stock=3)

    data = await points.ok(
        ENTITIES,
        {
            "r": [
                {"__typename": "OrgUnit", "id": "c1"},
                {"__typename": "Person", "id": "p1"},
                {"__typename": "Reward", "id": reward},
                {"__typename": "Reward", "id": "missing"},
            ]
        },
    )

    org_unit, person, found, missing = data["_entities"]
    assert org_unit["rewards"]["totalCount"] == 1
    assert org_unit["rewards"]["edges"][0]["node"] == {"id": reward, "orgUnit": {"id": "c1"}}
    assert person == {"id": "p1"}
    assert found["id"] == reward
    assert found["stock"] == 3
    assert missing is None
