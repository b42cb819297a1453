"""The org-unit tree through the people subgraph, against the real MongoDB and RabbitMQ."""

from __future__ import annotations

import pytest
from grassroots_kit.messaging.outbox import OUTBOX

from tests.support.apps import RunningService
from tests.support.people_auth import admin_token_of

CREATE = """
mutation Create($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id kind name path parent { id name } } }
}
"""


@pytest.fixture
async def admin(people: RunningService) -> str:
    return await admin_token_of(people)


async def create(people: RunningService, kind: str, name: str, parent: str | None = None) -> dict:
    token = await admin_token_of(people)
    body = await people.graphql(
        CREATE, {"input": {"kind": kind, "name": name, "parentId": parent}}, token=token
    )
    assert "errors" not in body, body
    return body["data"]["createOrgUnit"]["orgUnit"]


async def test_a_tree_is_built_top_down_and_read_back(people: RunningService):
    district = await create(people, "DISTRICT", "Wangcheng District")
    street = await create(people, "STREET", "Gaotangling Street", district["id"])
    community = await create(people, "COMMUNITY", "Taohuajing Community", street["id"])

    assert community["path"] == [district["id"], street["id"]]
    assert community["parent"] == {"id": street["id"], "name": "Gaotangling Street"}
    body = await people.graphql(
        "query($id: ID!) { orgUnit(id: $id) { name children { totalCount edges { node { name } } } } }",
        {"id": street["id"]},
    )
    assert body["data"]["orgUnit"] == {
        "name": "Gaotangling Street",
        "children": {"totalCount": 1, "edges": [{"node": {"name": "Taohuajing Community"}}]},
    }


async def test_creating_a_unit_writes_orgunit_created_to_the_outbox(people: RunningService):
    district = await create(people, "DISTRICT", "Shibei District")

    doc = await people.host.db[OUTBOX].find_one({"type": "orgunit.created"})

    assert doc is not None
    assert f'"subject":"{district["id"]}"' in doc["body"]


async def test_a_kind_that_does_not_rank_below_its_parent_is_refused_and_nothing_is_written(
    people: RunningService, admin: str
):
    district = await create(people, "DISTRICT", "Yuanhui District")

    body = await people.graphql(
        CREATE,
        {"input": {"kind": "DISTRICT", "name": "Inner", "parentId": district["id"]}},
        token=admin,
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cannot contain" in body["errors"][0]["message"]
    assert await people.host.db["org_units"].count_documents({}) == 1
    assert await people.host.db[OUTBOX].count_documents({}) == 1


async def test_an_unknown_parent_is_not_found(people: RunningService, admin: str):
    body = await people.graphql(
        CREATE, {"input": {"kind": "STREET", "name": "Nowhere", "parentId": "missing"}}, token=admin
    )

    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "parentId"}
    assert await people.host.db["org_units"].count_documents({}) == 0


async def test_a_sibling_with_the_same_name_is_a_conflict(people: RunningService, admin: str):
    district = await create(people, "DISTRICT", "Changsha County")
    await create(people, "STREET", "Chunhua Town", district["id"])

    body = await people.graphql(
        CREATE,
        {"input": {"kind": "STREET", "name": "Chunhua  Town", "parentId": district["id"]}},
        token=admin,
    )

    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert await people.host.db[OUTBOX].count_documents({}) == 2


async def test_org_units_are_paged_by_name_with_cursors(people: RunningService):
    district = await create(people, "DISTRICT", "Paging District")
    for name in ["E", "A", "C", "B", "D"]:
        await create(people, "STREET", f"Street {name}", district["id"])
    query = """query($f: OrgUnitFilter, $after: String) {
      orgUnits(filter: $f, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }"""
    names, after = [], None
    while True:
        body = await people.graphql(query, {"f": {"within": district["id"]}, "after": after})
        page = body["data"]["orgUnits"]
        assert page["totalCount"] == 5
        names += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert names == [f"Street {n}" for n in "ABCDE"]


async def test_a_bad_cursor_or_page_size_is_bad_user_input(people: RunningService):
    for variables in ({"after": "garbage!"}, {"first": 1000}):
        body = await people.graphql(
            "query($after: String, $first: Int) { orgUnits(after: $after, first: $first) "
            "{ totalCount } }",
            variables,
        )
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_entities_are_resolved_for_the_gateway(people: RunningService):
    district = await create(people, "DISTRICT", "Entity District")

    body = await people.graphql(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit { id name } } }",
        {"r": [{"__typename": "OrgUnit", "id": district["id"]}]},
    )

    assert body["data"]["_entities"] == [{"id": district["id"], "name": "Entity District"}]


async def test_health_and_metrics_are_served(people: RunningService):
    live = await people.client.get("/health/live")
    ready = await people.client.get("/health/ready")
    metrics = await people.client.get("/metrics")

    assert live.json()["service"] == "people"
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"mongodb": True, "rabbitmq": True, "booted": True}
    assert "grassroots_http_requests_total" in metrics.text
    assert live.headers["x-request-id"]


async def test_an_unexpected_error_is_masked_without_a_stack_trace(
    people: RunningService, monkeypatch: pytest.MonkeyPatch
):
    async def broken(self: object, ids: object) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 3")

    monkeypatch.setattr("grassroots_people.adapters.org_units.OrgUnitStore.get_many", broken)

    body = await people.graphql('{ orgUnit(id: "x") { id } }')

    assert body["errors"][0]["message"].startswith("Internal server error")
    assert "Traceback" not in str(body)
    assert "secret internals" not in str(body)
