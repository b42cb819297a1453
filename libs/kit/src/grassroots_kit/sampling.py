"""Samples for /metrics that nothing else measures as a side effect of its work.

Every `METRICS_SAMPLE_SECONDS` a service pings MongoDB and RabbitMQ (`grassroots_dependency_up`,
`grassroots_dependency_check_seconds`) and reads how many messages wait in each queue it
consumes (`grassroots_queue_messages_ready`, the consumer lag) and in its dead-letter queue
(`grassroots_dead_letter_queue_messages`). The queue depths come from a passive declare, which
RabbitMQ answers with the count of ready messages: cheap, and no management plugin needed.
Replicas of a service report the same queue depths; dashboards take the max across them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence

from pymongo import AsyncMongoClient

from grassroots_kit.messaging.broker import Broker
from grassroots_kit.metrics import (
    DEAD_LETTER_READY,
    DEPENDENCY_CHECK_SECONDS,
    DEPENDENCY_UP,
    QUEUE_READY,
)
from grassroots_kit.mongo import Document, ping

log = logging.getLogger(__name__)


class HealthSampler:
    def __init__(
        self,
        *,
        service: str,
        client: AsyncMongoClient[Document],
        broker: Broker,
        queues: Callable[[], Sequence[str]],
        interval: float,
    ) -> None:
        self._service = service
        self._client = client
        self._broker = broker
        self._queues = queues
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self.sample()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.debug("metrics sample failed", exc_info=True)
            await asyncio.sleep(self._interval)

    async def sample(self) -> None:
        started = time.perf_counter()
        mongo = await ping(self._client)
        self._record("mongodb", mongo, time.perf_counter() - started)

        started = time.perf_counter()
        queues = list(self._queues())
        names = [name for queue in queues for name in (queue, f"{queue}.dead")]
        depths: dict[str, int | None] = {}
        rabbit = self._broker.connected
        if rabbit:
            try:
                depths = await asyncio.wait_for(self._broker.probe(names), timeout=5)
            except asyncio.CancelledError:
                raise
            except Exception:
                rabbit = False
        self._record("rabbitmq", rabbit, time.perf_counter() - started)
        for queue in queues:
            ready, dead = depths.get(queue), depths.get(f"{queue}.dead")
            if ready is not None:
                QUEUE_READY.labels(self._service, queue).set(ready)
            if dead is not None:
                DEAD_LETTER_READY.labels(self._service, queue).set(dead)

    def _record(self, dependency: str, up: bool, seconds: float) -> None:
        DEPENDENCY_UP.labels(self._service, dependency).set(int(up))
        DEPENDENCY_CHECK_SECONDS.labels(self._service, dependency).set(seconds)
