"""What every abuse test needs: requests as someone, and a look at what was written."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import httpx
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.support.demo import DEMO_PASSWORD
from tests.support.stack import Stack

LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }"


@functools.cache
def _token(gateway_url: str, phone: str, password: str) -> str:
    response = httpx.post(
        gateway_url,
        json={"query": LOGIN, "variables": {"input": {"phone": phone, "password": password}}},
        timeout=30,
    )
    body = response.json()
    assert "errors" not in body, body
    return str(body["data"]["login"]["accessToken"])


class Attacker:
    """Sends real requests to the abuse stack and reads its databases to check for writes."""

    def __init__(self, stack: Stack, mongo: AsyncMongoClient[dict[str, object]]) -> None:
        self.stack = stack
        self.mongo = mongo

    @property
    def gateway_url(self) -> str:
        return f"{self.stack.gateway.url}/graphql"

    def subgraph_url(self, service: str) -> str:
        return f"{self.stack.processes[service][0].url}/graphql"

    def token(self, phone: str, password: str = DEMO_PASSWORD) -> str:
        """An access token of a demo person (cached per phone: log in once per session)."""
        return _token(self.gateway_url, phone, password)

    async def graphql(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        token: str | None = None,
        url: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """POST a GraphQL request (to the gateway unless `url` says otherwise); the JSON body."""
        sent = {"content-type": "application/json", **(headers or {})}
        if token:
            sent["authorization"] = f"Bearer {token}"
        async with httpx.AsyncClient(timeout=60) as client:
            response = await client.post(
                url or self.gateway_url,
                json={"query": query, "variables": dict(variables or {})},
                headers=sent,
            )
        body: dict[str, Any] = response.json()
        return body

    async def people_doc(self, collection: str, **match: object) -> dict[str, Any]:
        """The one document of people's `collection` that matches (a demo person, household,
        unit or organization), to find its id; fails the test when there is none."""
        found = await self.db("people")[collection].find_one(match)
        assert found is not None, (collection, match)
        return dict(found)

    def db(self, service: str) -> AsyncDatabase[dict[str, object]]:
        """The stack's database of one service, to prove that nothing was written."""
        return self.mongo[self.stack.database(service)]


def error_codes(body: Mapping[str, Any]) -> set[str]:
    """The `extensions.code`s of a GraphQL answer's errors."""
    return {str(error.get("extensions", {}).get("code")) for error in body.get("errors") or []}


def refused(body: Mapping[str, Any], code: str) -> bool:
    """True when the answer carries an error with that code."""
    return code in error_codes(body)
