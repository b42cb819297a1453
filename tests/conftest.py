"""Fixtures shared by every suite: a real mongod and the real RabbitMQ, isolated per test.

Also the markers, given by where a test lives (a `pytestmark` in a conftest marks nothing):
`unit` for tests/<part>/unit (no mongod, no broker: `make test-fast`), `e2e` and `slow` for the
suites that start whole stacks, `slow` for the fault and operations suites.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aio_pika
import pytest
from pymongo import AsyncMongoClient

from tests.support.mongod import MongoServer, start_mongod
from tests.support.rabbit import BrokerNamespace, amqp_url

TESTS = Path(__file__).resolve().parent
# Directory name (anywhere under tests/) -> the markers its tests carry.
MARKERS_BY_DIRECTORY: dict[str, tuple[str, ...]] = {
    "unit": ("unit",),
    "e2e": ("e2e", "slow"),
    "hostile": ("e2e", "slow"),
    "gateway": ("e2e", "slow"),
    "abuse": ("e2e", "slow"),
    "faults": ("slow",),
    "ops": ("slow",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        try:
            parts = item.path.resolve().relative_to(TESTS).parts[:-1]
        except ValueError:
            continue
        names = {name for part in parts for name in MARKERS_BY_DIRECTORY.get(part, ())}
        for name in sorted(names):
            item.add_marker(name)


@pytest.fixture(scope="session")
def mongo_url() -> Iterator[str]:
    """A replica set for this test process: TEST_MONGODB_URL if given, else a fresh mongod."""
    given = os.environ.get("TEST_MONGODB_URL")
    if given:
        yield given
        return
    server: MongoServer = start_mongod()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
async def rabbit_url() -> str:
    url = amqp_url()
    try:
        connection = await aio_pika.connect(url, timeout=5)
    except Exception as exc:
        pytest.fail(
            f"RabbitMQ is not reachable at {url} ({exc}); start it with "
            "`rabbitmq-server -detached` or set AMQP_URL",
            pytrace=False,
        )
    await connection.close()
    return url


@pytest.fixture
def db_name() -> str:
    """A database name no other test, worker or local stack uses."""
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def mongo_client(mongo_url: str) -> AsyncIterator[AsyncMongoClient[dict[str, object]]]:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url, tz_aware=True)
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
async def broker_ns(rabbit_url: str) -> AsyncIterator[BrokerNamespace]:
    namespace = BrokerNamespace(rabbit_url)
    try:
        yield namespace
    finally:
        await namespace.cleanup()
