"""create_app(settings): the points service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_kit.auth import KeySource, TokenVerifier, jwks_from_url
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_points import storage
from grassroots_points.adapters import people_projection
from grassroots_points.graphql.context import Context, build_context
from grassroots_points.graphql.schema import schema
from grassroots_points.handlers.composition import compose
from grassroots_points.handlers.projections import projection_subscription
from grassroots_points.handlers.reactions import awards_subscription
from grassroots_points.settings import PointsSettings


def create_app(
    settings: PointsSettings | None = None, *, keys: KeySource | None = None
) -> Starlette:
    """`keys` replaces the JWKS fetched from `settings.jwks_url` (tests sign their own tokens)."""
    settings = settings or PointsSettings()
    host = ServiceHost(settings, collections=storage.COLLECTIONS, indexes=storage.INDEXES)
    host.add_subscription(projection_subscription(host.db))
    points = compose(host)
    host.add_subscription(awards_subscription(points.uow))
    # A token whose role was revoked is refused once `role.revoked` reaches the projection.
    verifier = TokenVerifier(
        keys or jwks_from_url(settings.jwks_url),
        revoked=people_projection.PeopleProjection(host.db).revoked_among,
    )

    async def context(request: Request) -> Context:
        return await build_context(host, verifier, points.ports, request)

    return create_service_app(host=host, schema=schema, context_factory=context)
