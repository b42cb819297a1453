from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from tests.support.rabbit import BrokerNamespace
from tests.support.stack import SERVICES, Stack, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("stack")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running


@pytest.fixture(scope="session")
async def stack_cleanup(stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    """Drop the stack's databases and queues once the session is over."""
    yield
    namespace = BrokerNamespace(stack.amqp_url, prefix=stack.prefix)
    for service in ("cases", "points"):
        namespace.track(f"{stack.prefix}{service}.projections")
    await namespace.cleanup()
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    for service in SERVICES:
        await client.drop_database(stack.database(service))
    await client.close()
