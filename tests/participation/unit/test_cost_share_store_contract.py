"""The in-memory cost-share store keeps the contract the MongoDB one keeps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_participation.handlers.ports import CostShareRepository

from tests.participation.cost_share_contracts import CONTRACTS
from tests.participation.fakes import FakeCostShares, State


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_fake_cost_shares(contract: Callable[[CostShareRepository], Awaitable[None]]):
    await contract(FakeCostShares(State()))
