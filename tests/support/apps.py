"""Run a service's app in the test process: lifespan, boot, an HTTP client, clean-up."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from grassroots_kit.host import ServiceHost
from grassroots_kit.messaging.outbox import OUTBOX
from grassroots_kit.settings import ServiceSettings
from starlette.applications import Starlette

from tests.support.contract import check_event
from tests.support.people_auth import ADMIN_PASSWORD
from tests.support.rabbit import BrokerNamespace

S = TypeVar("S", bound=ServiceSettings)


@dataclass
class RunningService:
    app: Starlette
    host: ServiceHost
    client: httpx.AsyncClient

    async def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def settings_for(cls: type[S], *, mongo_url: str, db_name: str, ns: BrokerNamespace) -> S:
    # people makes its platform admin with the tests' fixed login (tests/support/people_auth.py).
    admin = (
        {"bootstrap_admin_password": ADMIN_PASSWORD}
        if "bootstrap_admin_password" in (cls.model_fields)
        else {}
    )
    return cls(
        mongodb_url=mongo_url,
        mongodb_database=db_name,
        amqp_url=ns.url,
        events_prefix=ns.prefix,
        relay_poll_seconds=0.1,
        **admin,
    )


@contextlib.asynccontextmanager
async def run_service(
    create_app: Callable[[S], Starlette], settings: S, ns: BrokerNamespace, *, drop: bool = True
) -> AsyncIterator[RunningService]:
    app = create_app(settings)
    host: ServiceHost = app.state.host
    async with app.router.lifespan_context(app):
        await asyncio.wait_for(host.wait_booted(), 30)
        for consumer in host.consumers:
            ns.track(consumer.queue_name)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            try:
                yield RunningService(app, host, client)
            finally:
                await check_outbox_against_contract(host)
                if drop:
                    await host.client.drop_database(settings.mongodb_database)


async def check_outbox_against_contract(host: ServiceHost) -> None:
    """Every event a test made a service emit must match docs/asyncapi.yaml."""
    async for doc in host.db[OUTBOX].find({}, {"body": 1}):
        check_event(doc["body"])


async def eventually(
    check: Callable[[], Any], *, timeout: float = 10, interval: float = 0.05
) -> Any:
    """Wait until an async `check` returns a truthy value, and return it."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await check()
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {result!r})")
        await asyncio.sleep(interval)
