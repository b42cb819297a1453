"""people's identity and access rules hold through the gateway."""

from __future__ import annotations

from tests.support.people_auth import admin_token
from tests.support.stack import Stack, post_graphql

CREATE = """mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }"""
HOUSEHOLD = (
    """mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }"""
)
REGISTER = """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"""
LOGIN = """mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }"""
PERSON = """query($id: ID!) { person(id: $id) { name phone household { address } } }"""


async def test_a_resident_logs_in_through_the_gateway_and_sees_only_what_is_theirs(
    stack: Stack, stack_cleanup: None
):
    graph = f"{stack.gateway.url}/graphql"
    admin = admin_token(graph)

    def make(query: str, variables: dict, field: str) -> str:
        body = post_graphql(graph, query, {"i": variables}, token=admin)
        assert "errors" not in body, body
        return next(iter(body["data"][field].values()))["id"]

    district = make(CREATE, {"kind": "DISTRICT", "name": "Gateway District"}, "createOrgUnit")
    street = make(
        CREATE, {"kind": "STREET", "name": "Gateway Street", "parentId": district}, "createOrgUnit"
    )
    home = make(
        HOUSEHOLD, {"orgUnitId": street, "address": "Gateway Road 1, Room 1"}, "createHousehold"
    )
    away = make(
        HOUSEHOLD, {"orgUnitId": street, "address": "Gateway Road 2, Room 9"}, "createHousehold"
    )
    me = make(
        REGISTER,
        {
            "name": "Shi Kai",
            "phone": "13600000001",
            "householdId": home,
            "password": "stall-keeper",
        },
        "registerPerson",
    )
    other = make(
        REGISTER,
        {"name": "Long Wei", "phone": "13600000002", "householdId": away},
        "registerPerson",
    )

    login = post_graphql(graph, LOGIN, {"i": {"phone": "13600000001", "password": "stall-keeper"}})
    token = login["data"]["login"]["accessToken"]
    mine = post_graphql(graph, PERSON, {"id": me}, token=token)
    theirs = post_graphql(graph, PERSON, {"id": other}, token=token)
    forbidden = post_graphql(
        graph, CREATE, {"i": {"kind": "STREET", "name": "Mine", "parentId": district}}, token=token
    )
    wrong = post_graphql(graph, LOGIN, {"i": {"phone": "13600000001", "password": "not it"}})

    assert mine["data"]["person"] == {
        "name": "Shi Kai",
        "phone": "13600000001",
        "household": {"address": "Gateway Road 1, Room 1"},
    }
    # Another household's resident is no one to a resident (docs/people.md, Private data).
    assert theirs["data"]["person"] == {"name": "****", "phone": None, "household": None}
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert wrong["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
