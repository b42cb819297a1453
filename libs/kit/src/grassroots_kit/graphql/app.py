"""A subgraph's Starlette application: GraphQL, health, metrics, request ids, lifespan."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.federation import Schema

from grassroots_kit.host import ServiceHost
from grassroots_kit.http import RequestContextMiddleware, health_routes

ContextFactory = Callable[[Request], Awaitable[Any]]


class _GraphQL(GraphQL[Any, None]):
    def __init__(self, schema: Schema, context_factory: ContextFactory, *, ide: bool) -> None:
        super().__init__(
            schema, graphql_ide="graphiql" if ide else None, allow_queries_via_get=False
        )
        self._context_factory = context_factory

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Any:
        assert isinstance(request, Request)
        return await self._context_factory(request)


def create_service_app(
    *,
    host: ServiceHost,
    schema: Schema,
    context_factory: ContextFactory,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    settings = host.settings

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await host.start()
        try:
            yield
        finally:
            await host.stop()

    graphql = _GraphQL(schema, context_factory, ide=settings.environment == "development")
    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        *health_routes(
            live_info={
                "service": settings.service_name,
                "version": settings.service_version,
                "revision": settings.git_revision,
            },
            readiness=host.readiness,
        ),
        *extra_routes,
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.host = host
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)
    return app
