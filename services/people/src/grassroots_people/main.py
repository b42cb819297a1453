"""create_app(settings): the people service's application. Nothing runs at import."""

from __future__ import annotations

from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.host import ServiceHost
from starlette.applications import Starlette
from starlette.requests import Request

from grassroots_people.adapters import org_units
from grassroots_people.graphql.context import Context
from grassroots_people.graphql.schema import schema
from grassroots_people.settings import PeopleSettings


def create_app(settings: PeopleSettings | None = None) -> Starlette:
    settings = settings or PeopleSettings()
    host = ServiceHost(settings, collections=[org_units.COLLECTION], indexes=[org_units.INDEXES])

    async def context(request: Request) -> Context:
        return Context(host=host, request=request)

    return create_service_app(host=host, schema=schema, context_factory=context)
