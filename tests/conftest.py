"""Fixtures shared by every suite: a real mongod and the real RabbitMQ, isolated per test.

Also the markers, given by where a test lives (a `pytestmark` in a conftest marks nothing):
`unit` for tests/<part>/unit (no mongod, no broker: `make test-fast`), `e2e` and `slow` for the
suites that start whole stacks, `slow` for the fault and operations suites.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aio_pika
import pytest
from pymongo import AsyncMongoClient
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling

from tests.support import stack as stack_support
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


# Suites whose tests share one session-scoped stack (the services and the gateway as processes).
# Under pytest-xdist (`make test`: -n 2, `--dist loadfile` from pyproject.toml) every worker that
# runs a test of such a suite would start a stack of its own; the scheduler below keeps each of
# these suites on one worker and, like loadfile, every other test file together (a module-scoped
# stack or rabbitmqctl users are made once). Nothing else needs keeping together: each worker
# starts its own mongod (`mongo_url`), and databases, queue prefixes, ports and work directories
# are unique per test or per stack (tests/support). A scheduler, not xdist_group markers with
# --dist loadgroup: that mode no longer groups anything on pytest 9.2 (pytest-xdist issue 1386).
STACK_SUITES = frozenset({"e2e", "hostile", "gateway", "abuse"})


class _StackSuiteScheduling(LoadFileScheduling):
    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        parts = path.split("/")
        if len(parts) > 2 and parts[0] == TESTS.name and parts[1] in STACK_SUITES:
            return "/".join(parts[:2])
        return path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadFileScheduling | None:
    if config.getvalue("dist") != "loadfile":
        return None  # another mode asked for explicitly: xdist's own scheduler
    return _StackSuiteScheduling(config, log)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the broker queues and exchanges of every stack this process started.

    Most stack fixtures remove their own; this catches those that stop a stack without it (a
    test's own stack, a failed start), so a run leaves no `e….` queues on the shared broker.
    Queues are deleted whether or not they are empty: every stack is stopped by now.
    """
    if not stack_support.STARTED:
        return

    async def remove_all() -> None:
        for url, prefix in dict.fromkeys(stack_support.STARTED):
            # Bounded: a broker that stopped answering must not hold the session's end forever.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stack_support.remove_stack_queues(url, prefix), 30)

    asyncio.run(remove_all())
    stack_support.STARTED.clear()


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
