"""Fixtures of the notifications tests: the service on a real MongoDB and RabbitMQ, signed
tokens, a publisher standing in for cases and people, a clock the test moves, and a real local
SMTP server."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from grassroots_kit.messaging.broker import Broker
from grassroots_notifications.main import create_app
from grassroots_notifications.settings import NotificationsSettings

from tests.notifications.fakes import Clock
from tests.notifications.helpers import Notifications
from tests.notifications.mail import MailServer
from tests.support.apps import run_service, settings_for
from tests.support.rabbit import BrokerNamespace
from tests.support.tokens import TokenMint

# 10:00 in Beijing.
MORNING = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)


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
def mail() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock(MORNING)


@pytest.fixture
def overrides() -> dict[str, object]:
    """Settings a test changes (override this fixture in a module)."""
    return {}


@pytest.fixture
async def notifications(
    mongo_url: str,
    db_name: str,
    broker_ns: BrokerNamespace,
    mint: TokenMint,
    publisher: Broker,
    mail: MailServer,
    clock: Clock,
    overrides: dict[str, object],
) -> AsyncIterator[Notifications]:
    base = settings_for(NotificationsSettings, mongo_url=mongo_url, db_name=db_name, ns=broker_ns)
    settings = base.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": mail.port,
            # The test runs the delivery worker's passes itself, with its clock.
            "delivery_poll_seconds": 0,
            **overrides,
        }
    )
    app_factory = functools.partial(create_app, keys=mint.keys, clock=clock)
    async with run_service(app_factory, settings, broker_ns) as running:
        yield Notifications(running, mint, publisher, broker_ns, mail)
