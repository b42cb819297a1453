from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.stack import Stack, remove_stack_state, running_stack


@pytest.fixture(scope="session")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    """The three services and the gateway as processes, shared by the e2e tests of a worker;
    its queues and databases are removed at the end."""
    workdir: Path = tmp_path_factory.mktemp("stack")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


@pytest.fixture(scope="session")
def stack_cleanup(stack: Stack) -> None:
    """Kept for the tests that ask for it: the `stack` fixture itself now cleans up."""
