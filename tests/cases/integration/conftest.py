from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from grassroots_cases.main import create_app
from grassroots_cases.settings import CasesSettings
from grassroots_kit.messaging.outbox import OUTBOX
from grassroots_kit.settings import with_overrides

from tests.cases.integration.world import World
from tests.support.apps import RunningService, run_service, settings_for
from tests.support.rabbit import BrokerNamespace

REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) {
  case { id number status level version dueAt reporter { id } orgUnit { id } }
  possibleDuplicates { id number } duplicateHints { number title } } }"""


@dataclass
class Cases:
    svc: RunningService
    world: World

    @property
    def db(self) -> Any:
        return self.svc.host.db

    async def gql(
        self,
        who: str | None,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        language: str | None = None,
    ) -> dict[str, Any]:
        """`language`, if given, is sent as `Accept-Language` (else the service's default,
        zh-CN, answers)."""
        headers = self.world.headers(who)
        if language is not None:
            headers = {**headers, "Accept-Language": language}
        response = await self.svc.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def report(self, who: str = "res-1", **fields: Any) -> dict[str, Any]:
        payload = {
            "title": "Sewage pipe broken at the back of the building",
            "category": "SEWAGE_WATER",
            "orgUnitId": "b1",
            **fields,
        }
        body = await self.gql(who, REPORT, {"input": payload})
        assert "errors" not in body, body
        case: dict[str, Any] = body["data"]["reportCase"]["case"]
        return case

    async def act(
        self,
        who: str | None,
        mutation: str,
        input: dict[str, Any],
        fields: str = "",
        *,
        language: str | None = None,
    ) -> dict[str, Any]:
        name = mutation[0].upper() + mutation[1:]
        query = (
            f"mutation($input: {name}Input!) {{ {mutation}(input: $input) {{ "
            f"case {{ id status level version assignee {{ id }} {fields} }} }} }}"
        )
        return await self.gql(who, query, {"input": input}, language=language)

    async def outbox_types(self) -> list[str]:
        return [doc["type"] async for doc in self.db[OUTBOX].find({}).sort("createdAt", 1)]


def error_code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    return str(body["errors"][0]["extensions"]["code"])


@pytest.fixture
async def cases(mongo_url: str, broker_ns: BrokerNamespace, db_name: str) -> AsyncIterator[Cases]:
    world = World()
    settings = with_overrides(
        settings_for(CasesSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns),
        sweep_seconds=0,
    )

    def create(s: CasesSettings) -> Any:
        return create_app(s, keys=world.mint.keys)

    async with run_service(create, settings, broker_ns) as svc:
        await world.seed(svc.host.db)
        yield Cases(svc, world)
