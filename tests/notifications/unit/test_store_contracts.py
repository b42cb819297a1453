"""The in-memory stores keep the contract the MongoDB ones keep."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.notifications.contracts import DELIVERY_CONTRACTS, NOTICE_CONTRACTS
from tests.notifications.fakes import FakeDeliveries, FakeNotices, State


@pytest.mark.parametrize("contract", NOTICE_CONTRACTS, ids=lambda c: c.__name__)
async def test_fake_notices(contract: Callable[[Any], Awaitable[None]]):
    await contract(FakeNotices(State()))


@pytest.mark.parametrize("contract", DELIVERY_CONTRACTS, ids=lambda c: c.__name__)
async def test_fake_deliveries(contract: Callable[[Any], Awaitable[None]]):
    await contract(FakeDeliveries(State()))
