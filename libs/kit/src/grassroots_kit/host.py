"""The process-wide resources of one service and their lifecycle.

Nothing connects at import. `start()` returns at once and boots in the background, retrying
MongoDB and RabbitMQ until they answer, so a service started before its dependencies becomes
ready by itself; `/health/ready` says when.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any, TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, wait_exponential

from grassroots_kit import tracing
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.consumer import PROCESSED, EventConsumer, Subscription
from grassroots_kit.messaging.outbox import OUTBOX, OUTBOX_INDEXES
from grassroots_kit.messaging.relay import OutboxRelay
from grassroots_kit.metrics import DEPENDENCY_UP
from grassroots_kit.mongo import (
    Indexes,
    Session,
    create_client,
    ensure_collections,
    ensure_indexes,
    in_transaction,
    ping,
)
from grassroots_kit.sampling import HealthSampler
from grassroots_kit.settings import ServiceSettings

log = logging.getLogger(__name__)
T = TypeVar("T")

BackgroundTask = Callable[[], Coroutine[Any, Any, None]]
BootStep = Callable[[], Awaitable[None]]


class ServiceHost:
    def __init__(
        self,
        settings: ServiceSettings,
        *,
        collections: Sequence[str] = (),
        indexes: Sequence[Indexes] = (),
        subscriptions: Sequence[Subscription] = (),
        run_relay: bool = True,
    ) -> None:
        self.settings = settings
        self.client = create_client(settings.mongodb_url, app_name=settings.service_name)
        self.db = self.client[settings.mongodb_database]
        self.broker = Broker(
            settings.amqp_url, settings.exchange_name, app_name=settings.service_name
        )
        self.relay = OutboxRelay(
            self.db,
            self.broker,
            service=settings.service_name,
            poll_seconds=settings.relay_poll_seconds,
        )
        self._collections = [OUTBOX, PROCESSED, *collections]
        self._indexes = [OUTBOX_INDEXES, *indexes]
        self._subscriptions = list(subscriptions)
        self._run_relay = run_relay
        self._background: list[BackgroundTask] = []
        self._boot_steps: list[tuple[str, BootStep]] = []
        self.consumers: list[EventConsumer] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._booted = asyncio.Event()
        self.sampler = HealthSampler(
            service=settings.service_name,
            client=self.client,
            broker=self.broker,
            queues=lambda: [consumer.queue_name for consumer in self.consumers],
            interval=settings.metrics_sample_seconds,
        )

    def add_subscription(self, subscription: Subscription) -> None:
        """Consume a queue once the service has booted."""
        self._subscriptions.append(subscription)

    def add_boot_step(self, name: str, step: BootStep) -> None:
        """Work that must be done before the service is ready (after the database is prepared),
        retried like the connections until it succeeds."""
        self._boot_steps.append((name, step))

    def add_background(self, task: BackgroundTask) -> None:
        """A long-running loop started once the service has booted (sweepers, schedulers)."""
        self._background.append(task)

    @property
    def booted(self) -> bool:
        return self._booted.is_set()

    @property
    def collections(self) -> tuple[str, ...]:
        """The collections created at start (the kit's own and the service's)."""
        return tuple(self._collections)

    @property
    def indexes(self) -> tuple[Indexes, ...]:
        """The indexes ensured at start (docs/indexes.md lists them)."""
        return tuple(self._indexes)

    async def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._boot(), name="boot"))
        self._tasks.append(asyncio.create_task(self.sampler.run(), name="metrics-sampler"))

    async def wait_booted(self) -> None:
        await self._booted.wait()

    async def _boot(self) -> None:
        await _retry("MongoDB", self._prepare_database)
        for name, step in self._boot_steps:
            await _retry(name, step)
        await _retry("RabbitMQ", self.broker.connect)
        for subscription in self._subscriptions:
            consumer = EventConsumer(
                broker=self.broker,
                client=self.client,
                db=self.db,
                queue_name=self.settings.queue_name(subscription.purpose),
                subscription=subscription,
                prefetch=self.settings.consumer_prefetch,
                workers=self.settings.consumer_workers,
                max_attempts=self.settings.consumer_max_attempts,
                after_commit=self.relay.wake,
            )
            await _retry(f"queue {consumer.queue_name}", consumer.start)
            self.consumers.append(consumer)
        if self._run_relay:
            self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        for task in self._background:
            self._tasks.append(asyncio.create_task(task(), name=getattr(task, "__name__", "bg")))
        self._booted.set()
        log.info("service booted", extra={"settings": self.settings.redacted()})

    async def _prepare_database(self) -> None:
        await ensure_collections(self.db, self._collections)
        await ensure_indexes(self.db, self._indexes)

    async def transaction(self, work: Callable[[Session], Awaitable[T]]) -> T:
        """The unit of work: state and outbox commit together, then the relay is woken."""
        result = await in_transaction(self.client, work)
        self.relay.wake()
        return result

    async def readiness(self) -> dict[str, bool]:
        mongo = await ping(self.client)
        rabbit = self.broker.connected
        DEPENDENCY_UP.labels(self.settings.service_name, "mongodb").set(int(mongo))
        DEPENDENCY_UP.labels(self.settings.service_name, "rabbitmq").set(int(rabbit))
        return {"mongodb": mongo, "rabbitmq": rabbit, "booted": self.booted}

    async def stop(self) -> None:
        for consumer in self.consumers:
            await consumer.stop()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.broker.close()
        await self.client.close()
        tracing.flush()


async def _retry(what: str, attempt: Callable[[], Awaitable[None]]) -> None:
    """Keep trying a boot step until it succeeds: a service started before its dependencies
    becomes ready on its own. Unbounded on purpose; cancelling the boot (stop) ends it."""

    def waiting(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        delay = state.upcoming_sleep
        log.warning("%s not available yet: %s; retrying in %.1fs", what, exc, delay)

    async for step in AsyncRetrying(
        retry=retry_if_exception_type(Exception),
        wait=wait_exponential(multiplier=0.2, max=5.0),
        before_sleep=waiting,
    ):
        with step:
            await attempt()
