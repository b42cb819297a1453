"""A subgraph that is down or hangs fails its own fields quickly; the others still resolve."""

from __future__ import annotations

import time

import pytest

from tests.gateway.conftest import SUBGRAPH_TIMEOUT_MS, Degraded
from tests.gateway.runtimes import RUNTIMES, run_script


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
    assert body["errors"][0]["extensions"] == {
        "code": "SERVICE_UNAVAILABLE",
        "serviceName": "points",
    }
    assert "127.0.0.1" not in str(body)  # nothing of the subgraph's address or request
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
    # The error sits on the unit whose `leaderboard` the failed call was to add (where the
    # gateway's executor merges that call's answer), says which service failed, and is not
    # masked as an unexpected error.
    assert [e["path"] for e in body["errors"]] == [["orgUnit"]]
    assert body["errors"][0]["extensions"] == {
        "code": "SERVICE_UNAVAILABLE",
        "serviceName": "points",
    }
    assert "points service is unavailable" in body["errors"][0]["message"]
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
    assert body["errors"][0]["extensions"] == {"code": "GATEWAY_TIMEOUT", "serviceName": "cases"}
    assert "cases service timed out" in body["errors"][0]["message"]
    assert "127.0.0.1" not in str(body)
    assert SUBGRAPH_TIMEOUT_MS / 1000 - 0.5 <= elapsed < SUBGRAPH_TIMEOUT_MS / 1000 + 5


def test_the_request_id_is_echoed_and_reaches_a_subgraph_log(degraded: Degraded) -> None:
    response = degraded.gateway.post(
        {"query": '{ orgUnit(id: "nothing") { id } }'}, headers={"x-request-id": "gw-trace-7"}
    )

    assert response.headers["x-request-id"] == "gw-trace-7"
    generated = degraded.gateway.post({"query": "{ __typename }"})
    assert len(generated.headers["x-request-id"]) >= 16


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_gateway_restates_its_own_call_failures_and_passes_a_subgraphs_errors(
    runtime: str,
) -> None:
    out = run_script(
        """
const { GraphQLError } = await import("graphql");
const { useSubgraphFailuresAsErrors } = await import("./src/upstream.ts");
const plugin = useSubgraphFailuresAsErrors();
async function call(executor) {
  let wrapped = executor;
  plugin.onSubgraphExecute({
    subgraphName: "points", executionRequest: {}, executor, setExecutor: (e) => { wrapped = e; },
  });
  return wrapped({});
}
const plain = (error) => JSON.stringify({ message: error.message, path: error.path, extensions: error.extensions });

// A refused connection, as Hive's HTTP executor reports it: address and request included.
const refused = new GraphQLError("connect ECONNREFUSED 127.0.0.1:4003", {
  originalError: new Error("connect ECONNREFUSED 127.0.0.1:4003"),
  extensions: { code: "SUBREQUEST_HTTP_ERROR", request: { body: "{ _entities }" } },
});
const unavailable = JSON.stringify({
  message: "The points service is unavailable; try again shortly.",
  extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "points" },
});
let result = await call(() => Promise.resolve({ data: null, errors: [refused] }));
check(plain(result.errors[0]) === unavailable, "restated: " + plain(result.errors[0]));

// A call that rejects or throws answers with the error instead.
result = await call(() => Promise.reject(new Error("socket hang up")));
check(result.data === null && plain(result.errors[0]) === unavailable, "rejection");
result = await call(() => { throw new TypeError("fetch failed"); });
check(result.data === null && plain(result.errors[0]) === unavailable, "throw");

// The upstream timeout keeps its code and path, and loses the subgraph's address.
const timeout = new GraphQLError("The operation was aborted due to timeout", {
  path: ["case"], extensions: { code: "GATEWAY_TIMEOUT", request: { url: "http://127.0.0.1:4002/graphql" } },
});
result = await call(() => Promise.reject(timeout));
check(plain(result.errors[0]) === JSON.stringify({
  message: "The points service timed out; try again shortly.",
  path: ["case"],
  extensions: { code: "GATEWAY_TIMEOUT", serviceName: "points" },
}), "timeout: " + plain(result.errors[0]));

// A subgraph's own answer, errors and all, passes as the same object.
const answer = { data: { x: null }, errors: [new GraphQLError("no such case", { path: ["x"], extensions: { code: "NOT_FOUND" } })] };
check((await call(() => Promise.resolve(answer))) === answer, "a subgraph's errors pass");
const sync = { data: { x: 1 } };
check((await call(() => sync)) === sync, "a synchronous answer passes");
console.log("ok");
""",
        runtime,
    )
    assert out.strip() == "ok"
