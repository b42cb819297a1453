"""create_app(settings): the participation service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_kit.auth import KeySource, TokenVerifier, jwks_from_url
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from grassroots_kit.media.hosting import keep_photos
from grassroots_kit.media.http import media_routes
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_participation import storage
from grassroots_participation.adapters.people_projection import PeopleProjection
from grassroots_participation.graphql.context import Context, build_context
from grassroots_participation.graphql.schema import schema
from grassroots_participation.handlers.composition import (
    compose,
    compose_activities,
    compose_surveys,
    photo_library,
)
from grassroots_participation.handlers.deliberation import deliberation_subscription
from grassroots_participation.handlers.projections import projection_subscription
from grassroots_participation.handlers.surveys import sweep_forever
from grassroots_participation.settings import ParticipationSettings


def create_app(
    settings: ParticipationSettings | None = None, *, keys: KeySource | None = None
) -> Starlette:
    """`keys` replaces the JWKS fetched from `settings.jwks_url` (tests sign their own tokens)."""
    settings = settings or ParticipationSettings()
    host = ServiceHost(settings, collections=storage.COLLECTIONS, indexes=storage.INDEXES)
    host.add_subscription(projection_subscription(host.db))
    host.add_subscription(deliberation_subscription(host.db))
    ports = compose(host)
    media = photo_library(host)
    activities = compose_activities(host, media)
    if media is not None:
        keep_photos(host, media)
    survey_ports = compose_surveys(host, ports)
    if settings.survey_sweep_seconds > 0:
        interval = settings.survey_sweep_seconds

        async def sweep_surveys() -> None:
            await sweep_forever(survey_ports, interval)

        host.add_background(sweep_surveys)
    # A token whose role was revoked is refused once `role.revoked` reaches the projection.
    verifier = TokenVerifier(
        keys or jwks_from_url(settings.jwks_url), revoked=PeopleProjection(host.db).revoked_among
    )

    async def context(request: Request) -> Context:
        return await build_context(host, verifier, ports, request, activities, survey_ports)

    return create_service_app(
        host=host,
        schema=schema,
        context_factory=context,
        extra_routes=media_routes(media) if media is not None else (),
    )
