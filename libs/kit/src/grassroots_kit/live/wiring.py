"""`live_feed(host, ...)`: a service's live feed, started with the host."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping

from tenacity import AsyncRetrying, retry_if_exception_type, wait_exponential

from grassroots_kit.host import ServiceHost
from grassroots_kit.live.history import OutboxHistory
from grassroots_kit.live.hub import LiveHub
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.messaging.live_queue import LiveQueue, live_queue_name

log = logging.getLogger(__name__)


def live_feed(
    host: ServiceHost,
    *,
    types: Collection[str],
    producers: Mapping[str, str],
    hub: LiveHub | None = None,
) -> LiveFeed:
    """A feed of `types` for this replica's subscribers: its queue is declared once the host
    has booted (and again by the robust connection after a broker outage); catch-up reads the
    host's own outbox, so `types` must be events this service publishes."""
    settings = host.settings
    hub = hub or LiveHub(
        settings.service_name,
        per_person=settings.live_subscriptions_per_person,
        total=settings.live_subscriptions_per_replica,
    )
    queue = LiveQueue(
        host.broker,
        queue_name=live_queue_name(settings.events_prefix, settings.service_name),
        routing_keys=types,
        producers=producers,
        deliver=hub.publish,
    )

    async def live_queue() -> None:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(Exception),
            wait=wait_exponential(multiplier=0.2, max=5.0),
        ):
            with attempt:
                await queue.start()
        log.info("live queue %s bound to %d routing keys", queue.queue_name, len(types))

    host.add_background(live_queue)
    return LiveFeed(
        hub=hub, types=frozenset(types), history=OutboxHistory(host.db), ready=queue.ready
    )
