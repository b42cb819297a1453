"""A subgraph that is down or hangs fails its own fields quickly; the others still resolve."""

from __future__ import annotations

import time

from tests.gateway.conftest import SUBGRAPH_TIMEOUT_MS, Degraded


def test_a_dead_subgraph_errors_fast_while_the_healthy_ones_answer(degraded: Degraded) -> None:
    # given the points process behind this gateway killed
    degraded.points.kill()

    # when one query asks people and points
    started = time.monotonic()
    body = degraded.gateway.query(
        """query($person: ID!) {
          orgUnits(first: 1) { totalCount }
          pointsAccount(personId: $person) { balance }
        }""",
        {"person": "anyone"},
        timeout=20,
    )
    elapsed = time.monotonic() - started

    # then people's field resolves, points' part is an error, and nothing hung
    assert body["data"]["orgUnits"]["totalCount"] >= 0, body
    assert body["data"]["pointsAccount"] is None
    assert [e["path"] for e in body["errors"]] == [["pointsAccount"]]
    assert elapsed < 5


CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id name } } }"""


def test_a_nested_field_of_a_dead_subgraph_errors_within_seconds(
    degraded: Degraded, admin_token: str
) -> None:
    created = degraded.gateway.query(
        CREATE, {"input": {"kind": "DISTRICT", "name": "Degraded District"}}, token=admin_token
    )
    unit = created["data"]["createOrgUnit"]["orgUnit"]
    degraded.points.kill()

    started = time.monotonic()
    body = degraded.gateway.query(
        "query($id: ID!) { orgUnit(id: $id) { name leaderboard(first: 3) { rank } } }",
        {"id": unit["id"]},
        timeout=20,
    )
    elapsed = time.monotonic() - started

    assert elapsed < 5
    assert body["errors"][0]["path"][:2] == ["orgUnit", "leaderboard"]
    # `OrgUnit.leaderboard` is non-null in points' schema, so the error nulls the whole unit;
    # were it nullable, `name` would survive the way `orgUnits` does above.
    assert (
        body["data"] is None or body["data"]["orgUnit"] is None or "name" in body["data"]["orgUnit"]
    )


def test_a_hanging_subgraph_times_out_instead_of_hanging_the_request(degraded: Degraded) -> None:
    # cases behind this gateway accepts connections and never answers
    started = time.monotonic()
    body = degraded.gateway.query(
        '{ case(id: "any") { number } orgUnits(first: 1) { totalCount } }', timeout=30
    )
    elapsed = time.monotonic() - started

    assert body["data"]["orgUnits"]["totalCount"] >= 0
    assert body["data"]["case"] is None
    assert [e["path"] for e in body["errors"]] == [["case"]]
    assert "timed out" in body["errors"][0]["message"].lower() or "timeout" in str(body).lower()
    assert SUBGRAPH_TIMEOUT_MS / 1000 - 0.5 <= elapsed < SUBGRAPH_TIMEOUT_MS / 1000 + 5


def test_the_request_id_is_echoed_and_reaches_a_subgraph_log(degraded: Degraded) -> None:
    response = degraded.gateway.post(
        {"query": '{ orgUnit(id: "nothing") { id } }'}, headers={"x-request-id": "gw-trace-7"}
    )

    assert response.headers["x-request-id"] == "gw-trace-7"
    generated = degraded.gateway.post({"query": "{ __typename }"})
    assert len(generated.headers["x-request-id"]) >= 16
