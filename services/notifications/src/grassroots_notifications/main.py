"""create_app(settings): the notifications service's application. Nothing runs at import."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.auth import KeySource, TokenVerifier, jwks_from_url
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from grassroots_kit.live.wiring import live_feed
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_notifications import storage
from grassroots_notifications.adapters.directory import DirectoryStore
from grassroots_notifications.graphql.context import Context, build_context
from grassroots_notifications.graphql.schema import schema
from grassroots_notifications.handlers.composition import compose, notices_subscription
from grassroots_notifications.handlers.delivery import deliver_forever
from grassroots_notifications.handlers.projections import projection_subscription
from grassroots_notifications.handlers.watching import LIVE_TYPES
from grassroots_notifications.settings import NotificationsSettings


def create_app(
    settings: NotificationsSettings | None = None,
    *,
    keys: KeySource | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    """`keys` replaces the JWKS fetched from `settings.jwks_url` (tests sign their own tokens);
    `clock` replaces the wall clock (tests move time past quiet hours instead of waiting)."""
    settings = settings or NotificationsSettings()
    host = ServiceHost(settings, collections=storage.COLLECTIONS, indexes=storage.INDEXES)
    # Every replica hears every new notice, whichever replica committed it (myNotices).
    feed = live_feed(host, types=LIVE_TYPES, producers=PRODUCERS)
    ports, uow = compose(host, clock, live=feed)
    host.add_subscription(projection_subscription(host.db))
    host.add_subscription(notices_subscription(ports, uow))
    if settings.delivery_poll_seconds > 0:
        interval = settings.delivery_poll_seconds

        async def deliver() -> None:
            await deliver_forever(ports, interval)

        host.add_background(deliver)
    verifier = TokenVerifier(
        keys or jwks_from_url(settings.jwks_url), revoked=DirectoryStore(host.db).revoked_among
    )

    async def context(request: Request) -> Context:
        return await build_context(host, verifier, ports, request)

    app = create_service_app(host=host, schema=schema, context_factory=context)
    app.state.ports = ports
    return app
