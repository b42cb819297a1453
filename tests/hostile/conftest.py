"""One real stack (three services and the gateway) for the hostile-input suite."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from tests.support.private_rabbit import queues_with_prefix
from tests.support.rabbit import BrokerNamespace
from tests.support.stack import SERVICES, Stack, running_stack


@pytest.fixture(scope="session")
def hostile_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("hostile")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running


@pytest.fixture(scope="session")
async def hostile_cleanup(hostile_stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    yield
    namespace = BrokerNamespace(hostile_stack.amqp_url, prefix=hostile_stack.prefix)
    namespace.queues.update(queues_with_prefix(hostile_stack.prefix))
    for service in ("cases", "points"):
        namespace.track(f"{hostile_stack.prefix}{service}.projections")
    await namespace.cleanup()
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    for service in SERVICES:
        await client.drop_database(hostile_stack.database(service))
    await client.close()
