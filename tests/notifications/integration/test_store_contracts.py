"""The MongoDB stores keep the contract (tests/notifications/contracts.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from grassroots_notifications.adapters.deliveries import DeliveryStore
from grassroots_notifications.adapters.notices import NoticeStore

from tests.notifications.contracts import DELIVERY_CONTRACTS, NOTICE_CONTRACTS
from tests.notifications.helpers import Notifications


@pytest.mark.parametrize("contract", NOTICE_CONTRACTS, ids=lambda c: c.__name__)
async def test_mongo_notices(
    notifications: Notifications, contract: Callable[[Any], Awaitable[None]]
):
    await contract(NoticeStore(notifications.db))


@pytest.mark.parametrize("contract", DELIVERY_CONTRACTS, ids=lambda c: c.__name__)
async def test_mongo_deliveries(
    notifications: Notifications, contract: Callable[[Any], Awaitable[None]]
):
    await contract(DeliveryStore(notifications.db))
