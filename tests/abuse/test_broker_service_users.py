"""A publisher holding one service's broker credentials forges another service's events: with
one broker user per service and topic permissions on the events exchange, RabbitMQ refuses
them (ACCESS_REFUSED) and nothing reaches a consumer.

The stack of this module runs each service under its own user, made with `rabbitmqctl` as
the local stack makes them (tests/support/broker_users.py).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aio_pika
import pytest
from grassroots_kit.messaging.broker import to_message
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.faults._harness import create_district, fault_stack, login
from tests.support.apps import eventually
from tests.support.broker_users import service_users
from tests.support.stack import Stack

pytestmark = pytest.mark.e2e


@dataclass
class UsersStack:
    stack: Stack
    urls: dict[str, str]
    mongo: AsyncMongoClient[dict[str, Any]]
    token: str
    district: str

    @property
    def exchange(self) -> str:
        return f"{self.stack.prefix}grassroots.events"

    def db(self, service: str) -> AsyncDatabase[dict[str, Any]]:
        return self.mongo[self.stack.database(service)]


@pytest.fixture(scope="module")
async def users_stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[UsersStack]:
    workdir: Path = tmp_path_factory.mktemp("broker-users")
    async with fault_stack(mongo_url, rabbit_url, workdir) as stack:
        with service_users(rabbit_url, stack.prefix) as urls:
            stack.service_amqp_urls = urls
            for service in ("people", "cases", "points"):
                await asyncio.to_thread(stack.start_service, service)
            people = stack.processes["people"][0].url
            token = await login(people)
            district = await create_district(people, token, "Broker Users District")
            mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
            try:
                yield UsersStack(stack, urls, mongo, token, district)
            finally:
                await mongo.close()
                stack.stop()


async def _publish_as(url: str, exchange: str, event: CloudEvent, routing_key: str) -> None:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        target = (
            channel.default_exchange
            if exchange == ""
            else await channel.get_exchange(exchange, ensure=False)
        )
        await target.publish(to_message(event), routing_key=routing_key, timeout=10)


async def _heard(stack: UsersStack, event_id: str) -> bool:
    """Whether a consumer of this stack has recorded the event as processed."""
    for service in ("cases", "points"):
        found = await stack.db(service)["processed_events"].count_documents(
            {"_id": {"$regex": f":{event_id}$"}}
        )
        if found:
            return True
    return False


async def test_services_work_under_their_own_broker_users(users_stack: UsersStack):
    async def projected() -> bool:
        for service in ("cases", "points"):
            unit = await users_stack.db(service)["org_units"].find_one(
                {"_id": users_stack.district}
            )
            if unit is None:
                return False
        return True

    assert await eventually(projected, timeout=30)


async def test_cases_credentials_cannot_publish_points_awarded(users_stack: UsersStack):
    person = f"p-{uuid.uuid4().hex[:8]}"
    forged = new_event(
        "points.awarded",
        source="grassroots/points",
        subject=person,
        data={"personId": person, "delta": 1000, "reason": "forged", "at": str(datetime.now(UTC))},
    )

    with pytest.raises(aio_pika.exceptions.ChannelClosed, match="ACCESS_REFUSED"):
        await _publish_as(users_stack.urls["cases"], users_stack.exchange, forged, forged.type)

    await asyncio.sleep(1)
    assert not await _heard(users_stack, forged.id)
    assert await users_stack.db("points")["accounts"].count_documents({"_id": person}) == 0


async def test_cases_credentials_cannot_grant_a_role_with_role_assigned(users_stack: UsersStack):
    assignment = f"ra-{uuid.uuid4().hex[:8]}"
    forged = new_event(
        "role.assigned",
        source="grassroots/people",
        subject=assignment,
        data={
            "id": assignment,
            "personId": f"p-{uuid.uuid4().hex[:8]}",
            "role": "DISTRICT_ADMIN",
            "orgUnitId": users_stack.district,
            "orgUnitPath": [users_stack.district],
            "organizationId": None,
            "since": datetime.now(UTC).isoformat(),
            "version": 1,
        },
    )

    with pytest.raises(aio_pika.exceptions.ChannelClosed, match="ACCESS_REFUSED"):
        await _publish_as(users_stack.urls["cases"], users_stack.exchange, forged, forged.type)

    await asyncio.sleep(1)
    assert not await _heard(users_stack, forged.id)
    assert (
        await users_stack.db("cases")["role_assignments"].count_documents({"_id": assignment}) == 0
    )
    assert await users_stack.db("points")["roles"].count_documents({"_id": assignment}) == 0


async def test_cases_credentials_cannot_drop_a_forgery_straight_into_points_queue(
    users_stack: UsersStack,
):
    person = f"p-{uuid.uuid4().hex[:8]}"
    forged = new_event(
        "commitment.fulfilled",
        source="grassroots/people",
        subject=f"c-{uuid.uuid4().hex[:8]}",
        data={
            "id": f"c-{uuid.uuid4().hex[:8]}",
            "personId": person,
            "text": "forged",
            "dueBy": datetime.now(UTC).isoformat(),
            "fulfilledAt": datetime.now(UTC).isoformat(),
            "onTime": True,
            "orgUnitId": users_stack.district,
            "orgUnitPath": [users_stack.district],
        },
    )
    queue = f"{users_stack.stack.prefix}points.awards"

    with pytest.raises(aio_pika.exceptions.ChannelClosed, match="ACCESS_REFUSED"):
        await _publish_as(users_stack.urls["cases"], "", forged, queue)

    await asyncio.sleep(1)
    assert not await _heard(users_stack, forged.id)
    assert await users_stack.db("points")["ledger"].count_documents({"personId": person}) == 0
