"""create_app(settings): the points service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_points.adapters import ledger, org_unit_projection
from grassroots_points.graphql.context import Context
from grassroots_points.graphql.schema import schema
from grassroots_points.handlers.projections import projection_subscription
from grassroots_points.settings import PointsSettings


def create_app(settings: PointsSettings | None = None) -> Starlette:
    settings = settings or PointsSettings()
    host = ServiceHost(
        settings,
        collections=[ledger.COLLECTION, org_unit_projection.COLLECTION],
        indexes=[ledger.INDEXES, org_unit_projection.INDEXES],
    )
    host.add_subscription(projection_subscription(host.db))

    async def context(request: Request) -> Context:
        return Context(host=host, request=request)

    return create_service_app(host=host, schema=schema, context_factory=context)
