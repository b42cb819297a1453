"""One query through the gateway touches all three services."""

from __future__ import annotations

import json

import httpx

from tests.support.apps import eventually
from tests.support.people_auth import admin_token
from tests.support.stack import Stack, post_graphql

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id name } } }"""

SPANNING = """query($id: ID!) {
  orgUnit(id: $id) {
    name kind
    parent { name }
    cases(first: 5) { totalCount edges { node { number } } }
    leaderboard(first: 5) { rank points personId }
  }
}"""


async def test_a_query_through_the_gateway_spans_people_cases_and_points(
    stack: Stack, stack_cleanup: None
):
    graphql = f"{stack.gateway.url}/graphql"
    token = admin_token(graphql)
    district = post_graphql(
        graphql, CREATE, {"input": {"kind": "DISTRICT", "name": "E2E District"}}, token=token
    )
    district_id = district["data"]["createOrgUnit"]["orgUnit"]["id"]
    street = post_graphql(
        graphql,
        CREATE,
        {"input": {"kind": "STREET", "name": "E2E Street", "parentId": district_id}},
        token=token,
    )
    street_id = street["data"]["createOrgUnit"]["orgUnit"]["id"]

    body = post_graphql(graphql, SPANNING, {"id": street_id})

    assert "errors" not in body, body
    assert body["data"]["orgUnit"] == {
        "name": "E2E Street",
        "kind": "STREET",
        "parent": {"name": "E2E District"},
        "cases": {"totalCount": 0, "edges": []},
        "leaderboard": [],
    }


async def test_typed_errors_pass_through_the_gateway(stack: Stack, stack_cleanup: None):
    graphql = f"{stack.gateway.url}/graphql"
    body = post_graphql(
        graphql,
        CREATE,
        {"input": {"kind": "STREET", "name": "Orphan", "parentId": "no-such-unit"}},
        token=admin_token(graphql),
        language="en",
    )

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "no org unit" in body["errors"][0]["message"]


async def test_the_request_id_reaches_the_subgraph_logs(stack: Stack, stack_cleanup: None):
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(
            f"{stack.gateway.url}/graphql",
            json={"query": '{ orgUnit(id: "nothing") { id } }'},
            headers={"x-request-id": "e2e-trace-42"},
        )
    assert response.headers["x-request-id"] == "e2e-trace-42"

    people = stack.processes["people"][0]

    async def logged() -> list[dict[str, object]]:
        lines = [
            json.loads(line) for line in people.log.read_text().splitlines() if line.startswith("{")
        ]
        return [line for line in lines if line.get("requestId") == "e2e-trace-42"]

    entries = await eventually(logged)
    assert entries[0]["service"] == "people"
