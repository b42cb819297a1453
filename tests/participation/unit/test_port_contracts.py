"""The in-memory meeting store keeps the contract the MongoDB one keeps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from grassroots_participation.handlers.ports import MeetingRepository

from tests.participation.contracts import CONTRACTS
from tests.participation.fakes import FakeMeetings, State


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.__name__)
async def test_fake_meetings(contract: Callable[[MeetingRepository], Awaitable[None]]):
    await contract(FakeMeetings(State()))
