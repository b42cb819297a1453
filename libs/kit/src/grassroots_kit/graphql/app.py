"""A subgraph's Starlette application: GraphQL, health, metrics, request ids, lifespan."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.http.ides import get_graphql_ide_html
from strawberry.http.streaming import HTTPStreamTransport, SSETransport
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.subscriptions import GRAPHQL_SSE_PROTOCOL
from strawberry.types import ExecutionResult

from grassroots_kit.gateway_signature import GatewaySignatureMiddleware
from grassroots_kit.graphql.errors import mask_unexpected
from grassroots_kit.graphql.ide import DEFAULT_NODE_MODULES, GraphiQLAssets
from grassroots_kit.graphql.operations import OperationRequest
from grassroots_kit.graphql.schema import SubgraphSchema
from grassroots_kit.host import ServiceHost
from grassroots_kit.http import RequestContextMiddleware, health_routes

ContextFactory = Callable[[Request], Awaitable[Any]]

# A comment line on an idle stream, so no proxy or load balancer between the gateway and the
# subgraph closes it for silence (most idle out at 60 s).
SSE_HEARTBEAT_SECONDS = 15.0


class _SSE(SSETransport):
    """Subscriptions as Server-Sent Events (graphql-sse's distinct connections mode), the way
    Hive Gateway's HTTP executor asks for them (`Accept: text/event-stream`).

    Lines end in LF: the gateway splits events on a blank line written "\n\n" and would never
    find one between Strawberry's CRLF-terminated lines (both are valid SSE)."""

    def __init__(self) -> None:
        super().__init__(heartbeat_interval=SSE_HEARTBEAT_SECONDS)

    def encode_event(self, event: str, data: str | None = None) -> str:
        return super().encode_event(event, data).replace("\r\n", "\n")

    def encode_comment(self, comment: str) -> str:
        return super().encode_comment(comment).replace("\r\n", "\n")


class _GraphQL(GraphQL[Any, None]):
    """Strawberry's ASGI view with a short path for what nearly every request is: one operation
    POSTed as JSON, run by the schema's `SubgraphOperations` (graphql/operations.py). Anything
    the short path does not recognise (batches, streams, uploads, the IDE, malformed bodies)
    takes Strawberry's own view, which answers as it always has; subscriptions are streamed
    as Server-Sent Events to requests that accept `text/event-stream` (the gateway's)."""

    stream_transport_classes_by_protocol: Mapping[str, type[HTTPStreamTransport]] = {
        GRAPHQL_SSE_PROTOCOL: _SSE
    }

    def __init__(
        self,
        schema: SubgraphSchema,
        context_factory: ContextFactory,
        *,
        ide: GraphiQLAssets | None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if ide is not None else None,
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_SSE_PROTOCOL,),
        )
        self._ide = ide
        self._schema = schema
        self._context_factory = context_factory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and _accepts_stream(scope):
            # A GET would carry the operation in its URL, outside the gateway's signature (which
            # covers the body): subscriptions come POSTed, as the gateway sends them.
            await PlainTextResponse("subscribe with POST", status_code=405)(scope, receive, send)
            return
        if scope["type"] != "http" or scope["method"] != "POST":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self._post(request)
        except HTTPException as e:
            response = PlainTextResponse(e.reason, status_code=e.status_code)
        await response(scope, receive, send)

    async def _post(self, request: Request) -> Response:
        if (
            "application/json" not in request.headers.get("content-type", "")
            # A subscription: Strawberry's view streams it (SSE).
            or "text/event-stream" in request.headers.get("accept", "")
        ):
            return await self.run(request)
        try:
            data = json.loads(await request.body())
        except ValueError:  # JSONDecodeError, or bytes that are not UTF-8
            return await self.run(request)
        if not isinstance(data, dict):
            return await self.run(request)
        query = data.get("query")
        variables = data.get("variables")
        operation_name = data.get("operationName")
        extensions = data.get("extensions")
        if not (
            isinstance(query, str)
            and query  # an empty query is Strawberry's "No GraphQL query found"
            and isinstance(variables, dict | None)
            and isinstance(operation_name, str | None)
            and isinstance(extensions, dict | None)
        ):
            return await self.run(request)
        context = await self._context_factory(request)
        try:
            result = await self._schema.operations.execute(
                self._schema,
                OperationRequest(query, variables, operation_name, extensions),
                context,
            )
        except CannotGetOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason()) from e
        return Response(
            json.dumps(process_result(result), separators=(",", ":")),
            media_type="application/json",
        )

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Each event of a subscription is a result of its own, which the operation extension
        # (graphql/operations.py) does not see: mask and translate its errors here too, so an
        # unexpected exception in a stream says nothing of itself.
        if result.errors:
            result.errors = mask_unexpected(result.errors)
        return process_result(result)

    async def render_graphql_ide(self, request: Request) -> Response:
        # Strawberry's page loads its scripts from unpkg.com; this one from the subgraph itself.
        assert self._ide is not None  # Strawberry renders the IDE only when one is configured
        return self._ide.page_response()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Any:
        assert isinstance(request, Request)
        return await self._context_factory(request)


def _media_cap(settings: object) -> int | None:
    cap = getattr(settings, "media_max_bytes", None)
    return cap + 64 * 1024 if isinstance(cap, int) else None


def _accepts_stream(scope: Scope) -> bool:
    accept = dict(scope.get("headers", [])).get(b"accept", b"")
    return b"text/event-stream" in accept


def create_service_app(
    *,
    host: ServiceHost,
    schema: SubgraphSchema,
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

    ide = None
    if settings.environment == "development":
        assets_dir = settings.graphiql_assets_dir
        ide = GraphiQLAssets(
            get_graphql_ide_html("graphiql"),
            Path(assets_dir) if assets_dir else DEFAULT_NODE_MODULES,
        )
    graphql = _GraphQL(schema, context_factory, ide=ide)
    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        *(ide.routes() if ide is not None else []),
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
    secret = settings.subgraph_signing_secret
    # Inside the request context (added last, so outermost): a refusal is counted and logged.
    app.add_middleware(
        GatewaySignatureMiddleware,
        secret=secret.get_secret_value().encode() if secret is not None else None,
        max_body_bytes=settings.max_body_bytes,
        introspection=settings.environment != "production",
        # A service that keeps photos (MediaSettings) takes bodies at /media/ a little over its
        # photo cap, so a photo just too large gets the service's own typed answer.
        media_max_body_bytes=_media_cap(settings),
    )
    app.add_middleware(
        RequestContextMiddleware,
        service=settings.service_name,
        default_locale=settings.default_locale,
    )
    return app
