"""A subgraph that is down, hangs or refuses fails its own fields; the others still resolve.

The fields one subgraph adds to another's entity (`OrgUnit.caseStats`, `OrgUnit.leaderboard`,
…) are nullable, so a refusal or an outage nulls that field alone, never the unit people
answered or the list it sits in (docs/graph.md, "When part of an answer fails").
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from tests.gateway.conftest import SUBGRAPH_TIMEOUT_MS, Degraded, Gateway
from tests.gateway.runtimes import RUNTIMES, run_script
from tests.support.tokens import TokenMint, grant


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


# Where the gateway puts the error of a failed call that was to add fields to an object another
# service returned: on that object (where its executor merges the call's answer).
LEADERBOARD_ERROR_PATH = ["orgUnit"]

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
    # people's part of the unit is there; only points' field is null
    assert body["data"] == {"orgUnit": {"name": "Degraded District", "leaderboard": None}}, body
    # The error says which service failed and is not masked as an unexpected error.
    assert [e["path"] for e in body["errors"]] == [LEADERBOARD_ERROR_PATH], body
    assert body["errors"][0]["extensions"] == {
        "code": "SERVICE_UNAVAILABLE",
        "serviceName": "points",
    }
    assert "points service is unavailable" in body["errors"][0]["message"]
    # In Chinese for a Chinese reader, with the same code.
    chinese = degraded.gateway.query(
        "query($id: ID!) { orgUnit(id: $id) { name leaderboard(first: 3) { rank } } }",
        {"id": unit["id"]},
        timeout=20,
        language="zh-CN",
    )
    assert chinese["errors"][0]["extensions"] == body["errors"][0]["extensions"]
    assert chinese["errors"][0]["message"] == "积分服务暂时不可用，请稍后再试。"


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
// Both languages ride along until useLocalizedErrors (src/messages.ts) sends one of them.
const unavailable = JSON.stringify({
  message: "The points service is unavailable; try again shortly.",
  extensions: {
    code: "SERVICE_UNAVAILABLE",
    serviceName: "points",
    i18n: { en: "The points service is unavailable; try again shortly.", "zh-CN": "积分服务暂时不可用，请稍后再试。" },
  },
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
  extensions: {
    code: "GATEWAY_TIMEOUT",
    serviceName: "points",
    i18n: { en: "The points service timed out; try again shortly.", "zh-CN": "积分服务响应超时，请稍后再试。" },
  },
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


# -- refusals: a field another service refuses is null with its error; the rest is answered --

PERIOD = {"from": "2026-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}

DISTRICTS_DASHBOARD = """query($from: DateTime!, $to: DateTime!) {
  orgUnits(filter: {rootsOnly: true}, first: 100) {
    edges { node { id name kind caseStats(from: $from, to: $to) { collected open } } }
  }
}"""


def create_district(gateway: Gateway, admin_token: str, name: str) -> str:
    body = gateway.query(CREATE, {"input": {"kind": "DISTRICT", "name": name}}, token=admin_token)
    assert "errors" not in body, body
    unit_id: str = body["data"]["createOrgUnit"]["orgUnit"]["id"]
    return unit_id


def errors_by_path(body: dict[str, Any]) -> dict[tuple[str | int, ...], dict[str, Any]]:
    return {tuple(error["path"]): error for error in body.get("errors", [])}


def test_a_district_admins_dashboard_over_two_districts_nulls_only_the_refused_statistics(
    gateway: Gateway, admin_token: str, mint: TokenMint
) -> None:
    # given two districts and an administrator of the first only
    tag = uuid.uuid4().hex[:6]
    mine = create_district(gateway, admin_token, f"Admin's District {tag}")
    other = create_district(gateway, admin_token, f"Neighbouring District {tag}")
    token = mint.token(f"district-admin-{tag}", [grant("DISTRICT_ADMIN", mine)])

    # when they load a dashboard over every district
    body = gateway.query(DISTRICTS_DASHBOARD, PERIOD, token=token)

    # then both units are in the list: statistics for theirs, null for the other
    assert body["data"], body
    assert body["data"]["orgUnits"], body
    edges = body["data"]["orgUnits"]["edges"]
    at = {edge["node"]["id"]: index for index, edge in enumerate(edges)}
    assert edges[at[mine]]["node"] == {
        "id": mine,
        "name": f"Admin's District {tag}",
        "kind": "DISTRICT",
        "caseStats": {"collected": 0, "open": 0},
    }
    assert edges[at[other]]["node"] == {
        "id": other,
        "name": f"Neighbouring District {tag}",
        "kind": "DISTRICT",
        "caseStats": None,
    }
    # and the other district's statistics carry a FORBIDDEN error at their path; theirs none
    errors = errors_by_path(body)
    refused = errors[("orgUnits", "edges", at[other], "node", "caseStats")]
    assert refused["extensions"]["code"] == "FORBIDDEN", refused
    assert ("orgUnits", "edges", at[mine], "node", "caseStats") not in errors
    assert all(e["extensions"]["code"] == "FORBIDDEN" for e in errors.values()), body


def test_a_resident_asking_for_statistics_gets_null_and_forbidden_and_the_rest(
    gateway: Gateway, admin_token: str, mint: TokenMint
) -> None:
    # given a resident of a district
    tag = uuid.uuid4().hex[:6]
    district = create_district(gateway, admin_token, f"Residents' District {tag}")
    token = mint.token(f"resident-{tag}", [grant("RESIDENT", district)])

    # when they ask for the district with its (staff-only) case statistics
    body = gateway.query(
        """query($id: ID!, $from: DateTime!, $to: DateTime!) {
          orgUnit(id: $id) { id name kind caseStats(from: $from, to: $to) { collected } }
        }""",
        {"id": district, **PERIOD},
        token=token,
    )

    # then the unit is answered and only its statistics are null, with FORBIDDEN at their path
    assert body["data"] == {
        "orgUnit": {
            "id": district,
            "name": f"Residents' District {tag}",
            "kind": "DISTRICT",
            "caseStats": None,
        }
    }, body
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["orgUnit", "caseStats"], "FORBIDDEN")
    ], body
