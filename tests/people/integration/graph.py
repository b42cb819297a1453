"""Talking to the people subgraph in tests: typed-enough shortcuts over GraphQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.support.apps import RunningService

PASSWORD = "correct horse battery"


class GraphQLErrors(AssertionError):
    pass


@dataclass
class Area:
    """One branch of the ladder, with the ids of each rung."""

    district: str
    street: str
    community: str
    grid: str
    piece: str
    group: str
    neighborhood: str
    building: str
    other_community: str


@dataclass
class PeopleGraph:
    service: RunningService
    admin: str  # the bootstrap platform admin's access token
    tokens: dict[str, str] = field(default_factory=dict)

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        return await self.service.graphql(query, variables, token=token)

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.raw(query, variables, token)
        if body.get("errors"):
            raise GraphQLErrors(body["errors"])
        return body["data"]

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.raw(query, variables, token)
        assert body.get("errors"), body
        return body["errors"][0]

    async def unit(
        self, kind: str, name: str, parent: str | None = None, token: str | None = None
    ) -> str:
        data = await self.ok(
            "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }",
            {"i": {"kind": kind, "name": name, "parentId": parent}},
            token or self.admin,
        )
        return data["createOrgUnit"]["orgUnit"]["id"]

    async def area(self, name: str = "Wangcheng District") -> Area:
        district = await self.unit("DISTRICT", name)
        street = await self.unit("STREET", "Gaotangling Street", district)
        community = await self.unit("COMMUNITY", "Taohuajing Community", street)
        other = await self.unit("COMMUNITY", "Wangfu Road Community", street)
        grid = await self.unit("GRID", "Grid 1", community)
        piece = await self.unit("PIECE", "Piece 1", grid)
        group = await self.unit("GROUP", "Group 1-1", piece)
        neighborhood = await self.unit("NEIGHBORHOOD", "Neighborhood 1-1", group)
        building = await self.unit("BUILDING", "North Gate Block", group)
        return Area(district, street, community, grid, piece, group, neighborhood, building, other)

    async def household(self, unit: str, address: str, token: str | None = None) -> str:
        data = await self.ok(
            "mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { household { id } } }",
            {"i": {"orgUnitId": unit, "address": address}},
            token or self.admin,
        )
        return data["createHousehold"]["household"]["id"]

    async def person(
        self,
        name: str,
        phone: str | None = None,
        *,
        household: str | None = None,
        unit: str | None = None,
        party_member: bool = False,
        password: str | None = PASSWORD,
        token: str | None = None,
    ) -> str:
        data = await self.ok(
            "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }",
            {
                "i": {
                    "name": name,
                    "phone": phone,
                    "householdId": household,
                    "orgUnitId": unit,
                    "partyMember": party_member,
                    "password": password if phone else None,
                }
            },
            token or self.admin,
        )
        return data["registerPerson"]["person"]["id"]

    async def assign(
        self,
        person: str,
        role: str,
        unit: str,
        organization: str | None = None,
        token: str | None = None,
    ) -> str:
        data = await self.ok(
            "mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }",
            {
                "i": {
                    "personId": person,
                    "role": role,
                    "orgUnitId": unit,
                    "organizationId": organization,
                }
            },
            token or self.admin,
        )
        return data["assignRole"]["roleAssignment"]["id"]

    async def login(self, phone: str, password: str = PASSWORD) -> dict[str, Any]:
        data = await self.ok(
            """mutation($i: LoginInput!) { login(input: $i) {
                 accessToken refreshToken personId accessTokenExpiresAt } }""",
            {"i": {"phone": phone, "password": password}},
        )
        return data["login"]

    async def token(self, phone: str) -> str:
        if phone not in self.tokens:
            self.tokens[phone] = (await self.login(phone))["accessToken"]
        return self.tokens[phone]

    async def staff(self, name: str, phone: str, role: str, unit: str) -> str:
        """Register someone serving at `unit` with `role` and return their access token."""
        person = await self.person(name, phone, unit=unit)
        await self.assign(person, role, unit)
        return await self.token(phone)

    async def count(self, collection: str, query: dict[str, Any] | None = None) -> int:
        return await self.service.host.db[collection].count_documents(query or {})

    async def events(self, type: str) -> list[dict[str, Any]]:
        import json

        docs = self.service.host.db["outbox"].find({"type": type}).sort("createdAt", 1)
        return [json.loads(d["body"]) async for d in docs]
