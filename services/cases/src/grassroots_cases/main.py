"""create_app(settings): the cases service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_contracts.producers import PRODUCERS
from grassroots_kit.auth import KeySource, TokenVerifier, jwks_from_url
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from grassroots_kit.live.wiring import live_feed
from grassroots_kit.media.hosting import keep_photos
from grassroots_kit.media.http import media_routes
from grassroots_kit.media.library import MediaLibrary
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_cases import storage
from grassroots_cases.adapters import district_codes, role_projection, rollups, search_terms
from grassroots_cases.adapters.photo_retention import MongoPhotoRetention
from grassroots_cases.graphql.context import Context, build_context
from grassroots_cases.graphql.schema import schema
from grassroots_cases.handlers.composition import cases_ports, photo_library
from grassroots_cases.handlers.deliberation import deliberation_subscription
from grassroots_cases.handlers.photo_sweeper import PhotoSweeper
from grassroots_cases.handlers.projections import projection_subscription
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_cases.handlers.watching import LIVE_TYPES
from grassroots_cases.settings import CasesSettings


def build_host(settings: CasesSettings) -> ServiceHost:
    """The service's host: its collections, indexes, boot steps, consumers and sweeper."""
    host, _ = _build(settings)
    return host


def _build(settings: CasesSettings) -> tuple[ServiceHost, MediaLibrary | None]:
    host = ServiceHost(settings, collections=storage.COLLECTIONS, indexes=storage.INDEXES)
    media = photo_library(host)

    async def build_rollups() -> None:
        await rollups.build_if_missing(host.db, settings.business_zone)

    async def adopt_district_codes() -> None:
        await district_codes.adopt_existing(host.db)

    async def store_search_terms() -> None:
        await search_terms.backfill(host.db)

    host.add_boot_step("case rollups", build_rollups)
    host.add_boot_step("district codes", adopt_district_codes)
    host.add_boot_step("case search terms", store_search_terms)
    host.add_subscription(projection_subscription(host.db, tz=settings.business_zone))
    host.add_subscription(deliberation_subscription(host.db, tz=settings.business_zone))
    if settings.sweep_seconds > 0:
        sweeper = Sweeper(cases_ports(host, media=media))

        async def sweep() -> None:
            await sweeper.run(settings.sweep_seconds)

        host.add_background(sweep)
    if media is not None:
        _keep_photos(host, media, settings)
    return host, media


def _keep_photos(host: ServiceHost, media: MediaLibrary, settings: CasesSettings) -> None:
    keep_photos(host, media, sweep_orphans=False)  # the photo sweeper below sweeps them too
    if settings.media_sweep_seconds > 0:
        photo_sweeper = PhotoSweeper(
            cases_ports(host, media=media),
            MongoPhotoRetention(host.db),
            retention_days=settings.media_retention_days,
        )

        async def sweep_photos() -> None:
            await photo_sweeper.run(settings.media_sweep_seconds)

        host.add_background(sweep_photos)


def create_app(
    settings: CasesSettings | None = None, *, keys: KeySource | None = None
) -> Starlette:
    """`keys` replaces the JWKS fetched from `settings.jwks_url` (tests sign their own tokens)."""
    settings = settings or CasesSettings()
    host, media = _build(settings)
    # A token whose role was revoked is refused once `role.revoked` reaches the projection.
    verifier = TokenVerifier(
        keys or jwks_from_url(settings.jwks_url),
        revoked=role_projection.RoleProjection(host.db).revoked_among,
    )
    # Every replica hears every case event, whichever replica committed it.
    feed = live_feed(host, types=LIVE_TYPES, producers=PRODUCERS)
    ports = cases_ports(host, media=media, live=feed)

    async def context(request: Request) -> Context:
        return await build_context(host, verifier, ports, request)

    return create_service_app(
        host=host,
        schema=schema,
        context_factory=context,
        extra_routes=media_routes(media) if media is not None else (),
    )
