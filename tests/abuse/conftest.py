"""One real stack with the demo area loaded, shared by the attacker's suite (tests/abuse/).

Each test there is one abuse case, named for the attacker and the goal. It sends the real
request an attacker would send (through the gateway, straight to a subgraph port, or onto the
broker) and asserts both the refusal and that nothing was written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from tests.abuse._attacker import Attacker
from tests.support.demo import run_loader
from tests.support.stack import Stack, remove_stack_state, running_stack


@pytest.fixture(scope="session")
def abuse_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """The three services and the gateway as processes, with the demo area loaded once."""
    workdir: Path = tmp_path_factory.mktemp("abuse")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        run_loader(running)
        yield running


@pytest.fixture(scope="session")
async def abuse_cleanup(abuse_stack: Stack, mongo_url: str) -> AsyncIterator[None]:
    yield
    await remove_stack_state(abuse_stack, mongo_url)


@pytest.fixture(scope="session")
async def mongo(mongo_url: str) -> AsyncIterator[AsyncMongoClient[dict[str, object]]]:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongo_url)
    yield client
    await client.close()


@pytest.fixture
def attacker(
    abuse_stack: Stack, abuse_cleanup: None, mongo: AsyncMongoClient[dict[str, object]]
) -> Attacker:
    return Attacker(abuse_stack, mongo)
