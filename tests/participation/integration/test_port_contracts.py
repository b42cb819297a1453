"""The MongoDB meeting store keeps the contract (tests/participation/contracts.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_participation.adapters.meetings import MeetingStore
from grassroots_participation.handlers.ports import MeetingRepository

from tests.participation.contracts import CONTRACTS
from tests.participation.helpers import Participation


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_mongo_meetings(
    participation: Participation, contract: Callable[[MeetingRepository], Awaitable[None]]
):
    await contract(MeetingStore(participation.db))
