"""Fixtures of the participation tests: the service on a real MongoDB and RabbitMQ, signed
tokens, and a publisher standing in for people."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator

import pytest
from grassroots_kit.messaging.broker import Broker
from grassroots_participation.main import create_app
from grassroots_participation.settings import ParticipationSettings

from tests.participation.helpers import Participation
from tests.support.apps import run_service, settings_for
from tests.support.rabbit import BrokerNamespace
from tests.support.tokens import TokenMint


@pytest.fixture(scope="session")
def mint() -> TokenMint:
    return TokenMint()


@pytest.fixture
async def publisher(broker_ns: BrokerNamespace) -> AsyncIterator[Broker]:
    broker = Broker(broker_ns.url, broker_ns.exchange, app_name="test-publisher")
    await broker.connect()
    try:
        yield broker
    finally:
        await broker.close()


@pytest.fixture
async def participation(
    mongo_url: str, db_name: str, broker_ns: BrokerNamespace, mint: TokenMint, publisher: Broker
) -> AsyncIterator[Participation]:
    settings = settings_for(
        ParticipationSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns
    )
    app_factory = functools.partial(create_app, keys=mint.keys)
    async with run_service(app_factory, settings, broker_ns) as running:
        yield Participation(running, mint, publisher, broker_ns)
