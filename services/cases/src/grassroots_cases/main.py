"""create_app(settings): the cases service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_cases.adapters import cases, org_unit_projection
from grassroots_cases.graphql.context import Context
from grassroots_cases.graphql.schema import schema
from grassroots_cases.handlers.projections import projection_subscription
from grassroots_cases.settings import CasesSettings


def create_app(settings: CasesSettings | None = None) -> Starlette:
    settings = settings or CasesSettings()
    host = ServiceHost(
        settings,
        collections=[cases.COLLECTION, org_unit_projection.COLLECTION],
        indexes=[cases.INDEXES, org_unit_projection.INDEXES],
    )
    host.add_subscription(projection_subscription(host.db))

    async def context(request: Request) -> Context:
        return Context(host=host, request=request)

    return create_service_app(host=host, schema=schema, context_factory=context)
