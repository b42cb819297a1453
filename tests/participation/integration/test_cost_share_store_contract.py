"""The MongoDB cost-share store keeps the contract (tests/participation/cost_share_contracts.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_participation.adapters.cost_shares import CostShareStore
from grassroots_participation.handlers.ports import CostShareRepository

from tests.participation.cost_share_contracts import CONTRACTS
from tests.participation.helpers import Participation


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_mongo_cost_shares(
    participation: Participation, contract: Callable[[CostShareRepository], Awaitable[None]]
):
    await contract(CostShareStore(participation.db))
